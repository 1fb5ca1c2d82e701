using System.Data;
using Npgsql;
using NpgsqlTypes;
using Rapport.Analytics.Survey;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Import;

namespace Rapport.Core.Insights;

/// <summary>A wave with its survey's anonymity settings, phase and touchpoint ids in order, and its summary's state.</summary>
internal sealed record WaveState(InsightWave Wave, long? Version, bool Stale, int[] PhaseIds, int[] TouchpointIds);

/// <summary>The phases and touchpoints of a survey in questionnaire order: the layout of the packed answers.</summary>
internal sealed record SurveyLayout(int[] PhaseIds, string[] PhaseCodes, int[] TouchpointIds, string[] TouchpointCodes)
{
    public bool SameAs(int[] phaseIds, int[] touchpointIds) => PhaseIds.SequenceEqual(phaseIds) && TouchpointIds.SequenceEqual(touchpointIds);
}

/// <summary>
/// Keeps <c>insight_respondents</c> (migration 0008) in step with <c>response_answers</c>: re-summarises the respondents
/// that the triggers logged in <c>insight_changes</c> (all of a wave on first use or when its layout changed), and loads
/// a wave's summary into a <see cref="WaveSnapshot"/>.
/// </summary>
internal static class InsightSummary
{
    // Advisory-lock namespace of the refresh (one refresher per wave at a time, across app servers).
    private const long LockBase = 0x5241_5050_0000_0000;

    /// <summary>The wave's summary version and whether answers changed since (null version: never summarised).</summary>
    public static async Task<(long? Version, bool Stale)> StateAsync(NpgsqlDataSource dataSource, long waveId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT (SELECT version FROM insight_waves WHERE wave_id = $1), EXISTS (SELECT 1 FROM insight_changes WHERE wave_id = $1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetBoolean(1));
    }

    /// <summary>A wave, its survey's settings and layout, and its summary state, in one round trip; null when there is no such wave.</summary>
    public static async Task<WaveState?> WaveStateAsync(NpgsqlDataSource dataSource, long waveId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT w.id, w.name, s.id, s.name, s.anonymous, s.min_group_size, w.opens_on, w.closes_on,
                   (SELECT version FROM insight_waves WHERE wave_id = w.id),
                   EXISTS (SELECT 1 FROM insight_changes WHERE wave_id = w.id),
                   ARRAY(SELECT phase_id FROM survey_phases WHERE survey_id = s.id ORDER BY sort_order),
                   ARRAY(SELECT touchpoint_id FROM survey_touchpoints WHERE survey_id = s.id ORDER BY sort_order)
            FROM waves w JOIN surveys s ON s.id = w.survey_id
            WHERE w.id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var wave = new InsightWave(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetBoolean(4),
            reader.GetInt32(5), reader.GetFieldValue<DateOnly>(6), reader.GetFieldValue<DateOnly>(7));
        return new WaveState(wave, reader.IsDBNull(8) ? null : reader.GetInt64(8), reader.GetBoolean(9),
            reader.GetFieldValue<int[]>(10), reader.GetFieldValue<int[]>(11));
    }

