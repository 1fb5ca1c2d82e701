using Rapport.Core.Common;

namespace Rapport.Core.Loyalty;

/// <summary>
/// The expected failures of the loyalty use cases. The codes of the conflicts are part of the API: a 409 carries them
/// as <c>code</c> (e.g. <c>insufficient_balance</c>) so that clients can tell them apart.
/// </summary>
public static class LoyaltyErrors
{
    /// <summary>The account, reward, entry or redemption does not exist.</summary>
    public static Error NotFound(string message) => new(ErrorKind.NotFound, "not_found", message);

    /// <summary>Bad input on <paramref name="field"/> (API name).</summary>
    public static Error Invalid(string message, string field) => Error.Validation(field, message);

    public static Error NotEnrolled(string message) => new(ErrorKind.Conflict, "not_enrolled", message);

    public static Error AlreadyEnrolled(string message) => new(ErrorKind.Conflict, "already_enrolled", message);

    /// <summary>The balance does not cover the points asked for.</summary>
    public static Error InsufficientBalance(string message) => new(ErrorKind.Conflict, "insufficient_balance", message);

    public static Error OutOfStock(string message) => new(ErrorKind.Conflict, "out_of_stock", message);

    /// <summary>The request clashes with the state of the data (e.g. an entry reversed twice).</summary>
    public static Error Conflict(string message) => new(ErrorKind.Conflict, "conflict", message);
}
