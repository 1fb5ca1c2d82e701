using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Rapport.Analytics.Clv;
using Rapport.Analytics.Retention;
using Rapport.Core.Data;

namespace Rapport.Core.Retention.Scoring;

/// <summary>Progress of a run: the stage and, where it counts, how far it is.</summary>
public sealed record ScoringProgress(string Stage, int Done, int Total);

/// <summary>Seconds spent per stage of a run.</summary>
public sealed record ScoringTimings(double Accounts, double Summaries, double Fit, double Facts, double Evaluate, double Write, double Total);

/// <summary>The outcome of a run.</summary>
public sealed record ScoringSummary(
    DateOnly AsOf,
    int Accounts,
    int ScoredAccounts,
    bool Backfilled,
    IReadOnlyDictionary<string, int> Phases,
    ScoringWriteCounts Written,
    ScoringModelInfo Model,
    ScoringTimings Timings);

/// <summary>
/// The scoring job (docs/definitions.md#transactions-and-clv-models, docs/retention.md#lifecycle-phases, docs/retention.md#early-warning-signals): per-account transaction summaries in one SQL aggregate, BG/NBD and
/// Gamma-Gamma fitted on the whole customer base, P(alive), expected transactions and CLV per account, the lifecycle
/// phase with its history, early-warning signals with explanations and evidence, and tasks from playbooks — written in
/// one transaction. Runs on one connection; coordination between instances is <see cref="ScoringCoordinator"/>'s job.
/// </summary>
public static class ScoringJob
{
    /// <summary>Runs the job for <paramref name="asOf"/> on <paramref name="connection"/>.</summary>
    /// <param name="runId">The <c>scoring_runs</c> row the results are attributed to.</param>
    /// <param name="sources">Fact sources; default <see cref="ScoringFactSources.Default"/>.</param>
    /// <exception cref="ScoringOptionsException">A setting is invalid.</exception>
    public static async Task<ScoringSummary> RunAsync(NpgsqlConnection connection, long runId, DateOnly asOf, ScoringOptions options,
        IReadOnlyList<IScoringFactSource>? sources = null, IProgress<ScoringProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        sources ??= ScoringFactSources.Default;
        var total = Stopwatch.StartNew();
        var stage = Stopwatch.StartNew();
        double Lap()
        {
            var s = stage.Elapsed.TotalSeconds;
            stage.Restart();
            return s;
        }

        progress?.Report(new ScoringProgress("accounts", 0, 0));
        var backfill = options.BackfillMonths > 0 && !await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM account_score_history)", ct);
        var calendar = ScoringCalendar.For(asOf, backfill ? options.BackfillMonths : 0);
        var accounts = await LoadAccountsAsync(connection, backfill, ct);
        var tAccounts = Lap();

        progress?.Report(new ScoringProgress("summaries", 0, accounts.Count));
        var unitDays = options.ParsedTimeUnit().Days();
        var customers = new List<(PurchaseHistory, double)>(accounts.Count);
        var summarized = 0;
        await foreach (var t in TransactionSummaries.StreamAsync(connection, calendar, options.ActiveWindowDays, ct))
        {
            if (accounts.TryGetValue(t.AccountId, out var facts))
            {
                facts.Transactions = t;
                var p = t.Points[0];
                if (t.FirstTransaction is { } first && p.Count > 0 && p.Last is { } last)
                {
                    var x = p.Count - 1;
                    customers.Add((new PurchaseHistory(x, x == 0 ? 0 : (last.DayNumber - first.DayNumber) / unitDays,
                        (asOf.DayNumber - first.DayNumber) / unitDays), x > 0 ? (double)p.RepeatValue / x : 0));
                }
            }
            if (++summarized % 5000 == 0)
            {
                progress?.Report(new ScoringProgress("summaries", summarized, accounts.Count));
            }
        }
        var tSummaries = Lap();

        progress?.Report(new ScoringProgress("fit", 0, 0));
        var models = ScoringModels.Fit(customers, options);
        var tFit = Lap();

        foreach (var source in sources)
        {
            progress?.Report(new ScoringProgress(source.Name, 0, 0));
            await source.LoadAsync(connection, calendar, options, accounts, ct);
        }
        var playbooks = await LoadPlaybooksAsync(connection, ct);
        var tFacts = Lap();

