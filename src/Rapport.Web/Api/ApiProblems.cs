using Microsoft.AspNetCore.Http.HttpResults;
using Rapport.Core.Identity;

namespace Rapport.Web.Api;

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

    /// <summary>Maps a failed identity use case; validation failures name their field.</summary>
    public static IResult From(IdentityFailure failure) => failure.Kind switch
    {
        IdentityFailureKind.Invalid => Validation(failure.Field, failure.Message),
        IdentityFailureKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: failure.Message),
        _ => Conflict(failure.Message),
    };
}

/// <summary>Field errors collected while validating a request, keyed by the camelCase field name.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
    }

    /// <summary>
    /// Adds the broken rules of the shared import rules (the CSV column names of docs/import.md#columns, such as <c>account_external_id</c>) under
    /// their API names (<c>accountExternalId</c>), optionally below <paramref name="prefix"/> (<c>lines[2].</c>).
    /// </summary>
    public void AddRules(IEnumerable<Rapport.Core.Import.Rules.FieldError> ruleErrors, string prefix = "")
    {
        foreach (var error in ruleErrors)
        {
            Add(prefix + FieldName(error.Field), error.Message);
        }
    }

    public bool Has(string field) => errors.ContainsKey(field);

    /// <summary><c>account_external_id</c> → <c>accountExternalId</c>.</summary>
    public static string FieldName(string column)
    {
        var parts = column.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
