namespace Rapport.Core.Import.Rules;

/// <summary>
/// One broken rule of one record: <paramref name="Field"/> is the CSV column name (docs/import.md#columns) (<c>account_external_id</c>),
/// which the CSV importer turns into the file's column and the HTTP API into a problem-details field error.
/// </summary>
public sealed record FieldError(string Field, string Message);

/// <summary>How raw texts are read: by default (docs/import.md#file-format) ISO dates and <c>.</c> as decimal point.</summary>
/// <param name="DateFormat">A .NET custom date format (<c>dd.MM.yyyy</c>) that replaces ISO dates, or null.</param>
/// <param name="CommaDecimal">Accept <c>,</c> as decimal point too (semicolon-separated files).</param>
public sealed record ValueFormat(string? DateFormat = null, bool CommaDecimal = false)
{
    /// <summary>ISO dates, <c>.</c> decimal point: what the HTTP API and comma-separated files use.</summary>
    public static readonly ValueFormat Default = new();
}

/// <summary>The outcome of parsing one record: the typed input (fields that failed are null) and the broken rules.</summary>
public sealed record RuleResult<T>(T Input, IReadOnlyList<FieldError> Errors) where T : class
{
    /// <summary>True when no rule is broken.</summary>
    public bool IsValid => Errors.Count == 0;
}
