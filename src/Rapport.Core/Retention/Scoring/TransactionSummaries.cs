using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Data;

namespace Rapport.Core.Retention.Scoring;

/// <summary>An account's transactions as seen on one day of the <see cref="ScoringCalendar"/>.</summary>
/// <param name="Count">Transactions (days with a non-negative line, docs/definitions.md#transactions-and-clv-models) up to the day.</param>
/// <param name="Last">The last of them.</param>
/// <param name="RepeatValue">Summed value of the repeat transactions (all but the first), non-negative lines only.</param>
/// <param name="Reactivated">On evaluation days: the first transaction after the latest gap longer than the active window (null: none).</param>
/// <param name="GapStart">The transaction before that gap.</param>
/// <param name="RevenueLast12Months">On evaluation days: net revenue of the 365 days ending with the day (returns included).</param>
/// <param name="RevenuePrior12Months">Net revenue of the 365 days before those.</param>
public readonly record struct TransactionPoint(
    int Count, DateOnly? Last, decimal RepeatValue, DateOnly? Reactivated, DateOnly? GapStart,
    decimal RevenueLast12Months, decimal RevenuePrior12Months);

/// <summary>One account's transaction summary on every day of a calendar (index = step).</summary>
public sealed record AccountTransactions(long AccountId, DateOnly? FirstTransaction, TransactionPoint[] Points);

/// <summary>
/// Per-account transaction summaries computed by PostgreSQL in one aggregate over <c>order_lines</c> (docs/definitions.md#transactions-and-clv-models, docs/scaling.md):
/// lines are merged per account and calendar day (a day with a non-negative line is a transaction; negative lines are
/// returns that count in revenue only), then each account is folded into one row with, per calendar day, the count,
/// last day and repeat value of its transactions, the latest gap beyond the active window, and the revenue windows.
/// The rows arrive ordered by account id and are streamed; no order line reaches the application. The query reads
/// (account_id, order_date, net_amount) only, which the index <c>ix_order_lines_account_date</c> covers.
/// </summary>
public static class TransactionSummaries
{
    private const int FieldsPerEvaluatedDay = 7;
    private const int FieldsPerOtherDay = 3;

    /// <summary>The SQL for <paramref name="calendar"/>: parameters <c>$1</c> = active window in days, <c>$2…</c> = the calendar days.</summary>
    public static string Sql(ScoringCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var c = CultureInfo.InvariantCulture;
        var columns = new StringBuilder();
        for (var k = 0; k < calendar.Days.Count; k++)
        {
            var d = "$" + (k + 2).ToString(c);
            columns.Append(c, $"""
                ,
                count(*) FILTER (WHERE pos IS NOT NULL AND day <= {d}::date)
                , max(day) FILTER (WHERE pos IS NOT NULL AND day <= {d}::date)
                , coalesce(sum(pos) FILTER (WHERE prev_day IS NOT NULL AND day <= {d}::date), 0)
                """);
            if (calendar.IsEvaluated(k))
            {
                columns.Append(c, $"""
                    ,
                    max(day) FILTER (WHERE pos IS NOT NULL AND day - prev_day > $1 AND day <= {d}::date)
                    , max(prev_day) FILTER (WHERE pos IS NOT NULL AND day - prev_day > $1 AND day <= {d}::date)
                    , coalesce(sum(net) FILTER (WHERE day > {d}::date - 365 AND day <= {d}::date), 0)
                    , coalesce(sum(net) FILTER (WHERE day > {d}::date - 730 AND day <= {d}::date - 365), 0)
                    """);
            }
        }
        // prev_day: the last transaction day before this row's day. A running max over the preceding rows of the account
        // is computed incrementally (the frame start never moves), in the order the grouped rows already come in.
        return $"""
            WITH days AS (
                SELECT account_id, order_date AS day, sum(net_amount) AS net,
                       sum(net_amount) FILTER (WHERE net_amount >= 0) AS pos
                FROM order_lines
                WHERE order_date <= $2::date
                GROUP BY account_id, order_date
            ), tx AS (
                SELECT account_id, day, net, pos,
                       max(day) FILTER (WHERE pos IS NOT NULL) OVER (
                           PARTITION BY account_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_day
                FROM days
            )
            SELECT account_id, min(day) FILTER (WHERE pos IS NOT NULL){columns}
            FROM tx
            GROUP BY account_id
            ORDER BY account_id
            """;
    }

    /// <summary>Streams the summaries of every account with order lines up to the as-of day, ordered by account id.</summary>
    public static async IAsyncEnumerable<AccountTransactions> StreamAsync(NpgsqlConnection connection, ScoringCalendar calendar,
        int activeWindowDays, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var cmd = PgSql.Command(connection, Sql(calendar));
        cmd.CommandTimeout = 0;
        cmd.Parameters.Add(new NpgsqlParameter { Value = activeWindowDays, NpgsqlDbType = NpgsqlDbType.Integer });
        foreach (var day in calendar.Days)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = day, NpgsqlDbType = NpgsqlDbType.Date });
        }
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            var accountId = reader.GetInt64(0);
            DateOnly? first = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1);
            var points = new TransactionPoint[calendar.Days.Count];
            var i = 2;
            for (var k = 0; k < points.Length; k++)
            {
                var count = (int)reader.GetInt64(i);
                DateOnly? last = reader.IsDBNull(i + 1) ? null : reader.GetFieldValue<DateOnly>(i + 1);
                var repeat = reader.GetDecimal(i + 2);
                if (calendar.IsEvaluated(k))
                {
                    DateOnly? back = reader.IsDBNull(i + 3) ? null : reader.GetFieldValue<DateOnly>(i + 3);
                    DateOnly? gapStart = reader.IsDBNull(i + 4) ? null : reader.GetFieldValue<DateOnly>(i + 4);
                    points[k] = new TransactionPoint(count, last, repeat, back, gapStart, reader.GetDecimal(i + 5), reader.GetDecimal(i + 6));
                    i += FieldsPerEvaluatedDay;
                }
                else
                {
                    points[k] = new TransactionPoint(count, last, repeat, null, null, 0, 0);
                    i += FieldsPerOtherDay;
                }
            }
            yield return new AccountTransactions(accountId, first, points);
        }
    }
}
