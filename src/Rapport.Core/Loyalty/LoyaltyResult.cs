namespace Rapport.Core.Loyalty;

/// <summary>Why a loyalty use case did not succeed; the web maps the kinds to 404, 400 and 409.</summary>
public enum LoyaltyErrorKind
{
    /// <summary>The account, reward, entry or redemption does not exist.</summary>
    NotFound,

    /// <summary>Bad input; <see cref="LoyaltyError.Field"/> names the field.</summary>
    Invalid,

    /// <summary>The account is not enrolled in the program.</summary>
    NotEnrolled,

    /// <summary>The account is already enrolled.</summary>
    AlreadyEnrolled,

    /// <summary>The balance does not cover the points asked for.</summary>
    InsufficientBalance,

    /// <summary>The reward has no stock left.</summary>
    OutOfStock,

    /// <summary>The request clashes with the state of the data (e.g. an entry reversed twice).</summary>
    Conflict,
}

/// <summary>A failed use case: kind, message for the user and the field at fault when there is one.</summary>
public sealed record LoyaltyError(LoyaltyErrorKind Kind, string Message, string? Field = null);

/// <summary>Either a value or an error.</summary>
public sealed record LoyaltyResult<T>(T? Value, LoyaltyError? Error)
{
    public bool Succeeded => Error is null;

    public static LoyaltyResult<T> Ok(T value) => new(value, null);

    public static LoyaltyResult<T> Fail(LoyaltyErrorKind kind, string message, string? field = null) =>
        new(default, new LoyaltyError(kind, message, field));

    public static implicit operator LoyaltyResult<T>(LoyaltyError error) => new(default, error);
}
