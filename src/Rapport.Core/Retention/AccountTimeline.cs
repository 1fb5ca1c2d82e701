using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Data;

namespace Rapport.Core.Retention;

/// <summary>Kinds of timeline entries.</summary>
public enum TimelineKind
{
    Order,
    Interaction,
    PhaseChange,
    Signal,
    Task,
    SurveyResponse,
}

/// <summary>One entry of an account's timeline: when, what, a title and a detail line (docs/domain.md#retention-management, account 360°).</summary>
/// <param name="At">When it happened (midnight UTC for entries that only have a day).</param>
/// <param name="Id">Id of the record (for survey responses: wave id / respondent key).</param>
public sealed record TimelineEntry(DateTimeOffset At, TimelineKind Kind, string Id, string Title, string? Detail);

/// <summary>
/// An account's orders, interactions, lifecycle-phase changes, signals, tasks and survey responses in one list by date,
/// newest first, paged in the database (UNION ALL ordered by time).
/// </summary>
public static class AccountTimeline
{
    private const string Sql = """
        SELECT at, kind, id, title, detail FROM (
            SELECT (o.order_date::timestamp AT TIME ZONE 'UTC') AS at, 'order' AS kind, o.id::text AS id, o.order_no AS title,
                   (SELECT count(*) || ' line(s), ' || coalesce(sum(l.net_amount), 0)::text || ' ' || o.currency
                    FROM order_lines l WHERE l.order_id = o.id AND l.account_id = o.account_id) AS detail
            FROM orders o WHERE o.account_id = $1
            UNION ALL
            SELECT i.occurred_at, 'interaction', i.id::text, i.channel || coalesce(' (' || i.direction || ')', ''), i.subject
            FROM interactions i WHERE i.account_id = $1
            UNION ALL
            SELECT (h.changed_on::timestamp AT TIME ZONE 'UTC'), 'phase_change', h.id::text,
                   coalesce(h.previous_phase || ' → ', '') || h.phase, h.reason
            FROM lifecycle_phase_history h WHERE h.account_id = $1
            UNION ALL
            SELECT (s.raised_on::timestamp AT TIME ZONE 'UTC'), 'signal', s.id::text, s.type || ' (' || s.severity || ')', s.explanation
            FROM signals s WHERE s.account_id = $1
            UNION ALL
            SELECT t.created_at, 'task', t.id::text, t.title, t.status || coalesce(', due ' || t.due_on, '')
            FROM tasks t WHERE t.account_id = $1
            UNION ALL
            SELECT min(r.submitted_at), 'survey_response', r.wave_id || '/' || r.respondent_key, min(w.name),
                   'LOY_RECOMMEND ' || coalesce(max(r.value) FILTER (WHERE r.item_code = 'LOY_RECOMMEND')::int::text, '–')
            FROM response_answers r JOIN waves w ON w.id = r.wave_id
            WHERE r.account_id = $1 AND r.submitted_at IS NOT NULL
            GROUP BY r.wave_id, r.respondent_key
        ) e
        WHERE ($2::text[] IS NULL OR kind = ANY($2))
        """;

    /// <summary>One page of the timeline of <paramref name="accountId"/> (the caller checks that the account is visible).</summary>
    /// <param name="kinds">Only these kinds (null or empty: all).</param>
    public static async Task<(IReadOnlyList<TimelineEntry> Items, int Total)> ReadAsync(RapportDbContext db, long accountId,
        IReadOnlyCollection<TimelineKind>? kinds, int skip, int take, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var lease = await ContextConnection.OpenAsync(db, ct);
        var connection = lease.Connection;
        object kindFilter = kinds is { Count: > 0 } ? kinds.Select(k => EnumText.ToText(k)).ToArray() : DBNull.Value;
        int total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM ({Sql}) t", connection))
        {
            count.Parameters.AddWithValue(accountId);
            count.Parameters.Add(new NpgsqlParameter { Value = kindFilter, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            total = (int)(long)(await count.ExecuteScalarAsync(ct))!;
        }
        var items = new List<TimelineEntry>();
        if (skip < total)
        {
            await using var page = new NpgsqlCommand($"{Sql} ORDER BY at DESC, kind, id DESC OFFSET $3 LIMIT $4", connection);
            page.Parameters.AddWithValue(accountId);
            page.Parameters.Add(new NpgsqlParameter { Value = kindFilter, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            page.Parameters.AddWithValue(skip);
            page.Parameters.AddWithValue(take);
            await using var reader = await page.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var kind = EnumText.TryParse<TimelineKind>(reader.GetString(1), out var k) ? k
                    : throw new InvalidOperationException($"Unknown timeline kind '{reader.GetString(1)}'.");
                items.Add(new TimelineEntry(reader.GetFieldValue<DateTimeOffset>(0), kind, reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }
        return (items, total);
    }
}
