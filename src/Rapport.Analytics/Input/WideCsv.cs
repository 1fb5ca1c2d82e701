using System.Text;

namespace Rapport.Analytics.Input;

/// <summary>
/// Streaming reader for "wide" CSV files: one row per respondent or case, one column per variable (e.g. the item
/// codes of docs/surveys.md#item-codes). Built on <see cref="CsvSource"/>, so it follows docs/import.md#file-format: UTF-8 with optional BOM, comma or
/// semicolon detected from the header line, <c>.</c> decimal point and, in semicolon files, <c>,</c> too.
/// Empty cells read as <see cref="double.NaN"/> (unanswered). Errors are <see cref="AnalyticsInputException"/>s
/// naming the file, the row (line of the file, header = line 1) and the column.
/// </summary>
public sealed class WideCsvReader : IDisposable
{
    private readonly CsvRowReader _reader;
    private readonly string[] _columns;

    private WideCsvReader(string fileName, CsvRowReader reader, string[] columns, char delimiter)
    {
        FileName = fileName;
        _reader = reader;
        _columns = columns;
        Delimiter = delimiter;
    }

    /// <summary>The file name as given (used in messages).</summary>
    public string FileName { get; }

    /// <summary>The detected delimiter, <c>,</c> or <c>;</c>.</summary>
    public char Delimiter { get; }

    /// <summary>Header names, trimmed, in file order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Line of the file where the current row starts (header = 1).</summary>
    public long Row => _reader.LineNumber;

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="AnalyticsInputException">The file is missing or empty, or a header name is repeated.</exception>
    public static WideCsvReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (reader, header, delimiter) = CsvSource.Open(path);
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                // An unnamed column is allowed (R writes row names that way) but cannot be referenced.
                if (header[i].Length > 0 && !seen.Add(header[i]))
                {
                    throw new AnalyticsInputException($"{path}: row 1: column '{header[i]}' appears more than once in the header.");
                }
            }
            return new WideCsvReader(path, reader, header, delimiter);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Index of a column (exact name, else case-insensitive), or −1.</summary>
    public int IndexOf(string column) => CsvSource.Find(_columns, column);

    /// <summary>Index of a column that must exist.</summary>
    /// <param name="column">The column name.</param>
    /// <param name="optionName">The option that named the column (e.g. <c>--target</c>), for the message; may be null.</param>
    /// <exception cref="AnalyticsInputException">The column is not in the header; the message lists the columns present.</exception>
    public int RequireColumn(string column, string? optionName = null)
    {
        var i = IndexOf(column);
        if (i < 0)
        {
            var given = optionName is null ? "" : $" (given by {optionName})";
            throw new AnalyticsInputException(
                $"{FileName}: column '{column}'{given} is not in the header. Columns: {string.Join(", ", _columns)}.");
        }
        return i;
    }

    /// <summary>Advances to the next row; false at the end of the file. Blank lines are skipped.</summary>
    /// <exception cref="AnalyticsInputException">The row is not UTF-8 or has a different number of fields than the header.</exception>
    public bool Read()
    {
        bool more;
        try
        {
            more = _reader.Read();
        }
        catch (DecoderFallbackException)
        {
            throw new AnalyticsInputException($"{FileName}: row {_reader.LineNumber} is not valid UTF-8 (save the file as UTF-8).");
        }
        if (more && _reader.FieldCount != _columns.Length)
        {
            throw new AnalyticsInputException(
                $"{FileName}: row {_reader.LineNumber} has {_reader.FieldCount} fields but the header has {_columns.Length} " +
                $"(fields are separated by '{Delimiter}').");
        }
        return more;
    }

    /// <summary>Text of a cell in the current row, trimmed.</summary>
    public string GetText(int column) => _reader[column].Trim().ToString();

    /// <summary>Number in a cell of the current row; <see cref="double.NaN"/> when the cell is empty (unanswered).</summary>
    /// <exception cref="AnalyticsInputException">The cell is not a finite number; the message names file, row and column.</exception>
    public double GetNumber(int column)
    {
        var cell = _reader[column].Trim();
        if (cell.IsEmpty)
        {
            return double.NaN;
        }
        if (CellParsers.TryParseNumber(cell, Delimiter == ';', out var value))
        {
            return value;
        }
        throw new AnalyticsInputException(
            $"{FileName}: row {Row}, column '{_columns[column]}': '{cell}' is not a number.");
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
