using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Rapport.Core.Database;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;

namespace Rapport.Benchmarks.Scoring;

/// <summary>
/// The scoring job at full scale (docs/scaling.md; results in docs/benchmarks.md "## Scoring job"): a fresh database filled directly in PostgreSQL
/// with generate_series — 50,000 accounts, 20 million order lines, contacts, interactions, contracts — then the job twice:
/// the first run (with the one-year backfill of phases and P(alive)) and a second, nightly-style run.
/// Usage: <c>dotnet run -c Release --project bench/Rapport.Benchmarks -- scoring --connection CS [--accounts N] [--lines N] [--keep]</c>
/// (CS names an existing database used to create and afterwards drop the benchmark database).
/// </summary>
public static class ScoringBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var admin = Arg("--connection", Environment.GetEnvironmentVariable(ConnectionResolver.EnvironmentVariable) ?? "");
        if (admin.Length == 0)
        {
            await Console.Error.WriteLineAsync("Give --connection (a PostgreSQL connection string).");
            return 2;
        }
        var accounts = int.Parse(Arg("--accounts", "50000"), CultureInfo.InvariantCulture);
        var lines = long.Parse(Arg("--lines", "20000000"), CultureInfo.InvariantCulture);
        var asOf = DateOnly.ParseExact(Arg("--as-of", "2026-06-30"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var reuse = Arg("--database", "");
        var keep = args.Contains("--keep") || reuse.Length > 0;

        var database = reuse.Length > 0 ? reuse : "rapport_bench_scoring_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var target = new NpgsqlConnectionStringBuilder(admin) { Database = database, CommandTimeout = 0 }.ConnectionString;
        if (reuse.Length == 0)
        {
            await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        }
        try
        {
            await Migrator.ForRapport().MigrateAsync(target);
            if (reuse.Length == 0)
            {
                var generate = Stopwatch.StartNew();
                await GenerateAsync(target, accounts, lines, asOf);
                Console.WriteLine($"generated {database} in {generate.Elapsed.TotalSeconds:F0} s (load average {LoadAverage()})");
            }
            else
            {
                // Back to the state before the first run: no scores, phases, signals, tasks or events.
                await ExecuteAsync(target, """
                    TRUNCATE account_scores, account_score_history, lifecycle_phase_history, signals, tasks, outbox_events, scoring_runs;
                    UPDATE accounts SET lifecycle_phase = NULL, lifecycle_phase_since = NULL WHERE lifecycle_phase IS NOT NULL;
                    VACUUM ANALYZE accounts;
                    """);
            }
            Console.WriteLine($"data: {await CountsAsync(target)}");

            await using var dataSource = NpgsqlDataSource.Create(target);
            var coordinator = new ScoringCoordinator(dataSource, TimeProvider.System);
            foreach (var label in new[] { "first run (with backfill)", "second run (nightly)" })
            {
                await coordinator.RequestAsync(ScoringTrigger.Cli, asOf);
                var serverBefore = ServerCpu(admin);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var load = LoadAverage();
                var watch = Stopwatch.StartNew();
                var attempt = await coordinator.TryRunNextAsync(new ScoringOptions(), null,
                    new Progress<ScoringProgress>(p => { }));
                var wall = watch.Elapsed.TotalSeconds;
                var client = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                var server = ServerCpu(admin) - serverBefore;
                var s = attempt.Summary ?? throw new InvalidOperationException($"The run failed: {attempt.Error}");
                var t = s.Timings;
                Console.WriteLine($"{label}: {wall:F1} s wall (load average {load} → {LoadAverage()}); CPU client {client:F1} s, server {server:F1} s; "
                    + $"peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
                Console.WriteLine($"  stages: accounts {t.Accounts:F1} s, SQL summaries {t.Summaries:F1} s, fit {t.Fit:F1} s, facts {t.Facts:F1} s, "
                    + $"evaluate {t.Evaluate:F1} s, write {t.Write:F1} s");
                Console.WriteLine($"  {s.Accounts:N0} accounts, {s.ScoredAccounts:N0} scored; phases {JsonSerializer.Serialize(s.Phases)}; "
                    + $"{s.Written.PhaseChanges:N0} phase changes, {s.Written.SignalsRaised:N0} signals raised, {s.Written.TasksCreated:N0} tasks, "
                    + $"{s.Written.Events:N0} events; BG/NBD {JsonSerializer.Serialize(s.Model.BgNbd)}; warnings {s.Model.Warnings.Count}");
            }
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (!keep)
            {
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }
    }

    /// <summary>
    /// Accounts buy at their own rate between their first day and, for a third of them, the day they left: order days are
    /// uniform in that stretch (a Poisson process, as BG/NBD assumes), 1–9 lines per order, 2.5 % of lines returns. One in
    /// ten accounts is a prospect without orders. Loaded without the order-line key, indexes and the statement triggers
    /// of migrations 0004 and 0014 (the generated lines reference their orders by construction); the key and indexes are built
    /// afterwards, then the KPI day facts (the job never writes order lines). setseed makes the data the same on every run. (The number of lines
    /// refers to o.id so that it is drawn per order: an argument that refers to nothing outer is computed once.)
    /// </summary>
    private static async Task GenerateAsync(string cs, int accounts, long lines, DateOnly asOf)
    {
        var orders = lines / 5;
        var d = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var c = CultureInfo.InvariantCulture;
        await ExecuteAsync(cs, $"""
            SELECT setseed(0.42);
            INSERT INTO users (email, display_name, role) SELECT 'am' || g || '@bench.rapport', 'Manager ' || g, 'account_manager' FROM generate_series(1, 20) g;
            CREATE TABLE bench_plan AS
            WITH s AS (SELECT g AS id, date '{d}' - 30 - floor(random() * 1800)::int AS first_day FROM generate_series(1, {accounts}) g),
            t AS (SELECT id, first_day, random() AS r,
                         CASE WHEN random() < 0.33 THEN first_day + floor(random() * (date '{d}' - first_day))::int ELSE date '{d}' END AS last_day
                  FROM s),
            u AS (SELECT *, CASE WHEN id % 10 = 3 THEN 0 ELSE (0.1 + 1.8 * r) * (last_day - first_day + 1) END AS w FROM t)
            SELECT id, first_day, last_day, CASE WHEN w = 0 THEN 0 ELSE greatest(1, round(w * {orders} / sum(w) OVER ()))::int END AS n FROM u;
            INSERT INTO accounts (id, external_id, name, owner_user_id, key_account, industry, business_type, created_at)
            SELECT p.id, 'B-' || p.id, 'Bench account ' || p.id, (SELECT min(id) FROM users) + p.id % 20, p.id % 10 = 0,
                   (ARRAY['Automotive', 'Packaging', 'Pharma', 'Chemicals'])[1 + p.id % 4], (ARRAY['product', 'plant', 'system', 'supplier'])[1 + p.id % 4],
                   timestamptz '2019-01-01'
            FROM bench_plan p;
            SELECT setval(pg_get_serial_sequence('accounts', 'id'), {accounts});
            ALTER TABLE order_lines DISABLE TRIGGER USER;
            ALTER TABLE order_lines DROP CONSTRAINT order_lines_pkey;
            DROP INDEX ix_order_lines_account_date, ix_order_lines_date_brin;
            WITH o AS (
                INSERT INTO orders (order_no, account_id, order_date)
                SELECT 'O-' || p.id || '-' || k, p.id, p.first_day + floor(random() * (p.last_day - p.first_day + 1))::int
                FROM bench_plan p, generate_series(1, p.n) k
                RETURNING id, account_id, order_date)
            INSERT INTO order_lines (order_id, account_id, order_date, line_no, product_category, net_amount, margin)
            SELECT o.id, o.account_id, o.order_date, l, (ARRAY['machines', 'components', 'spare_parts', 'service'])[1 + (o.id + l) % 4],
                   CASE WHEN random() < 0.025 THEN -round((20 + random() * 300)::numeric, 2) ELSE round((20 + random() * 1200)::numeric, 2) END,
                   NULL
            FROM o, generate_series(1, 1 + floor(random() * 9 + o.id * 0)::int) l;
            ALTER TABLE order_lines ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line_no);
            CREATE INDEX ix_order_lines_account_date ON order_lines (account_id, order_date) INCLUDE (net_amount);
            CREATE INDEX ix_order_lines_date_brin ON order_lines USING brin (order_date);
            ALTER TABLE order_lines ENABLE TRIGGER USER;
            SELECT kpi_build_account_facts(NULL);
            INSERT INTO contacts (account_id, external_id, last_name, buying_role, is_active, inactive_since)
            SELECT p.id, 'C-' || p.id || '-' || r.n, 'Contact ' || r.n, r.role,
                   NOT (r.role = 'decider' AND random() < 0.04), CASE WHEN r.role = 'decider' THEN date '{d}' - floor(random() * 400)::int END
            FROM bench_plan p, (VALUES (1, 'decider'), (2, 'buyer'), (3, 'user')) r(n, role);
            INSERT INTO interactions (account_id, occurred_at, channel, direction)
            SELECT p.id, (p.first_day + floor(random() * (p.last_day - p.first_day + 1))::int)::timestamp AT TIME ZONE 'UTC' + interval '10 hours',
                   (ARRAY['visit', 'call', 'email', 'meeting'])[1 + k % 4], CASE WHEN random() < 0.4 THEN 'inbound' ELSE 'outbound' END
            FROM bench_plan p, generate_series(1, 20) k WHERE p.n > 0;
            INSERT INTO contracts (contract_no, account_id, start_date, end_date, notice_days, auto_renew, annual_value, terminated_on)
            SELECT 'SV-' || p.id, p.id, p.first_day, p.first_day + 365 * (1 + p.id % 5), 90, p.id % 3 = 0, 10000,
                   CASE WHEN random() < 0.05 THEN date '{d}' - 20 END
            FROM bench_plan p WHERE p.n > 0 AND random() < 0.4;
            DROP TABLE bench_plan;
            """);
        await ExecuteAsync(cs, "VACUUM ANALYZE");
    }

    private static async Task<string> CountsAsync(string cs)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT format('%s accounts, %s orders, %s order lines, %s contacts, %s interactions, %s contracts, order_lines %s + indexes %s',
                (SELECT count(*) FROM accounts), (SELECT count(*) FROM orders), (SELECT count(*) FROM order_lines),
                (SELECT count(*) FROM contacts), (SELECT count(*) FROM interactions), (SELECT count(*) FROM contracts),
                pg_size_pretty(pg_table_size('order_lines')), pg_size_pretty(pg_indexes_size('order_lines')))
            """, connection);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>CPU seconds of the PostgreSQL server's processes (children of the postmaster), read from /proc; NaN elsewhere.</summary>
    private static double ServerCpu(string cs)
    {
        var postmaster = PostmasterPid(cs);
        if (postmaster is null || !Directory.Exists("/proc"))
        {
            return double.NaN;
        }
        double total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var stat = Path.Combine(dir, "stat");
            if (!int.TryParse(Path.GetFileName(dir), out _) || !File.Exists(stat))
            {
                continue;
            }
            try
            {
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                // Fields 4 (ppid), 14 and 15 (utime, stime) of /proc/PID/stat, in clock ticks of 1/100 s.
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                {
                    total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        return total;
    }

    private static int? PostmasterPid(string cs)
    {
        using var connection = new NpgsqlConnection(cs);
        connection.Open();
        using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)cmd.ExecuteScalar()!;
        var stat = $"/proc/{backend}/stat";
        if (!File.Exists(stat))
        {
            return null;
        }
        var text = File.ReadAllText(stat);
        return int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
