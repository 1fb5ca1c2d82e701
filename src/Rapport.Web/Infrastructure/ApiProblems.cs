using Microsoft.AspNetCore.Http.HttpResults;
using Rapport.Core.Common;

namespace Rapport.Web.Infrastructure;

/// <summary>
/// The one place where expected failures (<see cref="Error"/>) become RFC 9457 problem details: 400 with field errors,
/// 403, 404, 409. Unexpected exceptions go through <see cref="ProblemDetailsExceptionHandler"/> instead.
/// </summary>
internal static class ApiProblems
{
    private const string ValidationTitle = "The request is invalid.";

    private const string ValidationDetail = "See 'errors' for the fields concerned.";

    public static ValidationProblem Validation(FieldErrors errors) => ToValidationProblem(Error.Validation(errors));

    public static ValidationProblem Validation(string field, string message) => ToValidationProblem(Error.Validation(field, message));

    public static ProblemHttpResult NotFound(string entity, object id) => Error.NotFound(entity, id).ToProblem();

    public static ProblemHttpResult Conflict(string detail) => Error.Conflict(detail).ToProblem();

    public static ProblemHttpResult Forbidden(string detail) => Error.Forbidden(detail).ToProblem();

    /// <summary>
    /// The one mapping of an expected failure to problem details. Validation failures keep the shape of
    /// <see cref="TypedResults.ValidationProblem(IDictionary{string, string[]}, string?, string?, string?, string?, IDictionary{string, object?}?)"/>
    /// (an <c>errors</c> member, no <c>code</c>); every other kind carries its <see cref="Error.Code"/>.
    /// </summary>
    public static ProblemHttpResult ToProblem(this Error error) => error.Kind switch
    {
        ErrorKind.Validation => TypedResults.Problem(ToValidationProblem(error).ProblemDetails),
        ErrorKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", error),
        ErrorKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", error),
        _ => Problem(StatusCodes.Status409Conflict, "Conflict", error),
    };

    /// <summary>A validation failure as the typed result, for endpoints whose OpenAPI description lists the 400.</summary>
    public static ValidationProblem ToValidationProblem(this Error error) => error.Kind == ErrorKind.Validation
        ? TypedResults.ValidationProblem(error.Fields ?? new Dictionary<string, string[]>(StringComparer.Ordinal), title: ValidationTitle, detail: ValidationDetail)
        : throw new ArgumentException($"Only validation errors become a validation problem, not {error.Kind}.", nameof(error));

    private static ProblemHttpResult Problem(int status, string title, Error error) =>
        TypedResults.Problem(statusCode: status, title: title, detail: error.Message,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = error.Code });
}
