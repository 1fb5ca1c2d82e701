using Rapport.Core.Common;

namespace Rapport.Core.Surveys;

/// <summary>The expected failures of the survey use cases (the API answers 404, 400 and 409).</summary>
public static class SurveyErrors
{
    public const string NotFoundCode = "survey.not_found";
    public const string ConflictCode = "survey.conflict";
    public const string WaveClosedCode = "survey.wave_closed";
    public const string CompletedCode = "survey.completed";
    public const string InvalidAnswersCode = "survey.invalid_answers";

    /// <summary>The survey, wave, invitation or token does not exist.</summary>
    public static Error NotFound(string message) => new(ErrorKind.NotFound, NotFoundCode, message);

    /// <summary>Bad input on <paramref name="field"/> (API name).</summary>
    public static Error Invalid(string message, string field) => Error.Validation(field, message);

    /// <summary>The request clashes with existing data; <paramref name="field"/> names the value taken (e.g. a wave name used twice).</summary>
    public static Error Conflict(string message, string? field = null) =>
        field is null ? new(ErrorKind.Conflict, ConflictCode, message) : Error.On(field, ErrorKind.Conflict, ConflictCode, message);

    /// <summary>The wave is not open (not yet or no longer).</summary>
    public static Error WaveClosed(string message) => new(ErrorKind.Conflict, WaveClosedCode, message);

    /// <summary>The invitation was submitted; its answers can no longer change.</summary>
    public static Error Completed(string message) => new(ErrorKind.Conflict, CompletedCode, message);

    /// <summary>Rejected answers: one field per answer, keyed by <see cref="AnswerKey"/> in its text form.</summary>
    public static Error InvalidAnswers(IReadOnlyList<AnswerError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var fields = new FieldErrors();
        foreach (var error in errors)
        {
            fields.Add(error.Key.ToString(), error.Message);
        }
        return new(ErrorKind.Validation, InvalidAnswersCode, string.Join(" ", errors.Select(e => e.Message)), fields.ToDictionary());
    }
}
