using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Common;

/// <summary>The outcome of a use case that returns a value: the value, or an <see cref="Common.Error"/>.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Error error) => Fail(error);
}

/// <summary>The outcome of a use case without a value: success, or an <see cref="Common.Error"/>.</summary>
public readonly record struct Result
{
    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static Result Ok() => new(null);

    public static Result Fail(Error error) => new(error);

    public static implicit operator Result(Error error) => Fail(error);
}
