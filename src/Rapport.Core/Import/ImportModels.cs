namespace Rapport.Core.Import;

/// <summary>What a CSV file holds (docs/import.md).</summary>
public enum ImportEntity { Accounts, Contacts, Orders, Interactions, Contracts }

/// <summary>
/// The options every CSV import shares, whatever the file holds (docs/import.md): the entity imports of
/// <see cref="CsvImporter"/> and the survey responses import.
/// </summary>
public record CsvImportOptions
{
    /// <summary>The CSV file.</summary>
    public required string Path { get; init; }

    /// <summary>Validate and count what would be inserted and updated; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Import the valid rows and write the rejected ones with a <c>reason</c> column to <see cref="RejectsPath"/>.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>A .NET custom date format replacing ISO dates (<c>dd.MM.yyyy</c>).</summary>
    public string? DateFormat { get; init; }

    /// <summary><c>--map</c> entries: <c>target=source</c> (the file's column source feeds our column target) or <c>ignore=source</c> / <c>-=source</c> (ignore it); comma-separated lists allowed.</summary>
    public IReadOnlyList<string> Map { get; init; } = [];

    /// <summary>How many errors are reported in detail; all are counted.</summary>
    public int MaxErrors { get; init; } = 50;

    /// <summary>Who imports, for the audit log.</summary>
    public string Actor { get; init; } = "import";

    /// <summary>Where rejected rows go with <see cref="SkipInvalid"/>: <c>FILE.rejects.csv</c>.</summary>
    public string RejectsPath => Path + ".rejects.csv";
}

/// <summary>How to import one file of an entity.</summary>
public sealed record ImportOptions : CsvImportOptions
{
    /// <summary>What the file holds.</summary>
    public required ImportEntity Entity { get; init; }

    /// <summary>The day segments are computed for (Zielgruppe, docs/domain.md#glossary); today when null.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>Receives progress while the file is read and written.</summary>
    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>Tests: take the general path (every row staged) even where an entity loads rows directly.</summary>
    internal bool StageAll { get; init; }

    /// <summary>Tests: rows per chunk of the order loader (small values put chunk boundaries inside orders).</summary>
    internal int OrderChunkRows { get; init; } = 16_384;
}

/// <summary>Progress of an import: rows read so far, bytes of the file consumed, and the current stage.</summary>
public readonly record struct ImportProgress(long RowsRead, long BytesRead, long TotalBytes, string Stage);

/// <summary>One problem with the input. <paramref name="Row"/> counts lines of the file (the header is line 1; 0 = an option);
/// <paramref name="Column"/> is the file's column name where one is concerned.</summary>
public sealed record ImportError(long Row, string? Column, string Message)
{
    /// <summary>"row 3, column 'name': a value is required".</summary>
    public override string ToString() =>
        (Row > 0 ? $"row {Row}" : "") + (Column is null ? "" : (Row > 0 ? ", " : "") + $"column '{Column}'") +
        (Row > 0 || Column is not null ? ": " : "") + Message;
}

/// <summary>Outcome of an import.</summary>
public enum ImportStatus
{
    /// <summary>The valid rows were written (all rows, unless rows were skipped with --skip-invalid), or would be with --dry-run.</summary>
    Imported,
    /// <summary>The input is invalid and nothing was written.</summary>
    Invalid,
}

/// <summary>What an import read, wrote and rejected. Order imports count order lines.</summary>
public record ImportResult
{
    public required string File { get; init; }
    public required string Entity { get; init; }
    public ImportStatus Status { get; init; }
    public long RowsRead { get; init; }
    /// <summary>Rows that created a record (order lines of new orders).</summary>
    public long Inserted { get; init; }
    /// <summary>Rows that changed an existing record (order lines of changed orders, which are replaced).</summary>
    public long Updated { get; init; }
    /// <summary>Rows equal to what the database already holds.</summary>
    public long Unchanged { get; init; }
    /// <summary>Invalid rows: skipped with --skip-invalid, else the reason nothing was written.</summary>
    public long Rejected { get; init; }
    public bool DryRun { get; init; }
    /// <summary>All errors found (only the first <see cref="CsvImportOptions.MaxErrors"/> are in <see cref="Errors"/>).</summary>
    public long ErrorCount { get; init; }
    /// <summary>The first errors, ordered by row.</summary>
    public IReadOnlyList<ImportError> Errors { get; init; } = [];
    /// <summary>The rejects file written with --skip-invalid, else null.</summary>
    public string? RejectsFile { get; init; }

    /// <summary>Tests: whether the general path (every row staged) produced this result.</summary>
    internal bool StagedEveryRow { get; init; }
}
