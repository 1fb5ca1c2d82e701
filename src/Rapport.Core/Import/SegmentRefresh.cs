using Npgsql;
using Rapport.Core.Data;

namespace Rapport.Core.Import;

/// <summary>
/// Recomputes the segment (Zielgruppe, docs/domain.md#glossary) of accounts from their order lines as of a day D, in one UPDATE:
/// <c>prospect</c> = no order lines; <c>new</c> = first order on or after D − 365 days; <c>lost</c> = last order before
/// D − 365 days; <c>regular</c> otherwise. Only rows whose segment changes are written.
/// </summary>
public static class SegmentRefresh
{
    /// <summary>The UPDATE; <paramref name="accountIdsSql"/> selects one bigint column of account ids, <c>@today</c> is the day D.</summary>
    public static string Sql(string accountIdsSql) => $"""
        UPDATE accounts a SET segment = x.segment, updated_at = now()
        FROM (
            SELECT t.id,
                   CASE WHEN o.first_date IS NULL THEN 'prospect'
                        WHEN o.first_date >= @today - 365 THEN 'new'
                        WHEN o.last_date < @today - 365 THEN 'lost'
                        ELSE 'regular' END AS segment
            FROM (SELECT DISTINCT id FROM ({accountIdsSql}) AS ids(id)) t
            CROSS JOIN LATERAL (
                SELECT min(l.order_date) AS first_date, max(l.order_date) AS last_date
                FROM order_lines l WHERE l.account_id = t.id) o
        ) x
        WHERE a.id = x.id AND a.segment IS DISTINCT FROM x.segment
        """;

    /// <summary>Refreshes the accounts selected by <paramref name="accountIdsSql"/>; returns how many changed segment.</summary>
    public static async Task<int> RefreshAsync(NpgsqlConnection connection, string accountIdsSql, DateOnly today, CancellationToken ct = default)
    {
        await using var cmd = PgSql.Command(connection, Sql(accountIdsSql));
        cmd.CommandTimeout = 0;
        cmd.Parameters.AddWithValue("today", today);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
