using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Rapport.Analytics.Retention;
using Rapport.Core.Data;
using Rapport.Core.Events;
using Rapport.Core.Import;

namespace Rapport.Core.Retention.Scoring;

/// <summary>What the write of a run changed.</summary>
public sealed record ScoringWriteCounts(int Scores, int PhaseChanges, int SignalsRaised, int SignalsResolved, int TasksCreated, int Events, int SegmentsChanged);

/// <summary>A signal inserted by the run (needed for its task and event).</summary>
internal sealed record NewSignal(long Id, long AccountId, SignalType Type, SignalSeverity Severity, string Explanation, DateOnly RaisedOn);

/// <summary>A task to create unless its origin key exists.</summary>
internal sealed record TaskRow(long AccountId, long? OwnerUserId, string Title, string? Details, DateOnly DueOn, TaskOrigin Origin, string OriginKey);

/// <summary>
/// Writes the results of a run in one transaction, set-based: binary COPY into temporary tables, then one statement per
/// change (upsert scores and history, append phase changes, update accounts, open/update/resolve signals, queue events,
/// create tasks idempotently by origin key). Events go to the outbox in the same transaction as the changes they report.
/// </summary>
internal static class ScoringWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ScoringWriteCounts> WriteAsync(NpgsqlConnection conn, long runId, DateOnly asOf,
        IReadOnlyDictionary<long, AccountFacts> facts, IReadOnlyList<AccountEvaluation> evaluations,
        IReadOnlyList<Playbook> playbooks, SignalSeverity taskSeverity, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, """
            CREATE TEMP TABLE tmp_scores (account_id bigint, transactions integer, first_on date, last_on date,
                revenue_12 numeric, revenue_prior numeric, p_alive double precision, p_alive_90 double precision,
                expected_12 double precision, spend numeric, clv numeric, risk_share double precision, clv_at_risk numeric, rule smallint, reason text,
                phase text, phase_since date) ON COMMIT DROP;
            CREATE TEMP TABLE tmp_history (account_id bigint, scored_on date, p_alive double precision,
                expected_12 double precision, clv numeric) ON COMMIT DROP;
            CREATE TEMP TABLE tmp_changes (account_id bigint, phase text, previous_phase text, changed_on date, rule smallint,
                reason text, notify boolean) ON COMMIT DROP;
            CREATE TEMP TABLE tmp_signals (account_id bigint, type text, signal_key text, severity text, explanation text,
                evidence jsonb, raised_on date) ON COMMIT DROP;
            CREATE TEMP TABLE tmp_tasks (account_id bigint, owner_user_id bigint, title text, details text, due_on date,
                origin text, origin_key text) ON COMMIT DROP;
            """, ct);

        await CopyAsync(conn, "COPY tmp_scores FROM STDIN (FORMAT BINARY)", evaluations, async (w, e) =>
        {
            var s = e.Score;
            await w.WriteAsync(s.AccountId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(s.Transactions, NpgsqlDbType.Integer, ct);
            await w.WriteNullableAsync(s.FirstTransaction, NpgsqlDbType.Date, ct);
            await w.WriteNullableAsync(s.LastTransaction, NpgsqlDbType.Date, ct);
            await w.WriteAsync(s.RevenueLast12Months, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(s.RevenuePrior12Months, NpgsqlDbType.Numeric, ct);
            await w.WriteNullableAsync(s.PAlive, NpgsqlDbType.Double, ct);
            await w.WriteNullableAsync(s.PAlive90DaysAgo, NpgsqlDbType.Double, ct);
            await w.WriteNullableAsync(s.ExpectedTransactions12Months, NpgsqlDbType.Double, ct);
            await w.WriteNullableAsync(s.ExpectedSpend, NpgsqlDbType.Numeric, ct);
            await w.WriteNullableAsync(s.Clv, NpgsqlDbType.Numeric, ct);
            await w.WriteNullableAsync(s.RiskShare, NpgsqlDbType.Double, ct);
            await w.WriteNullableAsync(s.ClvAtRisk, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync((short)s.Rule, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(s.Reason, NpgsqlDbType.Text, ct);
            await w.WriteAsync(EnumText.ToText(e.Phase), NpgsqlDbType.Text, ct);
            await w.WriteAsync(e.PhaseSince, NpgsqlDbType.Date, ct);
        }, ct);
        await CopyAsync(conn, "COPY tmp_history FROM STDIN (FORMAT BINARY)", evaluations.SelectMany(e => e.History.Select(h => (e.Score.AccountId, h))), async (w, r) =>
        {
            await w.WriteAsync(r.AccountId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(r.h.Day, NpgsqlDbType.Date, ct);
            await w.WriteNullableAsync(r.h.PAlive, NpgsqlDbType.Double, ct);
            await w.WriteNullableAsync(r.h.ExpectedTransactions12Months, NpgsqlDbType.Double, ct);
            await w.WriteNullableAsync(r.h.Clv, NpgsqlDbType.Numeric, ct);
        }, ct);
        await CopyAsync(conn, "COPY tmp_changes FROM STDIN (FORMAT BINARY)", evaluations.SelectMany(e => e.Changes), async (w, c) =>
        {
            await w.WriteAsync(c.AccountId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(EnumText.ToText(c.Phase), NpgsqlDbType.Text, ct);
            await w.WriteNullableAsync(c.Previous is { } p ? EnumText.ToText(p) : null, NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.ChangedOn, NpgsqlDbType.Date, ct);
            await w.WriteAsync((short)c.Rule, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(c.Reason, NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.Notify, NpgsqlDbType.Boolean, ct);
        }, ct);
        await CopyAsync(conn, "COPY tmp_signals FROM STDIN (FORMAT BINARY)", evaluations.SelectMany(e => e.Signals), async (w, s) =>
        {
            await w.WriteAsync(s.AccountId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(EnumText.ToText(s.Type), NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Key, NpgsqlDbType.Text, ct);
            await w.WriteAsync(EnumText.ToText(s.Severity), NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Explanation, NpgsqlDbType.Text, ct);
            await w.WriteAsync(JsonSerializer.Serialize(s.Evidence, Json), NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(s.RaisedOn, NpgsqlDbType.Date, ct);
        }, ct);

        var scores = await ExecAsync(conn, """
            INSERT INTO account_scores AS s (account_id, run_id, scored_on, transactions, first_transaction_on, last_transaction_on,
                revenue_last_12m, revenue_prior_12m, p_alive, p_alive_90_days_ago, expected_transactions_12m, expected_spend,
                clv, risk_share, clv_at_risk, lifecycle_rule, lifecycle_reason, computed_at)
            SELECT t.account_id, $1, $2, t.transactions, t.first_on, t.last_on, t.revenue_12, t.revenue_prior, t.p_alive,
                   t.p_alive_90, t.expected_12, t.spend, t.clv, t.risk_share, t.clv_at_risk, t.rule, t.reason, now()
            FROM tmp_scores t JOIN accounts a ON a.id = t.account_id
            ON CONFLICT (account_id) DO UPDATE SET run_id = excluded.run_id, scored_on = excluded.scored_on,
                transactions = excluded.transactions, first_transaction_on = excluded.first_transaction_on,
                last_transaction_on = excluded.last_transaction_on, revenue_last_12m = excluded.revenue_last_12m,
                revenue_prior_12m = excluded.revenue_prior_12m, p_alive = excluded.p_alive,
                p_alive_90_days_ago = excluded.p_alive_90_days_ago, expected_transactions_12m = excluded.expected_transactions_12m,
                expected_spend = excluded.expected_spend, clv = excluded.clv, risk_share = excluded.risk_share, clv_at_risk = excluded.clv_at_risk,
                lifecycle_rule = excluded.lifecycle_rule, lifecycle_reason = excluded.lifecycle_reason, computed_at = now()
            """, ct, runId, asOf);
        await ExecAsync(conn, """
            INSERT INTO account_score_history (account_id, scored_on, p_alive, expected_transactions_12m, clv)
            SELECT t.account_id, t.scored_on, t.p_alive, t.expected_12, t.clv
            FROM tmp_history t JOIN accounts a ON a.id = t.account_id
            ON CONFLICT (account_id, scored_on) DO UPDATE SET p_alive = excluded.p_alive,
                expected_transactions_12m = excluded.expected_transactions_12m, clv = excluded.clv
            """, ct);

        var changes = await ExecAsync(conn, """
            INSERT INTO lifecycle_phase_history (account_id, phase, previous_phase, changed_on, rule, reason, run_id)
            SELECT t.account_id, t.phase, t.previous_phase, t.changed_on, t.rule, t.reason, $1
            FROM tmp_changes t JOIN accounts a ON a.id = t.account_id
            ORDER BY t.account_id, t.changed_on
            """, ct, runId);
        // The phase is derived data: accounts.updated_at stays the time of the last edit by a person or an import.
        await ExecAsync(conn, """
            UPDATE accounts a SET lifecycle_phase = t.phase, lifecycle_phase_since = t.phase_since
            FROM tmp_scores t
            WHERE a.id = t.account_id
              AND (a.lifecycle_phase IS DISTINCT FROM t.phase OR a.lifecycle_phase_since IS DISTINCT FROM t.phase_since)
            """, ct);
        var events = await ExecAsync(conn, $"""
            INSERT INTO outbox_events (type, account_id, payload)
            SELECT '{EventTypes.LifecyclePhaseChanged}', t.account_id,
                   jsonb_build_object('accountId', t.account_id, 'accountExternalId', a.external_id, 'from', t.previous_phase,
                       'to', t.phase, 'changedOn', t.changed_on, 'rule', t.rule, 'reason', t.reason)
            FROM tmp_changes t JOIN accounts a ON a.id = t.account_id
            WHERE t.notify
            ORDER BY t.account_id
            """, ct);

        await ExecAsync(conn, """
            UPDATE signals s SET severity = t.severity, explanation = t.explanation, evidence = t.evidence, last_seen_on = $2,
                   run_id = $1, updated_at = now()
            FROM tmp_signals t
            WHERE s.account_id = t.account_id AND s.signal_key = t.signal_key AND s.resolved_on IS NULL
              AND (s.severity, s.explanation, s.evidence, s.last_seen_on, s.run_id)
                  IS DISTINCT FROM (t.severity, t.explanation, t.evidence, $2::date, $1::bigint)
            """, ct, runId, asOf);
        var resolved = await ExecAsync(conn, """
            UPDATE signals s SET resolved_on = greatest($2::date, s.raised_on), run_id = $1, updated_at = now()
            WHERE s.resolved_on IS NULL
              AND NOT EXISTS (SELECT 1 FROM tmp_signals t WHERE t.account_id = s.account_id AND t.signal_key = s.signal_key)
            """, ct, runId, asOf);
        var raised = new List<NewSignal>();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO signals (account_id, type, signal_key, severity, explanation, evidence, raised_on, last_seen_on, run_id)
            SELECT t.account_id, t.type, t.signal_key, t.severity, t.explanation, t.evidence, t.raised_on, $2, $1
            FROM tmp_signals t JOIN accounts a ON a.id = t.account_id
            WHERE NOT EXISTS (SELECT 1 FROM signals s WHERE s.account_id = t.account_id AND s.signal_key = t.signal_key AND s.resolved_on IS NULL)
            ORDER BY t.account_id, t.signal_key
            RETURNING id, account_id, type, severity, explanation, raised_on
            """, conn))
        {
            insert.CommandTimeout = 0;
            insert.Parameters.AddWithValue(runId);
            insert.Parameters.AddWithValue(asOf);
            await using var reader = await insert.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                raised.Add(new NewSignal(reader.GetInt64(0), reader.GetInt64(1), Parse<SignalType>(reader.GetString(2)),
                    Parse<SignalSeverity>(reader.GetString(3)), reader.GetString(4), reader.GetFieldValue<DateOnly>(5)));
            }
        }
        events += await ExecAsync(conn, $"""
            INSERT INTO outbox_events (type, account_id, payload)
            SELECT '{EventTypes.SignalRaised}', s.account_id,
                   jsonb_build_object('signalId', s.id, 'accountId', s.account_id, 'accountExternalId', a.external_id,
                       'type', s.type, 'severity', s.severity, 'explanation', s.explanation, 'raisedOn', s.raised_on,
                       'evidence', s.evidence)
            FROM signals s JOIN accounts a ON a.id = s.account_id
            WHERE s.id = ANY($1)
            ORDER BY s.id
            """, ct, raised.Select(r => r.Id).ToArray());

        var tasks = PlaybookTasks.Build(asOf, facts, evaluations, raised, playbooks, taskSeverity);
        await CopyAsync(conn, "COPY tmp_tasks FROM STDIN (FORMAT BINARY)", tasks, async (w, t) =>
        {
            await w.WriteAsync(t.AccountId, NpgsqlDbType.Bigint, ct);
            await w.WriteNullableAsync(t.OwnerUserId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(t.Title, NpgsqlDbType.Text, ct);
            await w.WriteNullableAsync(t.Details, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.DueOn, NpgsqlDbType.Date, ct);
            await w.WriteAsync(EnumText.ToText(t.Origin), NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.OriginKey, NpgsqlDbType.Text, ct);
        }, ct);
        var created = await ExecAsync(conn, """
            INSERT INTO tasks (account_id, owner_user_id, title, details, due_on, origin, origin_key)
            SELECT t.account_id, t.owner_user_id, t.title, t.details, t.due_on, t.origin, t.origin_key
            FROM tmp_tasks t JOIN accounts a ON a.id = t.account_id
            ORDER BY t.account_id, t.origin_key
            ON CONFLICT (account_id, origin_key) WHERE origin_key IS NOT NULL DO NOTHING
            """, ct);

        var segments = await Import.SegmentRefresh.RefreshAsync(conn, "SELECT account_id FROM tmp_scores", asOf, ct);
        await tx.CommitAsync(ct);
        return new ScoringWriteCounts(scores, changes, raised.Count, resolved, created, events, segments);
    }

    private static T Parse<T>(string text) where T : struct, Enum =>
        EnumText.TryParse<T>(text, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(T).Name} '{text}' in table signals.");

    private static async Task CopyAsync<T>(NpgsqlConnection conn, string copy, IEnumerable<T> rows,
        Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await w.StartRowAsync(ct);
            await write(w, row);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task<int> ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params object[] args)
    {
        // The scoring statements run over every account: no statement timeout.
        await using var cmd = PgSql.Command(conn, sql, args);
        cmd.CommandTimeout = 0;
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
