using Npgsql;
using Rapport.Demo;

namespace Rapport.Testing;

/// <summary>A test database with the demo company seeded once (150 accounts, pinned date) for the whole class.</summary>
public sealed class DemoDatabase : TestDatabase, IAsyncLifetime
{
    public static readonly DateOnly AsOf = new(2025, 6, 30);

    public static DemoOptions Options(bool replace = false) => new() { Accounts = 150, Seed = 7, AsOf = AsOf, Replace = replace };

    public DemoSeedSummary Summary { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var result = await DemoSeeder.SeedAsync(DataSource, Options());
        Summary = result.Summary ?? throw new InvalidOperationException(result.Message);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync() || await reader.IsDBNullAsync(0))
        {
            throw new InvalidOperationException($"No value from: {sql}");
        }
        return await reader.GetFieldValueAsync<T>(0);
    }

    /// <summary>An md5 per table over the rows' natural keys and values (no generated ids or timestamps of the write).</summary>
    public async Task<Dictionary<string, string>> DigestAsync()
    {
        var queries = new Dictionary<string, string>
        {
            ["accounts"] = """
                SELECT concat_ws('|', a.external_id, a.name, a.industry, a.country, a.region, a.employees, a.business_type,
                    a.acquisition_channel, a.acquired_on, a.acquisition_cost, a.key_account, u.email, p.external_id, a.segment)
                FROM accounts a LEFT JOIN users u ON u.id = a.owner_user_id LEFT JOIN accounts p ON p.id = a.parent_account_id
                """,
            ["account_shares"] = """
                SELECT concat_ws('|', a.external_id, u.email) FROM account_shares s
                JOIN accounts a ON a.id = s.account_id JOIN users u ON u.id = s.user_id
                """,
            ["contacts"] = """
                SELECT concat_ws('|', c.external_id, a.external_id, c.first_name, c.last_name, c.email, c.phone, c.job_title,
                    c.department, c.buying_role, c.is_active, c.language, c.inactive_since)
                FROM contacts c JOIN accounts a ON a.id = c.account_id
                """,
            ["consents"] = """
                SELECT concat_ws('|', c.external_id, x.purpose, x.granted, x.source, x.recorded_at)
                FROM consents x JOIN contacts c ON c.id = x.contact_id
                """,
            ["order_lines"] = """
                SELECT concat_ws('|', o.order_no, a.external_id, o.order_date, l.line_no, l.product_sku, l.product_category,
                    l.quantity, l.net_amount, l.margin)
                FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN accounts a ON a.id = l.account_id
                """,
            ["interactions"] = """
                SELECT concat_ws('|', a.external_id, c.external_id, i.occurred_at, i.channel, t.code, p.code, i.direction, i.subject)
                FROM interactions i JOIN accounts a ON a.id = i.account_id LEFT JOIN contacts c ON c.id = i.contact_id
                LEFT JOIN touchpoints t ON t.id = i.touchpoint_id LEFT JOIN business_phases p ON p.id = i.phase_id
                """,
            ["contracts"] = """
                SELECT concat_ws('|', k.contract_no, a.external_id, k.start_date, k.end_date, k.notice_days, k.auto_renew,
                    k.annual_value, k.terminated_on)
                FROM contracts k JOIN accounts a ON a.id = k.account_id
                """,
            ["products"] = "SELECT concat_ws('|', sku, name, category) FROM products",
            ["complaints"] = """
                SELECT concat_ws('|', a.external_id, c.received_at, c.category, c.severity, c.subject, c.status, c.due_at, c.resolved_at,
                    c.confirmed_at, c.handling_satisfaction, c.reopen_count, (SELECT count(*) FROM complaint_events e WHERE e.complaint_id = c.id))
                FROM complaints c JOIN accounts a ON a.id = c.account_id
                """,
        };
        var digests = new Dictionary<string, string>();
        foreach (var (table, rows) in queries)
        {
            digests[table] = await ScalarAsync<string>(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') FROM ({rows}) AS t(r)");
        }
        return digests;
    }
}
