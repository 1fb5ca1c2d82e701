namespace Rapport.Core.Import.Rules;

/// <summary>
/// Raw field texts of one record, addressed by the ordinal of the field in its <see cref="EntitySchema"/>.
/// The CSV importer implements it over the current row (no allocation per field); the HTTP API uses
/// <see cref="FieldValues"/> over a dictionary.
/// </summary>
public interface IFieldValues
{
    /// <summary>Whether the field is supplied at all (a column of the file, a property of the request).</summary>
    bool IsPresent(int field);

    /// <summary>The raw text of the field; empty when absent or empty.</summary>
    ReadOnlySpan<char> Get(int field);
}

/// <summary>Field texts held as strings, e.g. from a JSON request or a test.</summary>
public sealed class FieldValues : IFieldValues
{
    private readonly string?[] _values;

    private FieldValues(string?[] values) => _values = values;

    /// <summary>
    /// Field texts by CSV column name (docs/import.md#columns) (case-insensitive). A name that is not a column of <paramref name="schema"/>
    /// throws <see cref="ArgumentException"/>: callers pass their own known field names, never user-chosen keys.
    /// A null value counts as absent, an empty string as present but empty.
    /// </summary>
    public static FieldValues From(EntitySchema schema, IEnumerable<KeyValuePair<string, string?>> values)
    {
        var array = new string?[schema.Columns.Count];
        foreach (var (name, value) in values)
        {
            var i = schema.IndexOf(name);
            if (i < 0)
            {
                throw new ArgumentException($"'{name}' is not a field of {schema.Entity}.", nameof(values));
            }
            array[i] = value;
        }
        return new FieldValues(array);
    }

    /// <inheritdoc />
    public bool IsPresent(int field) => _values[field] is not null;

    /// <inheritdoc />
    public ReadOnlySpan<char> Get(int field) => _values[field];
}
