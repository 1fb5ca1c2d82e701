namespace Rapport.Core.Surveys;

/// <summary>Why a survey use case did not succeed; the web maps the kinds to 404, 400 and 409.</summary>
public enum SurveyErrorKind
{
    /// <summary>The survey, wave, invitation or token does not exist.</summary>
    NotFound,

    /// <summary>Bad input; <see cref="SurveyError.Field"/> names the field.</summary>
    Invalid,

    /// <summary>The request clashes with existing data (e.g. a wave name used twice).</summary>
    Conflict,

    /// <summary>The wave is not open (not yet or no longer).</summary>
    WaveClosed,

    /// <summary>The invitation was submitted; its answers can no longer change.</summary>
    Completed,
}

/// <summary>A failed use case: kind, message for the user, the field at fault when there is one, and for rejected
/// answers the error of each answer.</summary>
public sealed record SurveyError(SurveyErrorKind Kind, string Message, string? Field = null, IReadOnlyList<AnswerError>? AnswerErrors = null);

/// <summary>Either a value or an error.</summary>
public sealed record SurveyResult<T>(T? Value, SurveyError? Error)
{
    public bool Succeeded => Error is null;

    public static SurveyResult<T> Ok(T value) => new(value, null);

    public static SurveyResult<T> Fail(SurveyErrorKind kind, string message, string? field = null) =>
        new(default, new SurveyError(kind, message, field));

    public static implicit operator SurveyResult<T>(SurveyError error) => new(default, error);
}
