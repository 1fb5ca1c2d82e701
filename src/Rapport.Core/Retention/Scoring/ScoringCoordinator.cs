using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Data;

namespace Rapport.Core.Retention.Scoring;

/// <summary>A requested run: its id and whether this request created it or joined one already queued.</summary>
public sealed record ScoringRunRequest(long RunId, bool Created, DateOnly AsOf);

/// <summary>What <see cref="ScoringCoordinator.TryRunNextAsync"/> did.</summary>
public enum ScoringAttemptKind
{
    /// <summary>Another instance holds the job lock and is running a run.</summary>
    Busy,

    /// <summary>Nothing was queued.</summary>
    Idle,

    /// <summary>A queued run was claimed and ran to the end (succeeded or failed).</summary>
    Ran,
}

/// <summary>The outcome of an attempt to run the next queued run.</summary>
public sealed record ScoringAttempt(ScoringAttemptKind Kind, long? RunId = null, ScoringSummary? Summary = null, string? Error = null);

/// <summary>
/// Coordinates the scoring job between app instances and the CLI through PostgreSQL (docs/scaling.md):
/// <list type="bullet">
/// <item>a request inserts a <c>scoring_runs</c> row with status queued — or joins the queued one: a partial unique index
/// allows one queued and one running run at a time, and one nightly run per day;</item>
/// <item>a worker takes a session-level advisory lock (<see cref="AdvisoryLockKey"/>) with <c>pg_try_advisory_lock</c>, so
/// that two instances never score at once, then claims the oldest queued run with <c>FOR UPDATE SKIP LOCKED</c> and sets it
/// running. A run still marked running while the lock is free belonged to an instance that died (the lock goes with its
/// connection): it is marked failed;</item>
/// <item>the job runs on the lock's connection; its stage is recorded on the run for whoever polls it.</item>
/// </list>
/// </summary>
public sealed class ScoringCoordinator(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Key of the job's advisory lock: the ASCII bytes of "rappscor".</summary>
    public const long AdvisoryLockKey = 0x72617070_73636F72;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Today in UTC: the as-of day of runs that do not name one.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Queues a run for <paramref name="asOf"/>, or returns the run already queued (whatever its day). A nightly request
    /// for a day that already has its nightly run returns that run.
    /// </summary>
    public async Task<ScoringRunRequest> RequestAsync(ScoringTrigger trigger, DateOnly asOf, long? userId = null, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            if (trigger == ScoringTrigger.Nightly)
            {
                await using var existing = new NpgsqlCommand(
                    "SELECT id, as_of FROM scoring_runs WHERE trigger = 'nightly' AND as_of = $1", conn);
                existing.Parameters.Add(new NpgsqlParameter { Value = asOf, NpgsqlDbType = NpgsqlDbType.Date });
                await using var r = await existing.ExecuteReaderAsync(ct);
                if (await r.ReadAsync(ct))
                {
                    return new ScoringRunRequest(r.GetInt64(0), false, r.GetFieldValue<DateOnly>(1));
                }
            }
            await using (var queued = new NpgsqlCommand("SELECT id, as_of FROM scoring_runs WHERE status = 'queued'", conn))
            await using (var r = await queued.ExecuteReaderAsync(ct))
            {
                if (await r.ReadAsync(ct))
                {
                    return new ScoringRunRequest(r.GetInt64(0), false, r.GetFieldValue<DateOnly>(1));
                }
            }
            try
            {
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO scoring_runs (status, trigger, as_of, requested_by_user_id) VALUES ('queued', $1, $2, $3) RETURNING id", conn);
                insert.Parameters.Add(new NpgsqlParameter { Value = EnumText.ToText(trigger), NpgsqlDbType = NpgsqlDbType.Text });
                insert.Parameters.Add(new NpgsqlParameter { Value = asOf, NpgsqlDbType = NpgsqlDbType.Date });
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
                return new ScoringRunRequest((long)(await insert.ExecuteScalarAsync(ct))!, true, asOf);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 5)
            {
                // Another instance queued a run (or the day's nightly run) between our look and our insert: join it.
            }
        }
    }

    /// <summary>True when accounts exist but none has scores (e.g. right after the demo seed).</summary>
    public async Task<bool> ScoresMissingAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM accounts) AND NOT EXISTS (SELECT 1 FROM account_scores)");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Claims the oldest queued run and runs it, unless another instance holds the job lock. Failures of the job are
    /// recorded on the run (status failed, error) and returned, not thrown; cancellation marks the run failed and throws.
    /// </summary>
    public async Task<ScoringAttempt> TryRunNextAsync(ScoringOptions options, IReadOnlyList<IScoringFactSource>? sources = null,
        IProgress<ScoringProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (!await LockAsync(conn, ct))
        {
            return new ScoringAttempt(ScoringAttemptKind.Busy);
        }
        try
        {
            var claimed = await ClaimAsync(conn, ct);
            if (claimed is not { } run)
            {
                return new ScoringAttempt(ScoringAttemptKind.Idle);
            }
            var reporter = new StageReporter(dataSource, run.Id, progress);
            try
            {
                var summary = await ScoringJob.RunAsync(conn, run.Id, run.AsOf, options, sources, reporter, ct);
                await FinishAsync(run.Id, summary, null, CancellationToken.None);
                return new ScoringAttempt(ScoringAttemptKind.Ran, run.Id, summary);
            }
            catch (OperationCanceledException)
            {
                await FinishAsync(run.Id, null, "Cancelled: the instance running it stopped.", CancellationToken.None);
                throw;
            }
            catch (Exception ex)
            {
                // Whatever went wrong belongs on the run, where the API and the CLI show it; the worker goes on.
                var error = $"{ex.GetType().Name}: {ex.Message}";
                await FinishAsync(run.Id, null, error, CancellationToken.None);
                return new ScoringAttempt(ScoringAttemptKind.Ran, run.Id, null, error);
            }
        }
        finally
        {
            await UnlockAsync(conn);
        }
    }

    private static async Task<bool> LockAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", conn);
        cmd.Parameters.AddWithValue(AdvisoryLockKey);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    private static async Task UnlockAsync(NpgsqlConnection conn)
    {
        if (conn.FullState.HasFlag(System.Data.ConnectionState.Open))
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", conn);
            cmd.Parameters.AddWithValue(AdvisoryLockKey);
            await cmd.ExecuteScalarAsync();
        }
    }

    private async Task<(long Id, DateOnly AsOf)?> ClaimAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var abandoned = new NpgsqlCommand("""
            UPDATE scoring_runs SET status = 'failed', finished_at = now(),
                   error = 'Abandoned: the instance running it stopped before it finished.'
            WHERE status = 'running'
            """, conn, tx))
        {
            await abandoned.ExecuteNonQueryAsync(ct);
        }
        long id;
        DateOnly asOf;
        await using (var select = new NpgsqlCommand(
            "SELECT id, as_of FROM scoring_runs WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", conn, tx))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }
            id = reader.GetInt64(0);
            asOf = reader.GetFieldValue<DateOnly>(1);
        }
        await using (var start = new NpgsqlCommand("""
            UPDATE scoring_runs SET status = 'running', started_at = $2, heartbeat_at = $2, worker = $3, stage = 'starting'
            WHERE id = $1
            """, conn, tx))
        {
            start.Parameters.AddWithValue(id);
            start.Parameters.AddWithValue(clock.GetUtcNow());
            start.Parameters.AddWithValue($"{Environment.MachineName}/{Environment.ProcessId}");
            await start.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return (id, asOf);
    }

    private async Task FinishAsync(long runId, ScoringSummary? summary, string? error, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE scoring_runs SET status = $2, finished_at = $3, heartbeat_at = $3, stage = NULL, error = $4,
                   accounts = $5, scored_accounts = $6, phase_changes = $7, signals_raised = $8, signals_resolved = $9,
                   tasks_created = $10, events = $11, model = $12, timings = $13
            WHERE id = $1
            """);
        var w = summary?.Written;
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(summary is null ? "failed" : "succeeded");
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        cmd.Parameters.Add(Nullable(error, NpgsqlDbType.Text));
        cmd.Parameters.Add(Nullable(summary?.Accounts, NpgsqlDbType.Integer));
        cmd.Parameters.Add(Nullable(summary?.ScoredAccounts, NpgsqlDbType.Integer));
        cmd.Parameters.Add(Nullable(w?.PhaseChanges, NpgsqlDbType.Integer));
        cmd.Parameters.Add(Nullable(w?.SignalsRaised, NpgsqlDbType.Integer));
        cmd.Parameters.Add(Nullable(w?.SignalsResolved, NpgsqlDbType.Integer));
        cmd.Parameters.Add(Nullable(w?.TasksCreated, NpgsqlDbType.Integer));
        cmd.Parameters.Add(Nullable(w?.Events, NpgsqlDbType.Integer));
        cmd.Parameters.Add(Nullable(summary is null ? null : JsonSerializer.Serialize(summary.Model, Json), NpgsqlDbType.Jsonb));
        cmd.Parameters.Add(Nullable(summary is null ? null : JsonSerializer.Serialize(summary.Timings, Json), NpgsqlDbType.Jsonb));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    /// <summary>Records the stage on the run (on its own connection, outside the job's transaction) and passes progress on.</summary>
    private sealed class StageReporter(NpgsqlDataSource dataSource, long runId, IProgress<ScoringProgress>? inner) : IProgress<ScoringProgress>
    {
        private string? _stage;

        public void Report(ScoringProgress value)
        {
            inner?.Report(value);
            if (value.Stage == _stage)
            {
                return;
            }
            _stage = value.Stage;
            using var cmd = dataSource.CreateCommand("UPDATE scoring_runs SET stage = $2, heartbeat_at = now() WHERE id = $1");
            cmd.Parameters.AddWithValue(runId);
            cmd.Parameters.AddWithValue(value.Stage);
            cmd.ExecuteNonQuery();
        }
    }
}
