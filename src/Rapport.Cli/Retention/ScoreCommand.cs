using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Rapport.Cli.Infrastructure;
using Rapport.Core.Database;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;
using Spectre.Console;

namespace Rapport.Cli.Retention;

/// <summary>What <c>rapport score --json</c> prints: the run as recorded, and the accounts per lifecycle phase afterwards.</summary>
public sealed record ScoreResult(
    long RunId,
    string Status,
    string AsOf,
    int? Accounts,
    int? ScoredAccounts,
    int? PhaseChanges,
    int? SignalsRaised,
    int? SignalsResolved,
    int? TasksCreated,
    int? Events,
    IReadOnlyDictionary<string, long> Phases,
    JsonElement? Model,
    JsonElement? Timings,
    string? Error);

/// <summary>
/// <c>rapport score [--as-of DATE]</c>: runs the scoring job now (docs/definitions.md#transactions-and-clv-models, docs/retention.md#lifecycle-phases, docs/retention.md#early-warning-signals). The run is requested like any
/// other (joining one already queued) and executed in this process — or, when another instance holds the job, waited for.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var asOf = new Option<string?>("--as-of")
        {
            Description = "The day to score as of (ISO date, default: today in UTC).",
        };
        var command = new Command("score",
            "Score all accounts now: P(alive), expected transactions and CLV, lifecycle phases, early-warning signals and "
            + "playbook tasks (--connection, else ConnectionStrings__Rapport, else the local instance).");
        command.Options.Add(asOf);
        command.SetAction(async (parse, ct) =>
        {
            var day = ParseAsOf(parse.GetValue(asOf));
            var json = CliJson.Wanted(parse);
            var error = parse.InvocationConfiguration.Error;
            ResolvedConnection resolved;
            try
            {
                resolved = await ConnectionResolver.ResolveWithSourceAsync(parse.GetValue(CommonOptions.Connection), configuration: null,
                    new LocalPostgresOptions { Log = message => error.WriteLine(message) }, ct);
            }
            catch (InvalidConnectionStringException ex)
            {
                throw new InvalidInputException(ex.Message);
            }
            await Migrator.ForRapport(message => error.WriteLine(message)).MigrateAsync(resolved.ConnectionString, ct);

            await using var dataSource = NpgsqlDataSource.Create(resolved.ConnectionString);
            var coordinator = new ScoringCoordinator(dataSource, TimeProvider.System);
            var request = await coordinator.RequestAsync(ScoringTrigger.Cli, day ?? coordinator.Today, null, ct);
            if (!request.Created && !json)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"A scoring run was already queued (run {request.RunId}, as of {request.AsOf:yyyy-MM-dd}); running that one."));
            }

            var interactive = !json && !Console.IsOutputRedirected && !Console.IsErrorRedirected;
            if (interactive)
            {
                await RunWithProgressBarAsync(coordinator, dataSource, request.RunId, ct);
            }
            else
            {
                await RunAsync(coordinator, dataSource, request.RunId, json ? null : new StageNotes(error), error, json, ct);
            }

            var result = await ReadResultAsync(dataSource, request.RunId, ct);
            if (json)
            {
                CliJson.Write(parse, result);
            }
            else
            {
                await WriteSummaryAsync(parse.InvocationConfiguration.Output, result);
            }
            if (result.Status != "succeeded")
            {
                await error.WriteLineAsync($"Scoring run {result.RunId} failed: {result.Error}");
                return ExitCodes.Error;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static DateOnly? ParseAsOf(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new InvalidInputException($"--as-of: '{text}' is not an ISO date (yyyy-MM-dd).");

    /// <summary>Runs the requested run here, or waits while another instance runs it.</summary>
    private static async Task RunAsync(ScoringCoordinator coordinator, NpgsqlDataSource dataSource, long runId,
        IProgress<ScoringProgress>? progress, TextWriter error, bool quiet, CancellationToken ct)
    {
        var waiting = false;
        while (true)
        {
            var attempt = await coordinator.TryRunNextAsync(new ScoringOptions(), null, progress, ct);
            if (attempt.Kind == ScoringAttemptKind.Ran && attempt.RunId == runId)
            {
                return;
            }
            var status = await StatusAsync(dataSource, runId, ct);
            if (status is "succeeded" or "failed")
            {
                return;
            }
            if (!waiting && !quiet && attempt.Kind != ScoringAttemptKind.Ran)
            {
                waiting = true;
                await error.WriteLineAsync($"Another instance is scoring; waiting for run {runId} ...");
            }
            if (attempt.Kind != ScoringAttemptKind.Ran)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private static async Task RunWithProgressBarAsync(ScoringCoordinator coordinator, NpgsqlDataSource dataSource, long runId, CancellationToken ct)
    {
        // Progress goes to stderr so that stdout carries only the result.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Scoring", maxValue: 1);
                var progress = new SynchronousProgress(p =>
                {
                    task.Description = Markup.Escape("Scoring: " + p.Stage);
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Total == 0 ? 0 : p.Done;
                });
                await RunAsync(coordinator, dataSource, runId, progress, Console.Error, quiet: false, ct);
            });
    }

    private static async Task<string?> StatusAsync(NpgsqlDataSource dataSource, long runId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT status FROM scoring_runs WHERE id = $1");
        cmd.Parameters.AddWithValue(runId);
        return (string?)await cmd.ExecuteScalarAsync(ct);
    }

    private static async Task<ScoreResult> ReadResultAsync(NpgsqlDataSource dataSource, long runId, CancellationToken ct)
    {
        var phases = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using (var cmd = dataSource.CreateCommand(
            "SELECT lifecycle_phase, count(*) FROM accounts WHERE lifecycle_phase IS NOT NULL GROUP BY 1"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                phases[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        await using var run = dataSource.CreateCommand("""
            SELECT status, as_of, accounts, scored_accounts, phase_changes, signals_raised, signals_resolved, tasks_created, events,
                   model::text, timings::text, error
            FROM scoring_runs WHERE id = $1
            """);
        run.Parameters.AddWithValue(runId);
        await using var r = await run.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        int? Int(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
        JsonElement? Json(int i) => r.IsDBNull(i) ? null : JsonDocument.Parse(r.GetString(i)).RootElement.Clone();
        return new ScoreResult(runId, r.GetString(0), r.GetFieldValue<DateOnly>(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Int(2), Int(3), Int(4), Int(5), Int(6), Int(7), Int(8), phases, Json(9), Json(10), r.IsDBNull(11) ? null : r.GetString(11));
    }

    private static async Task WriteSummaryAsync(TextWriter output, ScoreResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var seconds = r.Timings is { } t && t.TryGetProperty("total", out var total) ? total.GetDouble() : 0;
        await output.WriteLineAsync(string.Create(c, $"Scoring run {r.RunId} as of {r.AsOf}: {r.Status} in {seconds:0.0} s."));
        if (r.Status != "succeeded")
        {
            return;
        }
        await output.WriteLineAsync(string.Create(c,
            $"  {r.Accounts:N0} accounts, {r.ScoredAccounts:N0} with P(alive) and CLV; {r.PhaseChanges:N0} phase changes, {r.SignalsRaised:N0} signals raised, {r.SignalsResolved:N0} resolved, {r.TasksCreated:N0} tasks created, {r.Events:N0} events."));
        await output.WriteLineAsync("  Lifecycle phases: " + string.Join(", ", r.Phases.Select(p => string.Create(c, $"{p.Key} {p.Value:N0}"))));
        if (r.Model is { } m && m.TryGetProperty("warnings", out var warnings))
        {
            foreach (var w in warnings.EnumerateArray())
            {
                await output.WriteLineAsync("  Warning: " + w.GetString());
            }
        }
    }

    /// <summary>One line per stage on stderr, for logs of non-interactive runs.</summary>
    private sealed class StageNotes(TextWriter error) : IProgress<ScoringProgress>
    {
        private string? _stage;

        public void Report(ScoringProgress value)
        {
            if (value.Stage != _stage)
            {
                _stage = value.Stage;
                error.WriteLine("Scoring: " + value.Stage);
            }
        }
    }

    /// <summary>Reports on the caller's thread (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<ScoringProgress> report) : IProgress<ScoringProgress>
    {
        public void Report(ScoringProgress value) => report(value);
    }
}
