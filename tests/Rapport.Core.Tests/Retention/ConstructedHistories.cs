using Npgsql;
using Rapport.Analytics.Retention;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;
using Rapport.Testing;

namespace Rapport.Core.Tests.Retention;

/// <summary>
/// Accounts with constructed histories, one per lifecycle rule of docs/retention.md#lifecycle-phases and per signal type of docs/retention.md#early-warning-signals, among 40 ordinary
/// customers that give the models a population to fit on; scored once as of <see cref="AsOf"/> with the first-run backfill.
/// Complaints come from a test fact source, the way a complaints feature plugs into the job.
/// </summary>
public sealed class ConstructedHistories : TestDatabase, IAsyncLifetime
{
    public static readonly DateOnly AsOf = new(2025, 6, 30);

    /// <summary>How many ordinary customers surround the constructed ones.</summary>
    public const int Fillers = 80;

    public ScoringSummary Run { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await ExecuteAsync("INSERT INTO users (email, display_name, role, preferred_language) VALUES ('owner@test.rapport', 'Owner', 'account_manager', 'de')");

        // Ordinary customers as the models assume them: each buys at its own random rate and, after any purchase, may
        // drop out for good (seeded, so the data is the same every time).
        var random = new Random(20250630);
        for (var g = 1; g <= Fillers; g++)
        {
            var id = $"F-{g:00}";
            await AccountAsync(id);
            var meanGap = 7 + (random.NextDouble() * 80);
            var dropout = 0.01 + (random.NextDouble() * 0.06);
            var days = new List<DateOnly>();
            for (var day = new DateOnly(2021, 1, 1).AddDays(random.Next(0, 900)); day <= AsOf; day = day.AddDays(1 + (int)(-meanGap * Math.Log(1 - random.NextDouble()))))
            {
                days.Add(day);
                if (random.NextDouble() < dropout)
                {
                    break;
                }
            }
            await OrdersOnAsync(id, days, 300 + random.Next(0, 3000));
        }

        await AccountAsync("L-INIT");
        await AccountAsync("L-LAPSED");
        await OrdersAsync("L-LAPSED", new(2021, 3, 1), new(2024, 6, 13), "300 days", 20000);
        await AccountAsync("L-NOTICE");
        await OrdersAsync("L-NOTICE", new(2022, 1, 1), new(2025, 6, 1), "1 month", 1000);
        await ExecuteAsync("""
            INSERT INTO contracts (contract_no, account_id, start_date, end_date, notice_days, auto_renew, terminated_on)
            SELECT 'C-NOTICE', id, '2023-01-01', '2025-12-31', 90, false, '2025-05-15' FROM accounts WHERE external_id = 'L-NOTICE'
            """);
        await AccountAsync("L-SILENT");
        await OrdersAsync("L-SILENT", new(2022, 1, 3), new(2024, 9, 30), "7 days", 400);
        await AccountAsync("L-REVIVED");
        await OrdersAsync("L-REVIVED", new(2021, 1, 1), new(2023, 3, 1), "1 month", 1000);
        await OrdersAsync("L-REVIVED", new(2025, 2, 1), new(2025, 6, 1), "1 month", 1000, "b");
        await AccountAsync("L-NEW");
        await OrdersAsync("L-NEW", new(2025, 3, 10), new(2025, 5, 20), "71 days", 5000);
        await AccountAsync("L-AT-RISK", owner: true);
        await OrdersAsync("L-AT-RISK", new(2021, 1, 1), new(2025, 6, 1), "1 month", 1000);
        await ExecuteAsync("""
            INSERT INTO contacts (account_id, external_id, first_name, last_name, buying_role, is_active, inactive_since)
            SELECT id, 'AP-RISK-1', 'Karl', 'Weggang', 'decider', false, date '2025-06-01' FROM accounts WHERE external_id = 'L-AT-RISK'
            UNION ALL
            SELECT id, 'AP-RISK-2', 'Berta', 'Bleibt', 'buyer', true, NULL::date FROM accounts WHERE external_id = 'L-AT-RISK'
            """);
        await AccountAsync("L-GROWING");
        await OrdersAsync("L-GROWING", new(2023, 7, 2), new(2024, 6, 2), "1 month", 1000);
        await OrdersAsync("L-GROWING", new(2024, 7, 2), new(2025, 6, 2), "1 month", 2000, "b");
        await AccountAsync("L-STEADY");
        await OrdersAsync("L-STEADY", new(2021, 1, 1), new(2025, 6, 1), "1 month", 1000);

        await AccountAsync("S-REVENUE");
        await OrdersAsync("S-REVENUE", new(2023, 7, 2), new(2024, 6, 2), "1 month", 3000);
        await OrdersAsync("S-REVENUE", new(2024, 7, 2), new(2025, 6, 2), "1 month", 1000, "b");
        await AccountAsync("S-QUIET");
        await OrdersAsync("S-QUIET", new(2021, 1, 1), new(2025, 6, 1), "1 month", 1000);
        await ExecuteAsync("""
            INSERT INTO interactions (account_id, occurred_at, channel, direction)
            SELECT a.id, d, 'call', 'outbound' FROM accounts a, generate_series(timestamptz '2024-04-05 10:00Z', timestamptz '2025-03-31 10:00Z', interval '7 days') d
            WHERE a.external_id = 'S-QUIET'
            UNION ALL
            SELECT id, timestamptz '2025-05-05 10:00Z', 'email', 'inbound' FROM accounts WHERE external_id = 'S-QUIET'
            """);
        await AccountAsync("S-SURVEY");
        await OrdersAsync("S-SURVEY", new(2021, 1, 1), new(2025, 6, 1), "1 month", 1000);
        await SurveyAsync();
        await AccountAsync("S-CONTRACT");
        await OrdersAsync("S-CONTRACT", new(2021, 1, 1), new(2025, 6, 1), "1 month", 1000);
        await ExecuteAsync("""
            INSERT INTO contracts (contract_no, account_id, start_date, end_date, notice_days, auto_renew)
            SELECT 'C-DEADLINE', id, '2024-09-01', '2025-08-31', 30, false FROM accounts WHERE external_id = 'S-CONTRACT'
            """);
        await AccountAsync("S-COMPLAINT");
        await OrdersAsync("S-COMPLAINT", new(2021, 1, 1), new(2025, 6, 1), "1 month", 1000);

        var coordinator = new ScoringCoordinator(DataSource, TimeProvider.System);
        await coordinator.RequestAsync(ScoringTrigger.Cli, AsOf);
        var attempt = await coordinator.TryRunNextAsync(new ScoringOptions(), [.. ScoringFactSources.Default, new TestComplaints()]);
        Run = attempt.Summary ?? throw new InvalidOperationException($"{attempt.Kind}: {attempt.Error}");
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    /// <summary>phase | rule | reason of an account.</summary>
    public async Task<(string Phase, int Rule, string Reason, DateOnly Since)> PhaseAsync(string externalId)
    {
        await using var cmd = DataSource.CreateCommand("""
            SELECT a.lifecycle_phase, s.lifecycle_rule, s.lifecycle_reason, a.lifecycle_phase_since
            FROM accounts a JOIN account_scores s ON s.account_id = a.id WHERE a.external_id = $1
            """);
        cmd.Parameters.AddWithValue(externalId);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), externalId);
        return (reader.GetString(0), reader.GetInt16(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3));
    }

    /// <summary>"previous>phase@changed_on" of an account, oldest first.</summary>
    public async Task<List<string>> HistoryAsync(string externalId)
    {
        await using var cmd = DataSource.CreateCommand("""
            SELECT coalesce(h.previous_phase, '') || '>' || h.phase || '@' || to_char(h.changed_on, 'YYYY-MM-DD')
            FROM lifecycle_phase_history h JOIN accounts a ON a.id = h.account_id WHERE a.external_id = $1
            ORDER BY h.changed_on, h.id
            """);
        cmd.Parameters.AddWithValue(externalId);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    /// <summary>The open signals of an account: type → (severity, explanation, evidence).</summary>
    public async Task<Dictionary<string, (string Severity, string Explanation, string Evidence)>> SignalsAsync(string externalId)
    {
        await using var cmd = DataSource.CreateCommand("""
            SELECT g.type, g.severity, g.explanation, g.evidence::text FROM signals g JOIN accounts a ON a.id = g.account_id
            WHERE a.external_id = $1 AND g.resolved_on IS NULL
            """);
        cmd.Parameters.AddWithValue(externalId);
        await using var reader = await cmd.ExecuteReaderAsync();
        var signals = new Dictionary<string, (string, string, string)>();
        while (await reader.ReadAsync())
        {
            signals[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }
        return signals;
    }

    public async Task<List<string>> RowsAsync(string sql, params object[] args)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.AddWithValue(arg);
        }
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    private async Task AccountAsync(string externalId, bool owner = false) =>
        await ExecuteAsync($"""
            INSERT INTO accounts (external_id, name, owner_user_id, created_at)
            VALUES ('{externalId}', 'Account {externalId}', {(owner ? "(SELECT id FROM users WHERE email = 'owner@test.rapport')" : "NULL")}, '2020-12-01')
            """);

    /// <summary>One single-line order every <paramref name="every"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private async Task OrdersAsync(string externalId, DateOnly from, DateOnly to, string every, decimal amount, string series = "a") =>
        await ExecuteAsync($"""
            WITH a AS (SELECT id FROM accounts WHERE external_id = '{externalId}'),
            d AS (SELECT day::date AS day, row_number() OVER (ORDER BY day) AS n
                  FROM generate_series(date '{from:yyyy-MM-dd}', date '{to:yyyy-MM-dd}', interval '{every}') day),
            o AS (INSERT INTO orders (order_no, account_id, order_date)
                  SELECT '{externalId}-{series}' || d.n, a.id, d.day FROM a, d RETURNING id, account_id, order_date)
            INSERT INTO order_lines (order_id, account_id, order_date, line_no, net_amount)
            SELECT o.id, o.account_id, o.order_date, 1, {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} FROM o
            """);

    private async Task OrdersOnAsync(string externalId, List<DateOnly> days, decimal amount)
    {
        await using var cmd = DataSource.CreateCommand($"""
            WITH a AS (SELECT id FROM accounts WHERE external_id = '{externalId}'),
            d AS (SELECT day, n FROM unnest($1::date[]) WITH ORDINALITY AS x(day, n)),
            o AS (INSERT INTO orders (order_no, account_id, order_date)
                  SELECT '{externalId}-' || d.n, a.id, d.day FROM a, d RETURNING id, account_id, order_date)
            INSERT INTO order_lines (order_id, account_id, order_date, line_no, net_amount)
            SELECT o.id, o.account_id, o.order_date, 1, $2 FROM o
            """);
        cmd.Parameters.AddWithValue(days.ToArray());
        cmd.Parameters.AddWithValue(amount);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Two waves for S-SURVEY: loyal in 2024, a detractor and lock-in over attachment in 2025.</summary>
    private async Task SurveyAsync() => await ExecuteAsync("""
        WITH s AS (INSERT INTO surveys (name) VALUES ('Constructed survey') RETURNING id),
        w1 AS (INSERT INTO waves (survey_id, name, opens_on, closes_on) SELECT id, 'Wave 2024', '2024-05-01', '2024-06-30' FROM s RETURNING id),
        w2 AS (INSERT INTO waves (survey_id, name, opens_on, closes_on) SELECT id, 'Wave 2025', '2025-05-01', '2025-06-15' FROM s RETURNING id),
        a AS (SELECT id FROM accounts WHERE external_id = 'S-SURVEY')
        INSERT INTO response_answers (wave_id, respondent_key, account_id, item_code, value, submitted_at)
        SELECT w1.id, 'r1', a.id, x.code, x.value, timestamptz '2024-05-20 09:00Z'
        FROM w1, a, (VALUES ('LOY_RECOMMEND', 9), ('LOY_REPURCHASE', 5), ('MOT_ATT_1', 5), ('MOT_LCK_1', 2)) x(code, value)
        UNION ALL
        SELECT w2.id, 'r1', a.id, x.code, x.value, timestamptz '2025-05-10 09:00Z'
        FROM w2, a, (VALUES ('LOY_RECOMMEND', 2), ('LOY_REPURCHASE', 2), ('MOT_ATT_1', 1), ('MOT_LCK_1', 5), ('MOT_CAL_1', 3)) x(code, value)
        """);

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A complaint source as a complaints feature would plug it in: one complaint 20 days past its SLA.</summary>
    private sealed class TestComplaints : IScoringFactSource
    {
        public string Name => "complaints (test)";

        public async Task LoadAsync(NpgsqlConnection connection, ScoringCalendar calendar, ScoringOptions options,
            IReadOnlyDictionary<long, AccountFacts> accounts, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand("SELECT id FROM accounts WHERE external_id = 'S-COMPLAINT'", connection);
            var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
            var facts = accounts[id];
            facts.Complaints.Add(new ComplaintFact("77", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 10), null, "medium"));
            facts.EvidenceLabels["complaint:77"] = "B-77";
        }
    }
}
