using System.Text;
using Rapport.Analytics.Input;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Import;

/// <summary>What an import reads: the open file after its header, how columns map, and where row errors go.</summary>
internal sealed record RowSource(CsvRowReader Reader, int HeaderLength, char Delimiter, ColumnMap Map, EntitySchema Schema,
    ValueFormat Format, ErrorCollector Errors, ImportOptions Options, FileStream File);

/// <summary>
/// How reading the file ended: the rows read, or a fatal error (the file cannot be read on), or <see cref="Fallback"/>:
/// the input needs the general path, which imports the file again with every row staged.
/// </summary>
internal readonly record struct StreamOutcome(long Rows, ImportError? Fatal = null, bool Fallback = false);

/// <summary>Keeps the first errors in file order and counts all of them.</summary>
internal sealed class ErrorCollector(int max)
{
    public List<ImportError> Errors { get; } = [];
    public long ErrorCount { get; private set; }
    public long InvalidRows { get; private set; }

    public void Add(ImportError error)
    {
        ErrorCount++;
        if (Errors.Count < max)
        {
            Errors.Add(error);
        }
    }

    public void RowRejected() => InvalidRows++;
}

/// <summary>
/// Reads the rows of a <see cref="RowSource"/> one at a time and applies the entity's row rules: after
/// <see cref="Next"/>, either <see cref="Input"/> holds the valid row, or the row's errors are recorded (naming row and
/// file column) and <see cref="Reason"/> sums them up for the rejects file.
/// </summary>
internal sealed class RowChecker<T>(RowSource source, EntityImport<T> entity, bool reportProgress = true) where T : class
{
    private const int ProgressEvery = 16_384;

    private readonly CsvRecord _record = new(source.Reader, source.Map);
    private readonly StringBuilder _raw = new();
    private readonly List<FieldError> _rowErrors = [];
    private readonly List<string> _reasons = [];

    public long Rows { get; private set; }

    public T? Input { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>Moves to the next row; returns how reading ended when there is none (or the file is not UTF-8).</summary>
    public StreamOutcome? Next(CancellationToken ct)
    {
        var reader = source.Reader;
        bool more;
        try
        {
            more = reader.Read();
        }
        catch (DecoderFallbackException)
        {
            var line = Utf8Scan.FirstInvalidLine(source.Options.Path) ?? reader.LineNumber;
            return new StreamOutcome(Rows, new ImportError(line, null, CsvImporter.NotUtf8));
        }
        if (!more)
        {
            return new StreamOutcome(Rows);
        }
        Rows++;
        if (Rows % ProgressEvery == 0)
        {
            ct.ThrowIfCancellationRequested();
            if (reportProgress)
            {
                CsvImporter.Report(source.Options, Rows, source.File.Position, source.File.Length, "reading");
            }
        }

        Input = null;
        Reason = null;
        _rowErrors.Clear();
        T? input = null;
        if (reader.FieldCount > source.HeaderLength)
        {
            _rowErrors.Add(new FieldError("", $"the row has {reader.FieldCount} fields but the header has {source.HeaderLength} (a value containing '{source.Delimiter}' must be quoted)"));
        }
        else
        {
            var parsed = entity.Parse(_record, source.Format);
            _rowErrors.AddRange(parsed.Errors);
            if (parsed.IsValid)
            {
                entity.CheckRow(parsed.Input, _rowErrors);
            }
            input = parsed.Input;
        }
        if (_rowErrors.Count == 0)
        {
            Input = input;
            return null;
        }

        _reasons.Clear();
        foreach (var e in _rowErrors)
        {
            var column = e.Field.Length == 0 ? null : source.Map.FileName(source.Schema, e.Field);
            source.Errors.Add(new ImportError(reader.LineNumber, column, e.Message));
            _reasons.Add(column is null ? e.Message : $"column '{column}': {e.Message}");
        }
        source.Errors.RowRejected();
        Reason = string.Join("; ", _reasons);
        return null;
    }

    /// <summary>The current row re-encoded as one CSV line, for the rejects file.</summary>
    public string Raw() => CsvText.Record(source.Reader, source.Delimiter, _raw);
}
