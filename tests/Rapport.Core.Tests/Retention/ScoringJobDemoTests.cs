using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;
using Rapport.Demo;

namespace Rapport.Core.Tests.Retention;

/// <summary>The scoring job on the demo company, as the app runs it after seeding (first run with backfill).</summary>
public sealed class ScoringJobDemoTests(ScoredDemoDatabase db) : IClassFixture<ScoredDemoDatabase>
{
    [Fact]
    public async Task RunAsync_DemoCompany_AccountsInExplorationMaturityEndangermentAndTermination()
    {
        var phases = await db.RowsAsync("SELECT DISTINCT lifecycle_phase FROM accounts ORDER BY 1");

        foreach (var phase in new[] { "exploration", "maturity", "endangerment", "termination", "initiation", "expansion", "revitalization" })
        {
            Assert.Contains(phase, phases);
        }
        Assert.Equal(150L, await db.ScalarAsync<long>("SELECT count(*) FROM account_scores"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE lifecycle_phase IS NULL OR lifecycle_phase_since IS NULL"));
        Assert.True(db.FirstRun.Backfilled);
        Assert.NotNull(db.FirstRun.Model.BgNbd);
        Assert.NotNull(db.FirstRun.Model.GammaGamma);
    }

    [Fact]
    public async Task RunAsync_DecliningKeyAccount_EndangeredWithPAliveClvAndExplainedSignals()
    {
        var score = await db.RowsAsync("""
            SELECT a.lifecycle_phase, s.p_alive IS NOT NULL AND s.p_alive BETWEEN 0 AND 1, s.clv > 0, s.lifecycle_rule
            FROM accounts a JOIN account_scores s ON s.account_id = a.id WHERE a.external_id = $1
            """, DemoStories.DecliningKeyAccountId);
        var signals = await db.RowsAsync("""
            SELECT g.type, g.severity, g.explanation FROM signals g JOIN accounts a ON a.id = g.account_id
            WHERE a.external_id = $1 AND g.resolved_on IS NULL ORDER BY g.type
            """, DemoStories.DecliningKeyAccountId);

        Assert.Equal("endangerment | True | True | 5", Assert.Single(score));
        Assert.Contains(signals, s => s.StartsWith("revenue_falling | high | Revenue falling: 179,446.44 in the last 12 months is 39 %", StringComparison.Ordinal));
        Assert.Contains(signals, s => s.StartsWith("key_contact_left | high | Key contact left: Matthias Kern (decider)", StringComparison.Ordinal));
        Assert.Contains(signals, s => s.StartsWith("contract_deadline | high | Contract deadline: the notice deadline", StringComparison.Ordinal));
        Assert.Contains(signals, s => s.StartsWith("communication_pattern_changed | low | Communication pattern changed: 2 interactions", StringComparison.Ordinal));
        Assert.Contains(signals, s => s.StartsWith("loyalty_index_fall | high | Loyalty index fell by", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RevenueAndFrequencySignals_LinkTheAccountsLastOrder()
    {
        var signals = await db.ScalarAsync<long>("SELECT count(*) FROM signals WHERE type IN ('revenue_falling', 'purchase_frequency_falling')");
        var linked = await db.ScalarAsync<long>("""
            SELECT count(*) FROM signals g
            JOIN orders o ON o.id = (g.evidence->0->>'id')::bigint AND o.account_id = g.account_id AND o.order_no = g.evidence->0->>'label'
            WHERE g.type IN ('revenue_falling', 'purchase_frequency_falling') AND g.evidence->0->>'kind' = 'order'
              AND NOT EXISTS (SELECT 1 FROM orders later WHERE later.account_id = o.account_id AND later.order_date > o.order_date
                              AND later.order_date <= $1 AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = later.id AND l.net_amount >= 0))
            """, ScoredDemoDatabase.AsOf);

        Assert.True(signals > 0);
        Assert.Equal(signals, linked);
    }

    [Fact]
    public async Task RunAsync_DecliningKeyAccount_PlaybookTasksForTheOwner()
    {
        var tasks = await db.RowsAsync("""
            SELECT t.origin, t.origin_key LIKE 'playbook:' || p.playbook_code || ':signal:%', u.email
            FROM tasks t JOIN accounts a ON a.id = t.account_id JOIN users u ON u.id = t.owner_user_id
            JOIN playbook_steps p ON p.title_en = t.title OR p.title_de = t.title
            WHERE a.external_id = $1 AND t.owner_user_id = a.owner_user_id AND p.step_no = 1
            ORDER BY t.origin_key
            """, DemoStories.DecliningKeyAccountId);

        // Key contact left → key-contact change; notice deadline → renewal: step 1 of each, for the owner.
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.StartsWith("playbook | True | ", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_WonBackAccount_RevitalizedAfterTermination()
    {
        var history = await db.RowsAsync("""
            SELECT h.previous_phase || '>' || h.phase FROM lifecycle_phase_history h JOIN accounts a ON a.id = h.account_id
            WHERE a.external_id = $1 ORDER BY h.changed_on, h.id
            """, DemoStories.WonBackAccountId);

        Assert.Equal("termination>revitalization", history[^1]);
        Assert.Equal("revitalization", await db.ScalarAsync<string>("SELECT lifecycle_phase FROM accounts WHERE external_id = $1", DemoStories.WonBackAccountId));
    }

    [Fact]
    public async Task RunAsync_FirstRun_PhaseHistoryAndPAliveOverTheLastYear()
    {
        // The account's phase is the last of its history, since the day that change happened.
        var mismatches = await db.ScalarAsync<long>("""
            SELECT count(*) FROM accounts a
            CROSS JOIN LATERAL (SELECT phase, changed_on FROM lifecycle_phase_history h WHERE h.account_id = a.id
                                ORDER BY changed_on DESC, id DESC LIMIT 1) last
            WHERE last.phase <> a.lifecycle_phase OR last.changed_on <> a.lifecycle_phase_since
            """);
        var points = await db.ScalarAsync<long>("""
            SELECT count(DISTINCT h.scored_on) FROM account_score_history h JOIN accounts a ON a.id = h.account_id WHERE a.external_id = $1
            """, DemoStories.DecliningKeyAccountId);
        var emptyReasons = await db.ScalarAsync<long>("SELECT count(*) FROM lifecycle_phase_history WHERE length(reason) < 10");

        Assert.Equal(0L, mismatches);
        Assert.Equal(13L, points);
        Assert.Equal(0L, emptyReasons);
    }

    [Fact]
    public async Task RunAsync_FirstRun_EventsForRaisedSignalsAndForChangesFromAKnownPhase()
    {
        // Later runs of the class raise nothing new (see the idempotency test), so every signal is one the first run raised.
        var raised = await db.ScalarAsync<long>("SELECT count(*) FROM signals");
        var signalEvents = await db.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE type = 'signal.raised' AND payload ? 'explanation'");
        // Only changes since the previous evaluation (30 days back) are news; the backfilled history before it is not.
        var phaseEvents = await db.ScalarAsync<long>("""
            SELECT count(*) FROM outbox_events WHERE type = 'account.lifecycle_phase_changed' AND payload->>'from' IS NOT NULL
              AND (payload->>'changedOn')::date > $1
            """, ScoredDemoDatabase.AsOf.AddDays(-30));
        var allPhaseEvents = await db.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE type = 'account.lifecycle_phase_changed'");

        Assert.Equal(raised, signalEvents);
        Assert.True(phaseEvents > 0);
        Assert.Equal(phaseEvents, allPhaseEvents);
    }

    [Fact]
    public async Task TryRunNextAsync_SecondRunSameDay_CreatesNoDuplicateSignalsTasksOrChanges()
    {
        var before = await CountsAsync();

        await db.Coordinator.RequestAsync(ScoringTrigger.Cli, ScoredDemoDatabase.AsOf);
        var again = await db.Coordinator.TryRunNextAsync(new ScoringOptions());

        Assert.Equal(ScoringAttemptKind.Ran, again.Kind);
        Assert.NotNull(again.Summary);
        Assert.False(again.Summary.Backfilled);
        Assert.Equal(0, again.Summary.Written.SignalsRaised);
        Assert.Equal(0, again.Summary.Written.SignalsResolved);
        Assert.Equal(0, again.Summary.Written.TasksCreated);
        Assert.Equal(0, again.Summary.Written.PhaseChanges);
        Assert.Equal(0, again.Summary.Written.Events);
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<string> CountsAsync() => string.Join(", ", await db.RowsAsync("""
        SELECT (SELECT count(*) FROM signals), (SELECT count(*) FROM signals WHERE resolved_on IS NULL), (SELECT count(*) FROM tasks),
               (SELECT count(*) FROM lifecycle_phase_history), (SELECT count(*) FROM outbox_events),
               (SELECT string_agg(lifecycle_phase || '@' || lifecycle_phase_since, ',' ORDER BY id) FROM accounts)
        """));
}
