using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Rapport.Core.Database;
using Rapport.Core.Import;

namespace Rapport.Benchmarks.Import;

/// <summary>
/// End-to-end order import (docs/benchmarks.md "## Import"): a fresh database, 5,000 accounts, then N order lines through
/// <see cref="CsvImporter"/> (into empty tables, again unchanged, as a dry run, then N lines of other orders into the filled tables) — the path <c>rapport import orders</c> takes, with validation, staging COPY and the final SQL —
/// compared with <c>psql \copy</c> of the same file into a bare table without indexes.
/// Usage: <c>dotnet run -c Release --project bench/Rapport.Benchmarks -- import --connection CS [--lines N] [--accounts A] [--dir D] [--only-first true]</c>
/// (CS names an existing database used to create the benchmark database; psql must be on PATH or in the PostgreSQL bin directory).
/// </summary>
public static class ImportBenchmark
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
        var lines = long.Parse(Arg("--lines", "1000000"), CultureInfo.InvariantCulture);
        var accounts = int.Parse(Arg("--accounts", "5000"), CultureInfo.InvariantCulture);
        var dir = Arg("--dir", Path.Combine(Path.GetTempPath(), "rapport-bench"));
        Directory.CreateDirectory(dir);

        var accountsFile = Path.Combine(dir, $"accounts-{accounts}.csv");
        var ordersFile = Path.Combine(dir, $"orders-{lines}-{accounts}.csv");
        if (!File.Exists(accountsFile))
        {
            OrderFileGenerator.WriteAccounts(accountsFile, accounts);
        }
        if (!File.Exists(ordersFile))
        {
            var g = Stopwatch.StartNew();
            OrderFileGenerator.WriteOrders(ordersFile, lines, accounts);
            Console.WriteLine($"generated {ordersFile} in {g.Elapsed.TotalSeconds:F1} s");
        }
        // A second file of as many lines with other order numbers: new orders for tables that already hold the first.
        var moreFile = Path.Combine(dir, $"orders-{lines}-{accounts}-b.csv");
        if (!File.Exists(moreFile))
        {
            OrderFileGenerator.WriteOrders(moreFile, lines, accounts, seed: 3, orderPrefix: 'B');
        }
        Console.WriteLine($"orders file: {lines:N0} lines, {new FileInfo(ordersFile).Length / 1e6:F1} MB; {accounts:N0} accounts");

        var database = "rapport_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var builder = new NpgsqlConnectionStringBuilder(admin);
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        var target = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        try
        {
            await Migrator.ForRapport().MigrateAsync(target);
            await using var dataSource = NpgsqlDataSource.Create(target);
            var importer = new CsvImporter(dataSource);
            var acc = await importer.ImportAsync(new ImportOptions { Path = accountsFile, Entity = ImportEntity.Accounts });
            Console.WriteLine($"accounts: {acc.Status}, {acc.Inserted:N0} inserted");

            var first = await TimeAsync(dataSource, () => importer.ImportAsync(new ImportOptions { Path = ordersFile, Entity = ImportEntity.Orders }));
            Report("import (empty tables)", first, lines);
            if (Arg("--only-first", "false") == "true")
            {
                return 0;
            }
            var again = await TimeAsync(dataSource, () => importer.ImportAsync(new ImportOptions { Path = ordersFile, Entity = ImportEntity.Orders }));
            Report("re-import (all unchanged)", again, lines);
            var dry = await TimeAsync(dataSource, () => importer.ImportAsync(new ImportOptions { Path = ordersFile, Entity = ImportEntity.Orders, DryRun = true }));
            Report("dry run", dry, lines);
            var more = await TimeAsync(dataSource, () => importer.ImportAsync(new ImportOptions { Path = moreFile, Entity = ImportEntity.Orders }));
            Report("import of new orders into filled tables", more, lines);

            await ExecuteAsync(target, """
                CREATE TABLE bare_order_lines (order_id text, account_external_id text, order_date date, net_amount numeric(16,2),
                    product_sku text, product_category text, quantity numeric(14,3), currency text, margin numeric(16,2))
                """);
            var psql = FindPsql();
            var copy = Stopwatch.StartNew();
            var info = new ProcessStartInfo(psql)
            {
                ArgumentList = { "-X", "-q", "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!,
                    "-d", database, "-c", $"\\copy bare_order_lines FROM '{ordersFile}' WITH (FORMAT csv, HEADER)" },
                RedirectStandardError = true,
            };
            if (builder.Password is { } password)
            {
                info.Environment["PGPASSWORD"] = password;
            }
            using (var process = Process.Start(info)!)
            {
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException("psql failed: " + await process.StandardError.ReadToEndAsync());
                }
            }
            var copySeconds = copy.Elapsed.TotalSeconds;
            Console.WriteLine($"psql \\copy into a bare table: {copySeconds:F2} s, {lines / copySeconds:N0} lines/s (load average {LoadAverage()})");
            Console.WriteLine($"ratio import / psql \\copy: {first.Seconds / copySeconds:F2}x the time");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static void Report(string label, Timing run, long lines)
    {
        Console.WriteLine($"{label}: {run.Result.Status}, {run.Result.RowsRead:N0} rows, {run.Result.Inserted:N0} inserted, "
            + $"{run.Result.Updated:N0} updated, {run.Result.Unchanged:N0} unchanged, {run.Result.ErrorCount} errors; "
            + $"{run.Seconds:F2} s, {lines / run.Seconds:N0} lines/s; CPU: client {run.ClientCpu:F2} s (GC pauses {run.GcPause:F2} s), server backend {run.ServerCpu:F2} s; "
            + $"load average {LoadAverage()}");
    }

    private sealed record Timing(ImportResult Result, double Seconds, double ClientCpu, double GcPause, double ServerCpu);

    /// <remarks>
    /// The import runs on the pool's one idle connection, so the backend measured before and after is the one that did the
    /// work. Its CPU time comes from /proc when the server runs on this machine (NaN otherwise).
    /// </remarks>
    private static async Task<Timing> TimeAsync(NpgsqlDataSource dataSource, Func<Task<ImportResult>> run)
    {
        var (pid, server0) = await BackendCpuAsync(dataSource);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gc = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var result = await run();
        var seconds = watch.Elapsed.TotalSeconds;
        var client = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var gcPause = (GC.GetTotalPauseDuration() - gc).TotalSeconds;
        var (pidAfter, server1) = await BackendCpuAsync(dataSource);
        return new Timing(result, seconds, client, gcPause, pid == pidAfter ? server1 - server0 : double.NaN);
    }

    private static async Task<(int Pid, double Seconds)> BackendCpuAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var pid = (int)(await cmd.ExecuteScalarAsync())!;
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return (pid, double.NaN);
        }
        var text = await File.ReadAllTextAsync(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of /proc/PID/stat (utime, stime) in clock ticks, 100 per second on Linux.
        return (pid, (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
    }

    /// <summary>The 1-minute load average (Linux), because shared machines make wall times hard to compare.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string FindPsql()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/lib/postgresql/15/bin").Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, "psql");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("psql not found on PATH.");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
