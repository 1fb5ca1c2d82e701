using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Import;

/// <summary>A column of the staging table (besides <c>line</c>, <c>raw</c> and <c>reason</c>).</summary>
internal sealed record StageColumn(string Name, string SqlType);

/// <summary>
/// A set-based check over the staging table <c>import_stage s</c>: <see cref="Sql"/> selects <c>(line, message)</c> of the
/// offending rows among those still valid (<c>s.reason IS NULL</c>). With <see cref="Repeat"/>, --skip-invalid runs it
/// again after rejecting rows, because rejecting one row can invalidate another (a parent account).
/// </summary>
internal sealed record SqlCheck(string Column, string Sql, bool Repeat = false);

/// <summary>Row counts of what an import does.</summary>
internal readonly record struct ImportCounts(long Inserted, long Updated, long Unchanged);

/// <summary>A CSV column (docs/import.md#columns) that an upsert writes: the target column and the expression over the staging row that feeds it.</summary>
internal sealed record Binding(int Field, string Column, string Source);

/// <summary>
/// One importable entity: how a row is parsed and staged, which set-based checks run on the staging table, how the
/// inserted/updated/unchanged rows are counted, and the final set-based SQL. Everything runs inside the importer's
/// single transaction.
/// </summary>
internal abstract class EntityImport<TInput>(ImportContext context) where TInput : class
{
    protected ImportContext Context { get; } = context;

    protected bool Present(int field) => Context.Map.IsPresent(field);

    public abstract EntitySchema Schema { get; }

    public abstract IReadOnlyList<StageColumn> StageColumns { get; }

    public abstract RuleResult<TInput> Parse(IFieldValues values, ValueFormat format);

    /// <summary>Loads small lookups (touchpoint codes, account ids for orders) before the file is read.</summary>
    public virtual Task PrepareAsync(NpgsqlConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Runs after the file is staged (and analysed), before <see cref="Checks"/>: e.g. per-order aggregates.</summary>
    public virtual Task AfterStageAsync(NpgsqlConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Checks of a parsed row against the lookups of <see cref="PrepareAsync"/>.</summary>
    public virtual void CheckRow(TInput input, List<FieldError> errors)
    {
    }

    /// <summary>
    /// Reads the file and writes what the checks and <see cref="ApplyAsync"/> need; by default every row goes into
    /// <c>import_stage</c>. An entity may write rows to their tables directly and return <see cref="StreamOutcome.Fallback"/>
    /// for input it leaves to the general path (the import then starts again with <see cref="ImportContext.StageAll"/>).
    /// </summary>
    public virtual Task<StreamOutcome> LoadAsync(NpgsqlConnection connection, RowSource source, CancellationToken ct) =>
        CsvImporter.StageAllAsync(connection, source, this, ct);

    /// <summary>Writes <see cref="StageColumns"/> of a valid row, in order.</summary>
    public abstract void Write(NpgsqlBinaryImporter writer, TInput input);

    public abstract IEnumerable<SqlCheck> Checks();

    public abstract Task<ImportCounts> CountAsync(NpgsqlConnection connection, CancellationToken ct);

    public abstract Task ApplyAsync(NpgsqlConnection connection, CancellationToken ct);

    /// <summary>The check that a key appears only once among the valid rows; the message names all rows holding it.</summary>
    /// <param name="column">The CSV column reported (docs/import.md#columns).</param>
    /// <param name="keyColumn">The staging column holding the key.</param>
    /// <param name="what">How the message names the key; with <paramref name="showKey"/> the key value follows.</param>
    protected static SqlCheck Duplicates(string column, string keyColumn, string what, bool showKey = true) => new(column, $"""
        WITH d AS (
            SELECT {keyColumn} AS k, array_agg(line ORDER BY line) AS lines
            FROM import_stage WHERE reason IS NULL GROUP BY 1 HAVING count(*) > 1)
        SELECT s.line, format('{what}{(showKey ? " %L" : "")} appears more than once in the file (rows %s)',
                              {(showKey ? "d.k, " : "")}array_to_string(d.lines[1:10], ', ') || CASE WHEN cardinality(d.lines) > 10 THEN ', …' ELSE '' END)
        FROM import_stage s JOIN d ON d.k = s.{keyColumn}
        WHERE s.reason IS NULL
        """);

    /// <summary>The check that <c>s.account_external_id</c> names an account in the database.</summary>
    protected static SqlCheck AccountExists() => new("account_external_id", """
        SELECT s.line, format('no account with external_id %L in the database', s.account_external_id)
        FROM import_stage s
        WHERE s.reason IS NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.external_id = s.account_external_id)
        """);

    protected IEnumerable<Binding> PresentBindings(IEnumerable<Binding> bindings) =>
        bindings.Where(b => b.Field < 0 || Present(b.Field));

    protected static string Changed(IReadOnlyCollection<Binding> bindings, string table, string? sourceAlias)
    {
        if (bindings.Count == 0)
        {
            return "false";
        }
        var left = string.Join(", ", bindings.Select(b => $"{table}.{b.Column}"));
        var right = string.Join(", ", bindings.Select(b => sourceAlias is null ? b.Source : $"{sourceAlias}.{b.Column}"));
        return $"ROW({left}) IS DISTINCT FROM ROW({right})";
    }

    protected static Task<long> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params NpgsqlParameter[] parameters) =>
        CsvImporter.ExecuteAsync(connection, sql, ct, parameters);

    protected static async Task<ImportCounts> ReadCountsAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = PgSql.Command(connection, sql);
        cmd.CommandTimeout = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new ImportCounts(
            reader.IsDBNull(0) ? 0 : reader.GetInt64(0),
            reader.IsDBNull(1) ? 0 : reader.GetInt64(1),
            reader.IsDBNull(2) ? 0 : reader.GetInt64(2));
    }
}

/// <summary>What every entity import needs to know about the run; <see cref="StageAll"/> when every row must be staged.</summary>
internal sealed record ImportContext(ImportOptions Options, ColumnMap Map, DateOnly Today, bool StageAll = true)
{
    /// <summary>The consent source recorded for consents set by this import.</summary>
    public string Source => $"import {System.IO.Path.GetFileName(Options.Path)}";
}

/// <summary>Typed writes of nullable values into a binary COPY, named by column type for the entity imports.</summary>
internal static class StageWriter
{
    public static void Text(this NpgsqlBinaryImporter w, string? value) => w.WriteNullable(value, NpgsqlDbType.Text);

    public static void Int(this NpgsqlBinaryImporter w, int? value) => w.WriteNullable(value, NpgsqlDbType.Integer);

    public static void Long(this NpgsqlBinaryImporter w, long? value) => w.WriteNullable(value, NpgsqlDbType.Bigint);

    public static void Decimal(this NpgsqlBinaryImporter w, decimal? value) => w.WriteNullable(value, NpgsqlDbType.Numeric);

    public static void Date(this NpgsqlBinaryImporter w, DateOnly? value) => w.WriteNullable(value, NpgsqlDbType.Date);

    /// <summary>Timestamps go out as UTC <see cref="DateTime"/>, which Npgsql writes to <c>timestamptz</c> for any offset.</summary>
    public static void Timestamp(this NpgsqlBinaryImporter w, DateTimeOffset? value) => w.WriteNullable(value?.UtcDateTime, NpgsqlDbType.TimestampTz);

    public static void Bool(this NpgsqlBinaryImporter w, bool? value) => w.WriteNullable(value, NpgsqlDbType.Boolean);
}
