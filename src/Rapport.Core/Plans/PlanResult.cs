namespace Rapport.Core.Plans;

/// <summary>Why an account-plan use case did not succeed; the web maps the kinds to 404, 400 and 409.</summary>
public enum PlanErrorKind
{
    /// <summary>The plan, goal, map entry or action does not exist.</summary>
    NotFound,

    /// <summary>Bad input; <see cref="PlanError.Field"/> names the field.</summary>
    Invalid,

    /// <summary>The account is not a key account: plans are for key accounts only (field <c>accountId</c>).</summary>
    NotKeyAccount,

    /// <summary>The request clashes with the state of the data (a second active plan, a change to an archived plan).</summary>
    Conflict,
}

/// <summary>A failed use case: kind, message for the user and the field at fault when there is one.</summary>
public sealed record PlanError(PlanErrorKind Kind, string Message, string? Field = null);

/// <summary>Either a value or an error.</summary>
public sealed record PlanResult<T>(T? Value, PlanError? Error)
{
    public bool Succeeded => Error is null;

    public static PlanResult<T> Ok(T value) => new(value, null);

    public static PlanResult<T> Fail(PlanErrorKind kind, string message, string? field = null) =>
        new(default, new PlanError(kind, message, field));

    public static implicit operator PlanResult<T>(PlanError error) => new(default, error);
}