    /// <summary>
    /// Brings the wave's summary up to date and returns its version. Only the respondents logged as changed are read
    /// again; the whole wave when it was never summarised or the survey's phases or touchpoints changed.
    /// </summary>
    public static async Task<long> RefreshAsync(NpgsqlDataSource dataSource, long waveId, SurveyLayout layout, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await Execute(conn, "SELECT pg_advisory_lock($1)", LockBase + waveId, null, ct);
        try
        {
            // Repeatable read: the answers and the change log are read from one snapshot, so the log rows deleted at
            // the end are exactly the changes this refresh saw; later changes stay logged for the next refresh.
            await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            long version = 0;
            int[]? phaseIds = null, touchpointIds = null;
            await using (var cmd = new NpgsqlCommand("SELECT version, phase_ids, touchpoint_ids FROM insight_waves WHERE wave_id = $1", conn, tx))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct))
                {
                    version = reader.GetInt64(0);
                    phaseIds = reader.GetFieldValue<int[]>(1);
                    touchpointIds = reader.GetFieldValue<int[]>(2);
                }
            }
            var full = phaseIds is null || !layout.SameAs(phaseIds, touchpointIds!);
            var changeIds = new List<long>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand("SELECT id, respondent_key FROM insight_changes WHERE wave_id = $1", conn, tx))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    changeIds.Add(reader.GetInt64(0));
                    keys.Add(reader.GetString(1));
                }
            }
            if (!full && changeIds.Count == 0)
            {
                await tx.CommitAsync(ct);
                return version;
            }

            var keyArray = keys.ToArray();
            int deleted;
            await using (var cmd = full
                ? new NpgsqlCommand("DELETE FROM insight_respondents WHERE wave_id = $1", conn, tx)
                : new NpgsqlCommand("DELETE FROM insight_respondents WHERE wave_id = $1 AND respondent_key = ANY($2)", conn, tx))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
                if (!full)
                {
                    cmd.Parameters.Add(new NpgsqlParameter { Value = keyArray });
                }
                deleted = await cmd.ExecuteNonQueryAsync(ct);
            }
            var rows = await SummariseAsync(conn, tx, waveId, layout, full ? null : keyArray, ct);
            await using (var copy = await conn.BeginBinaryImportAsync(
                "COPY insight_respondents (wave_id, respondent_key, account_id, contact_id, submitted_at, answers, competitors) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var r in rows)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(waveId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(r.Key, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(r.AccountId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteNullableAsync(r.ContactId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteNullableAsync(r.Submitted, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync((byte[])(Array)r.Answers, NpgsqlDbType.Bytea, ct);
                    await copy.WriteAsync(r.Competitors, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                }
                await copy.CompleteAsync(ct);
            }
            if (changeIds.Count > 0)
            {
                await Execute(conn, "DELETE FROM insight_changes WHERE id = ANY($1)", changeIds.ToArray(), tx, ct);
            }
            // Saves of answers that are not submitted yet change nothing here; the version stays, so that app servers
            // keep their copy.
            var changed = full || deleted > 0 || rows.Count > 0;
            if (changed)
            {
                await using var cmd = new NpgsqlCommand("""
                    INSERT INTO insight_waves (wave_id, version, phase_ids, touchpoint_ids, respondents, refreshed_at)
                    VALUES ($1, 1, $2, $3, (SELECT count(*) FROM insight_respondents WHERE wave_id = $1), now())
                    ON CONFLICT (wave_id) DO UPDATE SET version = insight_waves.version + 1, phase_ids = excluded.phase_ids,
                        touchpoint_ids = excluded.touchpoint_ids, respondents = excluded.respondents, refreshed_at = excluded.refreshed_at
                    RETURNING version
                    """, conn, tx);
                cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
                cmd.Parameters.Add(new NpgsqlParameter { Value = layout.PhaseIds });
                cmd.Parameters.Add(new NpgsqlParameter { Value = layout.TouchpointIds });
                version = (long)(await cmd.ExecuteScalarAsync(ct))!;
            }
            await tx.CommitAsync(ct);
            return version;
        }
        finally
        {
            await Execute(conn, "SELECT pg_advisory_unlock($1)", LockBase + waveId, null, CancellationToken.None);
        }
    }

    /// <summary>Loads the wave's summary (ordered by respondent key, ordinal) with the contacts' current buying roles.</summary>
    public static async Task<WaveSnapshot> LoadAsync(NpgsqlDataSource dataSource, long waveId, long version, SurveyLayout layout, CancellationToken ct)
    {
        var rows = new List<(string Key, long Account, long? Contact, BuyingRole? Role, DateTimeOffset? Submitted, byte[] Answers, string?[] Competitors)>();
        await using (var cmd = dataSource.CreateCommand("""
            SELECT r.respondent_key, r.account_id, r.contact_id, c.buying_role, r.submitted_at, r.answers, r.competitors
            FROM insight_respondents r LEFT JOIN contacts c ON c.id = r.contact_id
            WHERE r.wave_id = $1
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                BuyingRole? role = !reader.IsDBNull(3) && EnumText.TryParse<BuyingRole>(reader.GetString(3), out var parsed) ? parsed : null;
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), role,
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<byte[]>(5),
                    reader.GetFieldValue<string?[]>(6)));
            }
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var snapshot = new WaveSnapshot(waveId, version, layout.PhaseCodes, layout.TouchpointCodes, rows.Count);
        var length = snapshot.RowLength;
        var phases = layout.PhaseCodes.Length;
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            snapshot.Keys[i] = r.Key;
            snapshot.AccountIds[i] = r.Account;
            snapshot.ContactIds[i] = r.Contact;
            snapshot.Roles[i] = r.Role;
            snapshot.Submitted[i] = r.Submitted;
            if (r.Answers.Length == length)
            {
                Buffer.BlockCopy(r.Answers, 0, snapshot.Answers, i * length, length);
            }
            else
            {
                // A summary written under another layout (never: a layout change re-summarises the wave) counts as unanswered.
                Array.Fill(snapshot.Answers, PackedAnswers.Missing, i * length, length);
            }
            for (var p = 0; p < phases && p < r.Competitors.Length; p++)
            {
                snapshot.Competitors[(i * phases) + p] = r.Competitors[p];
            }
        }
        return snapshot;
    }

    private sealed record Row(string Key, long AccountId, long? ContactId, DateTimeOffset? Submitted, sbyte[] Answers, string?[] Competitors);

    /// <summary>Packs the submitted answers of the wave (of <paramref name="keys"/> only, when given), as WaveAnswers reads them.</summary>
    private static async Task<List<Row>> SummariseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long waveId, SurveyLayout layout,
        string[]? keys, CancellationToken ct)
    {
        var phaseIndex = layout.PhaseIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var touchpointIndex = layout.TouchpointIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var pCount = layout.PhaseIds.Length;
        var tCount = layout.TouchpointIds.Length;
        var length = PackedAnswers.Length(pCount, tCount);
        var rows = new List<Row>();
        Row? current = null;
        await using var cmd = new NpgsqlCommand(
            "SELECT respondent_key, account_id, contact_id, item_code, phase_id, touchpoint_id, value, text, submitted_at "
            + "FROM response_answers WHERE wave_id = $1 AND submitted_at IS NOT NULL"
            + (keys is null ? "" : " AND respondent_key = ANY($2)")
            + " ORDER BY respondent_key", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
        if (keys is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = keys });
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = reader.GetString(0);
            if (current is null || current.Key != key)
            {
                var answers = new sbyte[length];
                Array.Fill(answers, PackedAnswers.Missing);
                current = new Row(key, reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), null, answers, new string?[pCount]);
                rows.Add(current);
            }
            var submitted = reader.GetFieldValue<DateTimeOffset>(8);
            if (current.Submitted is null || submitted > current.Submitted)
            {
                rows[^1] = current = current with { Submitted = submitted };
            }
            var code = reader.GetString(3);
            int? phase = reader.IsDBNull(4) ? null : (phaseIndex.TryGetValue(reader.GetInt32(4), out var pi) ? pi : -1);
            int? touchpoint = reader.IsDBNull(5) ? null : (touchpointIndex.TryGetValue(reader.GetInt32(5), out var ti) ? ti : -1);
            if (phase == -1 || touchpoint == -1)
            {
                continue;
            }
            if (code == ItemCodes.CompetitorName)
            {
                if (phase is { } p && !reader.IsDBNull(7))
                {
                    var text = reader.GetString(7);
                    current.Competitors[p] = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
                }
                continue;
            }
            if (reader.IsDBNull(6))
            {
                continue;
            }
            var value = reader.GetDecimal(6);
            if (value < 0 || value > 10 || decimal.Truncate(value) != value)
            {
                continue;
            }
            var v = (sbyte)value;
            var slot = Slot(code, phase, touchpoint, pCount, tCount);
            if (slot >= 0 && ItemScales.Validate(code, (double)value) is null)
            {
                current.Answers[slot] = v;
            }
        }
        return rows;
    }

    private static int Slot(string code, int? phase, int? touchpoint, int pCount, int tCount)
    {
        switch (code)
        {
            case ItemCodes.PhaseInvolved when phase is { } p && touchpoint is null:
                return PackedAnswers.PhaseOffset(p);
            case ItemCodes.PhaseSatisfaction when phase is { } p && touchpoint is null:
                return PackedAnswers.PhaseOffset(p) + 1;
            case ItemCodes.CompetitorRelative when phase is { } p && touchpoint is null:
                return PackedAnswers.PhaseOffset(p) + 2;
            case ItemCodes.TouchpointContact when phase is { } p && touchpoint is { } t:
                return PackedAnswers.TouchpointOffset(pCount, tCount, p, t);
            case ItemCodes.TouchpointSatisfaction when phase is { } p && touchpoint is { } t:
                return PackedAnswers.TouchpointOffset(pCount, tCount, p, t) + 1;
            case ItemCodes.TouchpointMain when phase is { } p && touchpoint is { } t:
                return PackedAnswers.TouchpointOffset(pCount, tCount, p, t) + 2;
            default:
                return phase is null && PackedAnswers.GlobalIndex.TryGetValue(code, out var g) ? g : -1;
        }
    }

    private static async Task Execute(NpgsqlConnection conn, string sql, object arg, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = PgSql.Command(conn, tx, sql, arg);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
