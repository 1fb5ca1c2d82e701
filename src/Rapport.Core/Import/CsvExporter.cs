using System.Text;
using System.Text.Json;
using Npgsql;

namespace Rapport.Core.Import;

/// <summary>What an export wrote.</summary>
public sealed record ExportResult(string File, string Entity, long Rows);

/// <summary>
/// Writes an entity as a CSV file (docs/import.md) — exactly the import columns, UTF-8 without BOM, comma, ISO dates, <c>.</c>
/// decimals, <c>true/false</c> — so that importing the export changes nothing. The rows stream from PostgreSQL's
/// <c>COPY … TO STDOUT</c> straight into the file. Interaction times are written in UTC. Each export is audit-logged
/// (contacts are personal data, docs/security.md#audit-log).
/// </summary>
public sealed class CsvExporter(NpgsqlDataSource dataSource)
{
    private const string Bool = "CASE WHEN {0} THEN 'true' WHEN NOT {0} THEN 'false' END";

    private static string B(string expression) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Bool, expression);

    private static string D(string expression) => $"to_char({expression}, 'YYYY-MM-DD')";

    /// <summary>The SELECT that produces the CSV columns (docs/import.md#columns) of <paramref name="entity"/>, in a stable order.</summary>
    public static string Query(ImportEntity entity) => entity switch
    {
        ImportEntity.Accounts => $"""
            SELECT a.external_id, a.name, a.industry, a.country, a.region, a.employees, a.business_type, a.acquisition_channel,
                   {D("a.acquired_on")} AS acquired_on, a.acquisition_cost, {B("a.key_account")} AS key_account,
                   u.email AS owner_email, p.external_id AS parent_external_id
            FROM accounts a
            LEFT JOIN users u ON u.id = a.owner_user_id
            LEFT JOIN accounts p ON p.id = a.parent_account_id
            ORDER BY a.external_id
            """,
        ImportEntity.Contacts => $"""
            SELECT c.external_id, a.external_id AS account_external_id, c.last_name, c.first_name, c.email, c.phone, c.job_title,
                   c.department, c.buying_role, {B("c.is_active")} AS active,
                   (SELECT {B("g.granted")} FROM consents g WHERE g.contact_id = c.id AND g.purpose = 'surveys') AS consent_surveys,
                   (SELECT {B("g.granted")} FROM consents g WHERE g.contact_id = c.id AND g.purpose = 'marketing') AS consent_marketing
            FROM contacts c JOIN accounts a ON a.id = c.account_id
            ORDER BY c.external_id
            """,
        ImportEntity.Orders => $"""
            SELECT o.order_no AS order_id, a.external_id AS account_external_id, {D("l.order_date")} AS order_date, l.net_amount,
                   l.product_sku, l.product_category, l.quantity, l.currency, l.margin
            FROM order_lines l
            JOIN orders o ON o.id = l.order_id
            JOIN accounts a ON a.id = l.account_id
            ORDER BY l.order_id, l.line_no
            """,
        ImportEntity.Interactions => """
            SELECT a.external_id AS account_external_id,
                   to_char(i.occurred_at AT TIME ZONE 'UTC',
                           CASE WHEN date_trunc('second', i.occurred_at) = i.occurred_at THEN 'YYYY-MM-DD HH24:MI:SS'
                                ELSE 'YYYY-MM-DD HH24:MI:SS.US' END) AS occurred_at,
                   i.channel, c.external_id AS contact_external_id, t.code AS touchpoint, p.code AS phase, i.direction, i.subject
            FROM interactions i
            JOIN accounts a ON a.id = i.account_id
            LEFT JOIN contacts c ON c.id = i.contact_id
            LEFT JOIN touchpoints t ON t.id = i.touchpoint_id
            LEFT JOIN business_phases p ON p.id = i.phase_id
            ORDER BY a.external_id, i.occurred_at, i.id
            """,
        ImportEntity.Contracts => $"""
            SELECT c.contract_no AS contract_id, a.external_id AS account_external_id, {D("c.start_date")} AS start_date,
                   {D("c.end_date")} AS end_date, c.notice_days, {B("c.auto_renew")} AS auto_renew, c.annual_value,
                   {D("c.terminated_on")} AS terminated_on
            FROM contracts c JOIN accounts a ON a.id = c.account_id
            ORDER BY c.contract_no
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "Unknown entity."),
    };

    /// <summary>Writes <paramref name="entity"/> to <paramref name="path"/> (overwriting it).</summary>
    public async Task<ExportResult> ExportAsync(ImportEntity entity, string path, string actor = "export", CancellationToken ct = default)
    {
        var name = CsvImporter.SchemaOf(entity).Entity;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        long rows = -1; // the header line
        var temp = path + ".partial";
        await using (var file = new StreamWriter(temp, append: false, new UTF8Encoding(false), 1 << 16))
        {
            using var reader = await connection.BeginTextExportAsync($"COPY ({Query(entity)}) TO STDOUT (FORMAT csv, HEADER)", ct);
            var buffer = new char[1 << 16];
            var inQuotes = false;
            int n;
            while ((n = await reader.ReadAsync(buffer, ct)) > 0)
            {
                // Count records, not physical lines: a quoted value may hold a line break.
                foreach (var c in buffer.AsSpan(0, n))
                {
                    if (c == '"')
                    {
                        inQuotes = !inQuotes;
                    }
                    else if (c == '\n' && !inQuotes)
                    {
                        rows++;
                    }
                }
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }
        File.Move(temp, path, overwrite: true);

        await using (var cmd = new NpgsqlCommand(
            "INSERT INTO audit_log (actor, action, entity, details) VALUES (@actor, 'export', @entity, @details::jsonb)", connection))
        {
            cmd.Parameters.AddWithValue("actor", actor);
            cmd.Parameters.AddWithValue("entity", name);
            cmd.Parameters.AddWithValue("details", JsonSerializer.Serialize(new { file = Path.GetFileName(path), rows }));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new ExportResult(path, name, rows);
    }
}