        var evaluator = new AccountEvaluator(models, calendar, options);
        var list = accounts.Values.ToArray();
        var results = new AccountEvaluation[list.Length];
        var done = 0;
        progress?.Report(new ScoringProgress("evaluate", 0, list.Length));
        Parallel.ForEach(Partitioner.Create(0, list.Length, 512), new ParallelOptions { CancellationToken = ct }, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                results[i] = evaluator.Evaluate(list[i]);
            }
            progress?.Report(new ScoringProgress("evaluate", Interlocked.Add(ref done, range.Item2 - range.Item1), list.Length));
        });
        var evaluations = await WithLastOrderEvidenceAsync(connection, asOf, results, ct);
        var tEvaluate = Lap();

        progress?.Report(new ScoringProgress("write", 0, 0));
        var written = await ScoringWriter.WriteAsync(connection, runId, asOf, accounts, evaluations, playbooks,
            options.ParsedTaskMinimumSeverity(), ct);
        var tWrite = Lap();

        var phases = evaluations.GroupBy(e => EnumText.ToText(e.Phase)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ScoringSummary(asOf, accounts.Count, evaluations.Count(e => e.Score.PAlive is not null), backfill, phases, written, models.Info,
            new ScoringTimings(tAccounts, tSummaries, tFit, tFacts, tEvaluate, tWrite, total.Elapsed.TotalSeconds));
    }

    private static async Task<Dictionary<long, AccountFacts>> LoadAccountsAsync(NpgsqlConnection connection, bool fresh, CancellationToken ct)
    {
        var accounts = new Dictionary<long, AccountFacts>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT a.id, a.external_id, a.owner_user_id, coalesce(u.preferred_language, 'en'), (a.created_at AT TIME ZONE 'UTC')::date,
                   a.lifecycle_phase, a.lifecycle_phase_since, s.scored_on
            FROM accounts a LEFT JOIN users u ON u.id = a.owner_user_id LEFT JOIN account_scores s ON s.account_id = a.id
            ORDER BY a.id
            """, connection) { CommandTimeout = 0 })
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var facts = new AccountFacts(reader.GetInt64(0))
                {
                    ExternalId = reader.GetString(1),
                    OwnerUserId = reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    OwnerLanguage = reader.GetString(3),
                    CreatedOn = reader.GetFieldValue<DateOnly>(4),
                };
                // A first run (with backfill) evaluates every account from scratch; a phase set by hand or by an import is
                // then replaced by what the history shows.
                if (!fresh && !reader.IsDBNull(5) && EnumText.TryParse<Accounts.LifecyclePhase>(reader.GetString(5), out var phase))
                {
                    facts.Phase = phase;
                    facts.PhaseSince = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6);
                    facts.LastScoredOn = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7);
                }
                accounts.Add(facts.AccountId, facts);
            }
        }
        await using (var cmd = new NpgsqlCommand("""
            SELECT account_id, max(changed_on) - 1 FROM lifecycle_phase_history WHERE previous_phase = 'termination' GROUP BY account_id
            """, connection) { CommandTimeout = 0 })
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (!fresh && accounts.TryGetValue(reader.GetInt64(0), out var facts))
                {
                    facts.LastDayInTermination = reader.GetFieldValue<DateOnly>(1);
                }
            }
        }
        return accounts;
    }

    private static async Task<List<Playbook>> LoadPlaybooksAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var playbooks = new Dictionary<string, Playbook>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("""
            SELECT p.code, p.trigger, p.enabled, p.name_en, p.name_de, s.step_no, s.title_en, s.title_de, s.due_days
            FROM playbooks p LEFT JOIN playbook_steps s ON s.playbook_code = p.code
            ORDER BY p.code, s.step_no
            """, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var code = reader.GetString(0);
            if (!playbooks.TryGetValue(code, out var playbook))
            {
                playbook = new Playbook { Code = code, Trigger = reader.GetString(1), Enabled = reader.GetBoolean(2), NameEn = reader.GetString(3), NameDe = reader.GetString(4) };
                playbooks.Add(code, playbook);
            }
            if (!reader.IsDBNull(5))
            {
                playbook.Steps.Add(new PlaybookStep
                {
                    PlaybookCode = code, StepNo = reader.GetInt32(5), TitleEn = reader.GetString(6), TitleDe = reader.GetString(7), DueDays = reader.GetInt32(8),
                });
            }
        }
        return [.. playbooks.Values];
    }

    /// <summary>
    /// The purchase-frequency and revenue signals link to the last order (where a user starts to look): looked up only for
    /// the accounts that have one of them.
    /// </summary>
    private static async Task<List<AccountEvaluation>> WithLastOrderEvidenceAsync(NpgsqlConnection connection, DateOnly asOf,
        AccountEvaluation[] evaluations, CancellationToken ct)
    {
        var ids = evaluations.Where(e => e.Signals.Any(LinksLastOrder)).Select(e => e.Score.AccountId).ToArray();
        var lastOrders = new ConcurrentDictionary<long, (long Id, string No)>();
        if (ids.Length > 0)
        {
            await using var cmd = new NpgsqlCommand("""
                SELECT DISTINCT ON (account_id) account_id, id, order_no FROM orders
                WHERE account_id = ANY($1) AND order_date <= $2
                  AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.id AND l.account_id = orders.account_id AND l.net_amount >= 0)
                ORDER BY account_id, order_date DESC, id DESC
                """, connection) { CommandTimeout = 0 };
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            cmd.Parameters.Add(new NpgsqlParameter { Value = asOf, NpgsqlDbType = NpgsqlDbType.Date });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                lastOrders[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetString(2));
            }
        }
        return [.. evaluations.Select(e => lastOrders.TryGetValue(e.Score.AccountId, out var order)
            ? e with
            {
                Signals = [.. e.Signals.Select(s => LinksLastOrder(s) && s.Evidence.Count == 0
                    ? s with { Evidence = [new EvidenceItem("order", ScoringFactSources.Id(order.Id), order.No)] }
                    : s)],
            }
            : e)];
    }

    private static bool LinksLastOrder(SignalRow s) => s.Type is SignalType.PurchaseFrequencyFalling or SignalType.RevenueFalling;

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = PgSql.Command(connection, sql);
        cmd.CommandTimeout = 0;
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
