namespace Rapport.Core.Identity;

/// <summary>Why an identity use case did not do what was asked; callers map these to exit codes or problem details.</summary>
public enum IdentityFailureKind { Invalid, NotFound, Conflict }

/// <summary>An expected failure of an identity use case, naming the field or option it concerns.</summary>
public sealed record IdentityFailure(IdentityFailureKind Kind, string Field, string Message);

/// <summary>Either a value or an <see cref="IdentityFailure"/>.</summary>
public readonly record struct IdentityResult<T>
{
    private IdentityResult(T? value, IdentityFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public IdentityFailure? Failure { get; }

    public bool Succeeded => Failure is null;

    public static IdentityResult<T> Ok(T value) => new(value, null);

    public static IdentityResult<T> Fail(IdentityFailureKind kind, string field, string message) =>
        new(default, new IdentityFailure(kind, field, message));

    public static implicit operator IdentityResult<T>(IdentityFailure failure) => new(default, failure);
}
