using Rapport.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Rapport.Core.Identity;

namespace Rapport.Web.Infrastructure;

/// <summary>
/// The one place where expected failures become RFC 9457 problem details: 400 with field errors, 403, 404, 409.
/// Unexpected exceptions go through <see cref="ProblemDetailsExceptionHandler"/> instead.
/// </summary>
internal static class ApiProblems
{
    public static ValidationProblem Validation(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is invalid.",
            detail: "See 'errors' for the fields concerned.");

    public static ValidationProblem Validation(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static ProblemHttpResult NotFound(string entity, object id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: $"There is no {entity} with id {id}.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    /// <summary>The one mapping of an expected failure of a use case to RFC 9457 problem details.</summary>
    public static IResult ToProblem(this Error error) => error.Kind switch
    {
        ErrorKind.Validation => TypedResults.ValidationProblem(
            error.Fields ?? new Dictionary<string, string[]>(StringComparer.Ordinal),
            title: "The request is invalid.", detail: error.Message),
        ErrorKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", error),
        ErrorKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", error),
        _ => Problem(StatusCodes.Status409Conflict, "Conflict", error),
    };

    private static ProblemHttpResult Problem(int status, string title, Error error) =>
        TypedResults.Problem(statusCode: status, title: title, detail: error.Message,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = error.Code });

    /// <summary>Maps a failed identity use case; validation failures name their field.</summary>
    public static IResult From(IdentityFailure failure) => failure.Kind switch
    {
        IdentityFailureKind.Invalid => Validation(failure.Field, failure.Message),
        IdentityFailureKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: failure.Message),
        _ => Conflict(failure.Message),
    };
}
