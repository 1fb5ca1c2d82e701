namespace Rapport.Core.Complaints;

/// <summary>Why a complaint use case did not succeed; the API maps the kinds to 404, 400 and 409.</summary>
public enum ComplaintErrorKind
{
    /// <summary>The complaint (or the link's token) does not exist.</summary>
    NotFound,

    /// <summary>Bad input; <see cref="ComplaintError.Field"/> names the field.</summary>
    Invalid,

    /// <summary>The action is not allowed in the complaint's current status (e.g. confirming an open complaint).</summary>
    InvalidTransition,

    /// <summary>Someone else changed the complaint at the same moment; reload and try again.</summary>
    Conflict,
}

/// <summary>A failed use case with a message for the user and, for bad input, the field at fault (API name).</summary>
public sealed record ComplaintError(ComplaintErrorKind Kind, string Message, string? Field = null);

/// <summary>Either a value or an error.</summary>
public sealed record ComplaintResult<T>(T? Value, ComplaintError? Error)
{
    public bool Succeeded => Error is null;

    public static ComplaintResult<T> Ok(T value) => new(value, null);

    public static implicit operator ComplaintResult<T>(ComplaintError error) => new(default, error);
}

/// <summary>Who acts: a user (by id and e-mail), the customer through the confirmation link, or the system.</summary>
public sealed record ComplaintActor(long? UserId, string Name)
{
    public static ComplaintActor Customer { get; } = new(null, "customer");

    public static ComplaintActor System { get; } = new(null, "system");

    public static ComplaintActor User(long id, string email) => new(id, email);
}
