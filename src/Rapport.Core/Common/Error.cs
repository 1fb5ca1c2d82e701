namespace Rapport.Core.Common;

/// <summary>The kinds of expected failure; the host maps each to one HTTP status (docs/architecture.md, "Errors").</summary>
public enum ErrorKind
{
    /// <summary>The thing does not exist, or the caller may not see it (both answer 404, so existence is not revealed).</summary>
    NotFound,

    /// <summary>Bad input; <see cref="Error.Fields"/> names the fields at fault.</summary>
    Validation,

    /// <summary>The request clashes with the current state: a duplicate key, a change made meanwhile, a forbidden transition.</summary>
    Conflict,

    /// <summary>The caller may see the thing but not do this to it.</summary>
    Forbidden,
}

/// <summary>
/// An expected failure of a use case: its kind, a stable code (e.g. <c>complaint.invalid_transition</c>), one sentence
/// for the user and, for bad input, the fields at fault under their API names. Features declare theirs as one-liners
/// beside the feature (e.g. <c>ComplaintErrors</c>).
/// </summary>
public sealed record Error(ErrorKind Kind, string Code, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    /// <summary>The (first) field the error concerns, or null; features whose failures concern one field read it here.</summary>
    public string? Field => Fields?.Keys.FirstOrDefault();

    public static Error NotFound(string entity, object id) =>
        new(ErrorKind.NotFound, "not_found", FormattableString.Invariant($"There is no {entity} with id {id}."));

    public static Error Validation(string field, string message) =>
        new(ErrorKind.Validation, "validation", message, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    public static Error Validation(FieldErrors errors) =>
        new(ErrorKind.Validation, "validation", "See 'errors' for the fields concerned.", errors.ToDictionary());

    public static Error Conflict(string message, string code = "conflict") => new(ErrorKind.Conflict, code, message);

    public static Error Forbidden(string message, string code = "forbidden") => new(ErrorKind.Forbidden, code, message);

    /// <summary>An error of any kind that names the field (or CLI option) it concerns, e.g. a conflict on <c>email</c>.</summary>
    public static Error On(string field, ErrorKind kind, string code, string message) =>
        new(kind, code, message, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}

/// <summary>Field errors collected while validating a request, keyed by the camelCase field name.</summary>
public sealed class FieldErrors
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
    /// Adds the broken rules of the shared import rules (CSV column names such as <c>account_external_id</c>) under
    /// their API names (<c>accountExternalId</c>), optionally below <paramref name="prefix"/> (<c>lines[2].</c>).
    /// </summary>
    public void AddRules(IEnumerable<Import.Rules.FieldError> ruleErrors, string prefix = "")
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
