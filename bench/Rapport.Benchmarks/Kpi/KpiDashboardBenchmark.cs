using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Retention;

namespace Rapport.Benchmarks.Kpi;

/// <summary>
/// Times the queries of the KPI dashboard (<c>/retention/kpis</c>, <see cref="KpiDashboard"/>) on a database filled by
/// <c>bench/kpi/generate.sql</c>: the last complete quarter before <c>--as-of</c> with its breakdowns by segment, business
/// type and channel, acquisition by channel, 8 quarters of trend and the CLV distribution — for all accounts (an
/// administrator) and for one account manager's accounts. Reports wall time and the CPU time of this process and of the
/// PostgreSQL backend (read from /proc when the server runs on this machine), since wall times on a shared machine vary.
/// <code>kpi-dashboard --connection "Host=…;Database=…" [--as-of 2026-11-21] [--runs 10] [--window 365]</code>
/// </summary>
internal static class KpiDashboardBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }
        var connectionString = options.GetValueOrDefault("--connection") ?? throw new ArgumentException("--connection is required.");
        var asOf = DateOnly.Parse(options.GetValueOrDefault("--as-of") ?? "2026-11-21", CultureInfo.InvariantCulture);
        var runs = int.Parse(options.GetValueOrDefault("--runs") ?? "10", CultureInfo.InvariantCulture);
        var window = int.Parse(options.GetValueOrDefault("--window") ?? "365", CultureInfo.InvariantCulture);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var db = new RapportDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource));
        // One connection for all runs, so that the backend whose CPU time is read is the one doing the work.
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        int backend;
        long lines;
        await using (var cmd = new NpgsqlCommand("SELECT pg_backend_pid(), (SELECT count(*) FROM order_lines)", connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            backend = reader.GetInt32(0);
            lines = reader.GetInt64(1);
        }
        var accounts = await db.Accounts.CountAsync();
        var manager = await db.Accounts.Where(a => a.OwnerUserId != null).GroupBy(a => a.OwnerUserId).Select(g => g.Key).FirstOrDefaultAsync();

        var period = KpiPeriods.LastCompleteQuarter(asOf);
        var dashboard = new KpiDashboard(db);
        Console.WriteLine($"KPI dashboard: {accounts:N0} accounts, {lines:N0} order lines; period [{period.From:yyyy-MM-dd}, {period.To:yyyy-MM-dd}), W = {window}, 8 quarters of trend; {runs} runs after 2 warm-up runs");
        Console.WriteLine($"load average before: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| scope | wall min ms | wall median ms | wall max ms | app CPU ms (median) | PostgreSQL CPU ms (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");

        var scopes = new List<(string Name, KpiScope Scope)> { ("all accounts (admin)", KpiScope.All) };
        if (manager is { } managerId)
        {
            var ids = await db.Accounts.Where(a => a.OwnerUserId == managerId).Select(a => a.Id).ToArrayAsync();
            scopes.Add(($"one account manager ({ids.Length:N0} accounts)", new KpiScope { AccountIds = ids }));
        }
        foreach (var (name, scope) in scopes)
        {
            var wall = new List<double>();
            var appCpu = new List<double>();
            var serverCpu = new List<double>();
            for (var run = -2; run < runs; run++)
            {
                var server0 = ServerCpuMs(backend);
                var app0 = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var result = await dashboard.LoadAsync(period, window, scope, TrendUnit.Quarter);
                clock.Stop();
                var app1 = Process.GetCurrentProcess().TotalProcessorTime;
                var server1 = ServerCpuMs(backend);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.Error!.Message);
                }
                if (run == -2 && scope == KpiScope.All)
                {
                    var k = result.Value!.Period.Kpis;
                    Console.Error.WriteLine($"  S {k.CustomersAtStart:N0}, retention {k.RetentionRate:P1}, churn {k.ChurnRate:P1}, N {k.NewCustomers:N0}, revenue {k.Revenue:N0}, groups {result.Value.Period.Groups.Count}, trend {result.Value.Trend.Count}");
                }
                if (run >= 0)
                {
                    wall.Add(clock.Elapsed.TotalMilliseconds);
                    appCpu.Add((app1 - app0).TotalMilliseconds);
                    serverCpu.Add(server1 - server0);
                }
            }
            wall.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {wall[0]:F0} | {Median(wall):F0} | {wall[^1]:F0} | {Median(appCpu):F0} | {(serverCpu.All(double.IsNaN) ? "n/a" : Median(serverCpu).ToString("F0", CultureInfo.InvariantCulture))} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>User + system CPU of a local process in ms (/proc/PID/stat fields 14 and 15); NaN when not readable.</summary>
    private static double ServerCpuMs(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 1000.0 / 100;
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
