namespace Rapport.Core.Import.Rules;

/// <summary>A column of an import file (docs/import.md#columns) (and field of the matching API request).</summary>
public sealed record ColumnSpec(string Name, bool Required);

/// <summary>The columns of one importable entity, in the order of docs/import.md#columns (which is also the export order).</summary>
public sealed class EntitySchema
{
    private readonly Dictionary<string, int> _index;

    /// <param name="entity">The entity name used on the command line (<c>accounts</c>).</param>
    /// <param name="columns">The columns in the order of docs/import.md#columns.</param>
    public EntitySchema(string entity, IReadOnlyList<ColumnSpec> columns)
    {
        Entity = entity;
        Columns = columns;
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
        {
            _index.Add(columns[i].Name, i);
        }
    }

    /// <summary>Entity name (<c>accounts</c>, <c>contacts</c>, …).</summary>
    public string Entity { get; }

    /// <summary>Columns in the order of docs/import.md#columns.</summary>
    public IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>Ordinal of a column (case-insensitive), or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name.Trim(), out var i) ? i : -1;

    /// <summary>Column names, comma-separated, for messages.</summary>
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
}
