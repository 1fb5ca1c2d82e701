using Rapport.Core.Import.Rules;

namespace Rapport.Core.Import;

/// <summary>
/// Which file column feeds which CSV column (docs/import.md#columns). Header names match case-insensitively. <c>--map target=source</c> lets the
/// file's column <c>source</c> feed our column <c>target</c>; <c>--map -=source</c> (or <c>ignore=source</c>) ignores a
/// column. Every other file column must be a CSV column of the entity: unknown columns are an error, so that no data is dropped silently.
/// </summary>
internal sealed class ColumnMap
{
    public const string IgnoreTarget = "-";

    private ColumnMap(int[] sourceIndex, string[] fileNames)
    {
        SourceIndex = sourceIndex;
        FileNames = fileNames;
    }

    /// <summary>Per CSV column ordinal (docs/import.md#columns): the file column index, or -1 when the file does not have it.</summary>
    public int[] SourceIndex { get; }

    /// <summary>Per CSV column ordinal: the name the file uses (for messages); the column's own name when absent.</summary>
    public string[] FileNames { get; }

    public bool IsPresent(int field) => SourceIndex[field] >= 0;

    /// <summary>The file's name for a CSV column (or the name itself when it is not a column).</summary>
    public string FileName(EntitySchema schema, string column)
    {
        var i = schema.IndexOf(column);
        return i < 0 ? column : FileNames[i];
    }

    /// <summary>Builds the map; problems go to <paramref name="errors"/> (row 1 = header, row 0 = the --map option).</summary>
    public static ColumnMap? Build(EntitySchema schema, string[] header, IReadOnlyList<string> mapSpecs, List<ImportError> errors)
    {
        var sourceIndex = Enumerable.Repeat(-1, schema.Columns.Count).ToArray();
        var used = new bool[header.Length];
        var ok = true;

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                errors.Add(new ImportError(1, null, $"column {i + 1} of the header has no name (remove it, or name it and ignore it with --map ignore=NAME)"));
                ok = false;
            }
            else if (!seen.TryAdd(header[i], i))
            {
                errors.Add(new ImportError(1, header[i], $"appears twice in the header (columns {seen[header[i]] + 1} and {i + 1})"));
                ok = false;
            }
        }

        foreach (var entry in mapSpecs.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == entry.Length - 1)
            {
                errors.Add(new ImportError(0, null, $"--map: '{entry}' is not target=source (use ignore=source to ignore a column)"));
                ok = false;
                continue;
            }
            var target = entry[..eq].Trim();
            var source = entry[(eq + 1)..].Trim();
            if (!seen.TryGetValue(source, out var src))
            {
                errors.Add(new ImportError(1, source, $"--map {entry}: the file has no column '{source}' (columns: {string.Join(", ", header)})"));
                ok = false;
                continue;
            }
            used[src] = true;
            if (target == IgnoreTarget || target.Equals("ignore", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var t = schema.IndexOf(target);
            if (t < 0)
            {
                errors.Add(new ImportError(0, null, $"--map {entry}: '{target}' is not a column of {schema.Entity} (columns: {schema.ColumnList})"));
                ok = false;
            }
            else if (sourceIndex[t] >= 0)
            {
                errors.Add(new ImportError(0, null, $"--map: column '{schema.Columns[t].Name}' is mapped twice"));
                ok = false;
            }
            else
            {
                sourceIndex[t] = src;
            }
        }

        for (var i = 0; i < header.Length; i++)
        {
            if (used[i] || header[i].Length == 0)
            {
                continue;
            }
            var t = schema.IndexOf(header[i]);
            if (t < 0)
            {
                errors.Add(new ImportError(1, header[i],
                    $"unknown column (columns of {schema.Entity}: {schema.ColumnList}); map it with --map COLUMN={header[i]} or ignore it with --map ignore={header[i]}"));
                ok = false;
            }
            else if (sourceIndex[t] >= 0)
            {
                errors.Add(new ImportError(1, header[i],
                    $"'{schema.Columns[t].Name}' is also given by --map from column '{header[sourceIndex[t]]}'; ignore one with --map ignore={header[i]}"));
                ok = false;
            }
            else
            {
                sourceIndex[t] = i;
            }
        }

        for (var t = 0; t < schema.Columns.Count; t++)
        {
            if (schema.Columns[t].Required && sourceIndex[t] < 0)
            {
                errors.Add(new ImportError(1, schema.Columns[t].Name,
                    $"required column is missing from the header (columns found: {string.Join(", ", header)})"));
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }
        var names = new string[schema.Columns.Count];
        for (var t = 0; t < names.Length; t++)
        {
            names[t] = sourceIndex[t] >= 0 ? header[sourceIndex[t]] : schema.Columns[t].Name;
        }
        return new ColumnMap(sourceIndex, names);
    }
}
