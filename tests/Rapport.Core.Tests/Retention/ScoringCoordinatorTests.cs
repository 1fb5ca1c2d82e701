using Npgsql;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;
using Rapport.Testing;

namespace Rapport.Core.Tests.Retention;

/// <summary>Coordination of scoring runs between instances (docs/scaling.md): one queued, one running, advisory lock, SKIP LOCKED.</summary>
public sealed class ScoringCoordinatorTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private ScoringCoordinator Coordinator => new(db.DataSource, TimeProvider.System);

    private static ScoringOptions Options => new() { BackfillMonths = 0 };

    [Fact]
    public async Task RequestAsync_WhileARunIsQueued_JoinsTheQueuedRun()
    {
        var first = await Coordinator.RequestAsync(ScoringTrigger.Api, AsOf);
        var second = await Coordinator.RequestAsync(ScoringTrigger.Cli, AsOf.AddDays(1));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.RunId, second.RunId);
        await DrainAsync();
    }

    [Fact]
    public async Task RequestAsync_NightlyTwiceForOneDay_RequestsOneRun()
    {
        var day = new DateOnly(2030, 1, Random.Shared.Next(1, 28));
        var first = await Coordinator.RequestAsync(ScoringTrigger.Nightly, day);
        await DrainAsync();

        var again = await Coordinator.RequestAsync(ScoringTrigger.Nightly, day);

        Assert.Equal(first.RunId, again.RunId);
        Assert.False(again.Created);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM scoring_runs WHERE status = 'queued'"));
    }

    [Fact]
    public async Task TryRunNextAsync_LockHeldByAnotherInstance_BusyAndTheRunStaysQueued()
    {
        var request = await Coordinator.RequestAsync(ScoringTrigger.Api, AsOf);
        // Another instance: a connection of its own (not from this pool), whose session holds the lock until it closes.
        await using (var other = new NpgsqlConnection(db.ConnectionString + ";Pooling=false"))
        {
            await other.OpenAsync();
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({ScoringCoordinator.AdvisoryLockKey})", other))
            {
                await take.ExecuteNonQueryAsync();
            }

            var attempt = await Coordinator.TryRunNextAsync(Options);

            Assert.Equal(ScoringAttemptKind.Busy, attempt.Kind);
            Assert.Equal("queued", await StatusAsync(request.RunId));
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({ScoringCoordinator.AdvisoryLockKey})", other);
            await release.ExecuteNonQueryAsync();
        }

        // The other instance has let go of the lock: the run goes ahead.
        var next = await Coordinator.TryRunNextAsync(Options);
        Assert.Equal(ScoringAttemptKind.Ran, next.Kind);
        Assert.Equal(request.RunId, next.RunId);
        Assert.Equal("succeeded", await StatusAsync(request.RunId));
    }

    [Fact]
    public async Task TryRunNextAsync_TwoWorkersAtOnce_ExactlyOneRunsTheRun()
    {
        await SeedAccountsAsync();
        var request = await Coordinator.RequestAsync(ScoringTrigger.Api, AsOf);

        var attempts = await Task.WhenAll(
            Task.Run(() => Coordinator.TryRunNextAsync(Options)),
            Task.Run(() => Coordinator.TryRunNextAsync(Options)));

        Assert.Single(attempts, a => a.Kind == ScoringAttemptKind.Ran);
        Assert.Single(attempts, a => a.Kind is ScoringAttemptKind.Busy or ScoringAttemptKind.Idle);
        Assert.Equal("succeeded", await StatusAsync(request.RunId));
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM scoring_runs WHERE id = {request.RunId} AND started_at IS NOT NULL AND finished_at >= started_at"));
    }

    [Fact]
    public async Task TryRunNextAsync_RunLeftRunningByAnInstanceThatDied_MarkedFailedThenNextRuns()
    {
        var dead = await Coordinator.RequestAsync(ScoringTrigger.Nightly, new DateOnly(2031, 2, Random.Shared.Next(1, 28)));
        await ExecuteAsync($"UPDATE scoring_runs SET status = 'running', started_at = now() WHERE id = {dead.RunId}");
        var queued = await Coordinator.RequestAsync(ScoringTrigger.Api, AsOf);

        var attempt = await Coordinator.TryRunNextAsync(Options);

        Assert.Equal(queued.RunId, attempt.RunId);
        Assert.Equal("failed", await StatusAsync(dead.RunId));
        Assert.StartsWith("Abandoned", await TextAsync($"SELECT error FROM scoring_runs WHERE id = {dead.RunId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryRunNextAsync_NothingQueued_Idle()
    {
        await DrainAsync();

        var attempt = await Coordinator.TryRunNextAsync(Options);

        Assert.Equal(ScoringAttemptKind.Idle, attempt.Kind);
        Assert.Null(attempt.RunId);
    }

    [Fact]
    public async Task TryRunNextAsync_InvalidSettings_RunFailsNamingTheSetting()
    {
        var request = await Coordinator.RequestAsync(ScoringTrigger.Api, AsOf);

        var attempt = await Coordinator.TryRunNextAsync(new ScoringOptions { TimeUnit = "fortnight" });

        Assert.Equal(ScoringAttemptKind.Ran, attempt.Kind);
        Assert.Null(attempt.Summary);
        Assert.Contains("Rapport:Scoring:TimeUnit", attempt.Error, StringComparison.Ordinal);
        Assert.Equal("failed", await StatusAsync(request.RunId));
    }

    private async Task DrainAsync()
    {
        while ((await Coordinator.TryRunNextAsync(Options)).Kind == ScoringAttemptKind.Ran)
        {
        }
    }

    private async Task SeedAccountsAsync() => await ExecuteAsync($"""
        INSERT INTO accounts (external_id, name) SELECT 'COORD-{Guid.NewGuid():N}-' || g, 'Coordination ' || g FROM generate_series(1, 5) g
        """);

    private async Task<string> StatusAsync(long runId) => await TextAsync($"SELECT status FROM scoring_runs WHERE id = {runId}");

    private async Task<string> TextAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
