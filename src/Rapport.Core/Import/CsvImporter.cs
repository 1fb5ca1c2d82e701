using Npgsql;
using NpgsqlTypes;
using Rapport.Analytics.Input;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Import;

/// <summary>
/// Imports a CSV file (docs/import.md) into the database (ADR 0004). The file is streamed once: each row is parsed with the
/// shared row rules (<see cref="Rules"/>) and written into a temporary staging table with binary COPY; set-based SQL then
/// checks references and duplicates, counts, and upserts. All of it runs in one transaction, so an invalid file changes
/// nothing unless <see cref="ImportOptions.SkipInvalid"/> is set; <see cref="ImportOptions.DryRun"/> rolls back at the end.
/// </summary>
public sealed class CsvImporter(NpgsqlDataSource dataSource)
{
    internal const string NotUtf8 = "not valid UTF-8 (save the file as UTF-8)";

    /// <summary>Imports one file. Invalid input is a result with <see cref="ImportStatus.Invalid"/>, never an exception.</summary>
    public Task<ImportResult> ImportAsync(ImportOptions options, CancellationToken ct = default) => options.Entity switch
    {
        ImportEntity.Accounts => RunAsync(options, c => new AccountImport(c), ct),
        ImportEntity.Contacts => RunAsync(options, c => new ContactImport(c), ct),
        ImportEntity.Orders => RunAsync(options, c => new OrderImport(c), ct),
        ImportEntity.Interactions => RunAsync(options, c => new InteractionImport(c), ct),
        ImportEntity.Contracts => RunAsync(options, c => new ContractImport(c), ct),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Entity, "Unknown entity."),
    };

    /// <summary>The CSV columns (docs/import.md#columns) of an entity.</summary>
    public static EntitySchema SchemaOf(ImportEntity entity) => entity switch
    {
        ImportEntity.Accounts => AccountRules.Schema,
        ImportEntity.Contacts => ContactRules.Schema,
        ImportEntity.Orders => OrderLineRules.Schema,
        ImportEntity.Interactions => InteractionRules.Schema,
        ImportEntity.Contracts => ContractRules.Schema,
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "Unknown entity."),
    };

    /// <summary>
    /// Runs the import; when the entity loads rows itself (<see cref="EntityImport{TInput}.LoadAsync"/>) and meets input
    /// it leaves to the general path, the transaction is rolled back and the file imported again with every row staged.
    /// </summary>
    private async Task<ImportResult> RunAsync<T>(ImportOptions options, Func<ImportContext, EntityImport<T>> create, CancellationToken ct)
        where T : class =>
        await RunOnceAsync(options, create, stageAll: options.StageAll, ct)
        ?? await RunOnceAsync(options, create, stageAll: true, ct)
        ?? throw new InvalidOperationException("The staging import cannot fall back.");

    private async Task<ImportResult?> RunOnceAsync<T>(ImportOptions options, Func<ImportContext, EntityImport<T>> create, bool stageAll,
        CancellationToken ct) where T : class
    {
        var schema = SchemaOf(options.Entity);
        var result = new ImportResult { File = options.Path, Entity = schema.Entity, DryRun = options.DryRun, StagedEveryRow = stageAll };
        ImportResult Invalid(params ImportError[] errors) =>
            result with { Status = ImportStatus.Invalid, Errors = errors, ErrorCount = errors.Length };

        if (!File.Exists(options.Path))
        {
            return Invalid(new ImportError(0, null, "file not found"));
        }
        var stream = new FileStream(options.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        CsvRowReader reader;
        string[] header;
        char delimiter;
        try
        {
            (reader, header, delimiter) = CsvSource.Open(stream, options.Path);
        }
        catch (AnalyticsInputException ex)
        {
            await stream.DisposeAsync();
            if (ex.Message.Contains("UTF-8", StringComparison.Ordinal))
            {
                // The reader decodes ahead of the header, so the bad byte may be in any of the first rows: find it.
                return Invalid(new ImportError(Utf8Scan.FirstInvalidLine(options.Path) ?? 1, null, NotUtf8));
            }
            var message = ex.Message.StartsWith(options.Path + ": ", StringComparison.Ordinal) ? ex.Message[(options.Path.Length + 2)..] : ex.Message;
            return Invalid(new ImportError(1, null, message.TrimEnd('.')));
        }

        using (reader)
        {
            var mapErrors = new List<ImportError>();
            var map = ColumnMap.Build(schema, header, options.Map, mapErrors);
            if (map is null)
            {
                return Invalid([.. mapErrors]);
            }
            var context = new ImportContext(options, map, options.Today ?? DateOnly.FromDateTime(DateTime.Now), stageAll);
            var entity = create(context);
            var format = new ValueFormat(options.DateFormat, CommaDecimal: delimiter == ';');

            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            // Two imports of one entity at a time would race on the same keys (e.g. both inserting a new order):
            // the second waits for the first to commit.
            await ExecuteAsync(connection, "SET LOCAL work_mem = '256MB'; SELECT pg_advisory_xact_lock(hashtext('rapport.import.' || @entity))", ct,
                new NpgsqlParameter("entity", schema.Entity));
            await entity.PrepareAsync(connection, ct);
            var stageColumns = string.Join(", ", entity.StageColumns.Select(c => $"{c.Name} {c.SqlType}"));
            await ExecuteAsync(connection, $"""
                CREATE TEMP TABLE import_stage (line bigint NOT NULL, raw text, reason text, {stageColumns}) ON COMMIT DROP;
                CREATE TEMP TABLE import_errors (check_no int NOT NULL, line bigint NOT NULL, col text, message text NOT NULL) ON COMMIT DROP;
                """, ct);

            var errors = new ErrorCollector(options.MaxErrors);
            var source = new RowSource(reader, header.Length, delimiter, map, schema, format, errors, options, stream);
            var read = stageAll ? await StageAllAsync(connection, source, entity, ct) : await entity.LoadAsync(connection, source, ct);
            if (read.Fallback)
            {
                await tx.RollbackAsync(ct);
                return null;
            }
            if (read.Fatal is { } fatal)
            {
                return Invalid(fatal);
            }
            var rowsRead = read.Rows;
            Report(options, rowsRead, stream.Length, stream.Length, "checking");

            await ExecuteAsync(connection, "ANALYZE import_stage", ct);
            await entity.AfterStageAsync(connection, ct);
            await RunChecksAsync(connection, entity, map, schema, options.SkipInvalid, ct);
            var (sqlErrorCount, sqlInvalidRows, sqlErrors) = await ReadCheckErrorsAsync(connection, options.MaxErrors, ct);
            var allErrors = errors.Errors.Concat(sqlErrors).OrderBy(e => e.Row).Take(options.MaxErrors).ToList();
            var errorCount = errors.ErrorCount + sqlErrorCount;
            var rejected = errors.InvalidRows + sqlInvalidRows;
            result = result with { RowsRead = rowsRead, ErrorCount = errorCount, Errors = allErrors, Rejected = rejected };

            if (errorCount > 0 && !options.SkipInvalid)
            {
                await tx.RollbackAsync(ct);
                return result with { Status = ImportStatus.Invalid };
            }

            var counts = await entity.CountAsync(connection, ct);
            result = result with { Inserted = counts.Inserted, Updated = counts.Updated, Unchanged = counts.Unchanged };
            if (options.DryRun)
            {
                await tx.RollbackAsync(ct);
                return result;
            }

            Report(options, rowsRead, stream.Length, stream.Length, "writing");
            await entity.ApplyAsync(connection, ct);
            await AuditAsync(connection, options, result, ct);
            if (options.SkipInvalid)
            {
                await WriteRejectsAsync(connection, options.RejectsPath, header, delimiter, ct);
                result = result with { RejectsFile = options.RejectsPath };
            }
            await tx.CommitAsync(ct);
            return result;
        }
    }

    /// <summary>The general path: every row goes into <c>import_stage</c> (invalid ones with --skip-invalid, with their reason).</summary>
    internal static async Task<StreamOutcome> StageAllAsync<T>(NpgsqlConnection connection, RowSource source, EntityImport<T> entity,
        CancellationToken ct) where T : class
    {
        var copy = $"COPY import_stage (line, raw, reason, {string.Join(", ", entity.StageColumns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(copy, ct);
        var outcome = StageRows(source, entity, writer, ct);
        if (outcome.Fatal is null)
        {
            await writer.CompleteAsync(ct);
        }
        return outcome;
    }

    private static StreamOutcome StageRows<T>(RowSource source, EntityImport<T> entity, NpgsqlBinaryImporter writer, CancellationToken ct)
        where T : class
    {
        var (reader, options) = (source.Reader, source.Options);
        var rows = new RowChecker<T>(source, entity);
        while (true)
        {
            if (rows.Next(ct) is { } end)
            {
                return end;
            }
            if (rows.Input is { } input)
            {
                writer.StartRow();
                writer.Write(reader.LineNumber, NpgsqlDbType.Bigint);
                writer.Text(options.SkipInvalid ? rows.Raw() : null);
                writer.WriteNull();
                entity.Write(writer, input);
                continue;
            }
            if (options.SkipInvalid)
            {
                writer.StartRow();
                writer.Write(reader.LineNumber, NpgsqlDbType.Bigint);
                writer.Text(rows.Raw());
                writer.Text(rows.Reason);
                for (var i = 0; i < entity.StageColumns.Count; i++)
                {
                    writer.WriteNull();
                }
            }
        }
    }

    private static async Task RunChecksAsync<T>(NpgsqlConnection connection, EntityImport<T> entity, ColumnMap map, EntitySchema schema,
        bool skipInvalid, CancellationToken ct) where T : class
    {
        var checkNo = 0;
        foreach (var check in entity.Checks())
        {
            checkNo++;
            var column = check.Column.Length == 0 ? null : map.FileName(schema, check.Column);
            while (true)
            {
                var found = await ExecuteAsync(connection, $"""
                    INSERT INTO import_errors (check_no, line, col, message)
                    SELECT @check, c.line, @col, c.message FROM ({check.Sql}) AS c(line, message)
                    """, ct, new NpgsqlParameter("check", checkNo), new NpgsqlParameter("col", (object?)column ?? DBNull.Value));
                if (!skipInvalid || found == 0)
                {
                    break;
                }
                await ExecuteAsync(connection, """
                    UPDATE import_stage s
                    SET reason = CASE WHEN e.col IS NULL THEN e.message ELSE format('column %L: %s', e.col, e.message) END
                    FROM import_errors e
                    WHERE e.check_no = @check AND e.line = s.line AND s.reason IS NULL
                    """, ct, new NpgsqlParameter("check", checkNo));
                if (!check.Repeat)
                {
                    break;
                }
            }
        }
    }

    private static async Task<(long Errors, long Rows, List<ImportError> First)> ReadCheckErrorsAsync(NpgsqlConnection connection, int max, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*), count(DISTINCT line) FROM import_errors;
            SELECT line, col, message FROM import_errors ORDER BY line, check_no LIMIT @max;
            """, connection);
        cmd.Parameters.AddWithValue("max", max);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var count = reader.GetInt64(0);
        var rows = reader.GetInt64(1);
        await reader.NextResultAsync(ct);
        var list = new List<ImportError>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new ImportError(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        }
        return (count, rows, list);
    }

    private static async Task AuditAsync(NpgsqlConnection connection, ImportOptions options, ImportResult result, CancellationToken ct)
    {
        var details = System.Text.Json.JsonSerializer.Serialize(new
        {
            file = Path.GetFileName(options.Path),
            rowsRead = result.RowsRead,
            inserted = result.Inserted,
            updated = result.Updated,
            unchanged = result.Unchanged,
            rejected = result.Rejected,
        });
        await ExecuteAsync(connection, """
            INSERT INTO audit_log (actor, action, entity, details) VALUES (@actor, 'import', @entity, @details::jsonb)
            """, ct, new NpgsqlParameter("actor", options.Actor), new NpgsqlParameter("entity", result.Entity), new NpgsqlParameter("details", details));
    }

    private static async Task WriteRejectsAsync(NpgsqlConnection connection, string path, string[] header, char delimiter, CancellationToken ct)
    {
        await using var rejects = await RejectsFile.CreateAsync(path, header, delimiter, ct);
        await using var cmd = new NpgsqlCommand("SELECT raw, reason FROM import_stage WHERE reason IS NOT NULL ORDER BY line", connection);
        cmd.CommandTimeout = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            await rejects.WriteAsync(reader.GetString(0), reader.GetString(1), ct);
        }
    }

    /// <summary>Runs one statement of an import (no timeout: imports take as long as their files); returns the rows affected.</summary>
    internal static async Task<long> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var cmd = PgSql.Command(connection, sql);
        cmd.CommandTimeout = 0;
        cmd.Parameters.AddRange(parameters);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static void Report(ImportOptions options, long rows, long position, long length, string stage) =>
        options.Progress?.Report(new ImportProgress(rows, Math.Min(position, length), length, stage));
}
