using Npgsql;

namespace Rapport.Core.Loyalty;

/// <summary>What an earning run did.</summary>
/// <param name="Orders">Orders that got their earn entry (orders below the minimum order value get one with 0 points).</param>
/// <param name="Points">Points earned in total.</param>
public sealed record EarnRunResult(int Orders, long Points);

/// <summary>What an expiry run did.</summary>
/// <param name="Accounts">Accounts with an expire entry.</param>
/// <param name="Points">Points expired in total (positive).</param>
public sealed record ExpiryRunResult(int Accounts, long Points);

/// <summary>
/// The set-based work of the loyalty program, in SQL so that no order line is loaded into the application:
/// earning points for orders and expiring points. Both are idempotent and safe when several processes run them.
/// They work on a connection so that the demo seed can run them inside its transaction.
/// </summary>
public static class LoyaltyRuns
{
    /// <summary>Orders handled per statement (keeps each statement's work and locks small).</summary>
    public const int EarnBatchSize = 5_000;

    /// <summary>Accounts handled per expiry transaction.</summary>
    public const int ExpiryBatchSize = 1_000;

    public const string SystemActor = "system";

    /// <summary>
    /// Books the earn entry of every order of an enrolled account, dated from its enrolment up to
    /// <paramref name="asOf"/>, that has none yet. Points per line = net amount × points per EUR of the most specific
    /// earn rule active on the order date (a rule of the line's product category before a rule without category,
    /// then the latest); lines earn only when the order's net total reaches the rule's minimum order value. The
    /// order's points = ⌊sum × earn multiplier of the account's tier on the day before the order⌋, never below 0.
    /// The unique (kind, order_id) key makes a second run — or a parallel one — a no-op for the same order.
    /// </summary>
    public static async Task<EarnRunResult> EarnAsync(NpgsqlConnection connection, DateOnly asOf, string actor = SystemActor,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var orders = 0;
        long points = 0;
        while (true)
        {
            await using var cmd = new NpgsqlCommand(EarnSql, connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = asOf });
            cmd.Parameters.Add(new NpgsqlParameter { Value = EarnBatchSize });
            cmd.Parameters.Add(new NpgsqlParameter { Value = actor });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var candidates = reader.GetInt64(0);
            orders += (int)reader.GetInt64(1);
            points += reader.GetInt64(2);
            if (candidates < EarnBatchSize)
            {
                return new EarnRunResult(orders, points);
            }
        }
    }

    // The tier multiplier needs the revenue of the 12 months before each order. Summing those lines per order would
    // read a year of lines for every order; instead the lines of the candidates' accounts are summed per day once and a
    // window adds up the 12 months up to each tier day (the same revenue as loyalty_tier_id computes for one day).
    private const string EarnSql = """
        WITH candidates AS (
            SELECT o.id, o.account_id, o.order_date, o.order_no
            FROM orders o
            JOIN loyalty_members m ON m.account_id = o.account_id
            WHERE o.order_date >= m.enrolled_on AND o.order_date <= $1
              AND NOT EXISTS (SELECT 1 FROM loyalty_ledger e WHERE e.kind = 'earn' AND e.order_id = o.id)
            ORDER BY o.id
            LIMIT $2
        ),
        tier_days AS (
            SELECT DISTINCT account_id, order_date - 1 AS day FROM candidates
        ),
        daily AS (
            SELECT l.account_id, l.order_date AS day, sum(l.net_amount) AS revenue
            FROM (SELECT account_id, min(day) AS first_day, max(day) AS last_day FROM tier_days GROUP BY account_id) r
            JOIN order_lines l ON l.account_id = r.account_id
                AND l.order_date > (r.first_day - interval '12 months')::date AND l.order_date <= r.last_day
            GROUP BY l.account_id, l.order_date
            UNION ALL
            SELECT account_id, day, 0 FROM tier_days
        ),
        rolling AS (
            SELECT DISTINCT ON (account_id, day) account_id, day,
                   sum(revenue) OVER (PARTITION BY account_id ORDER BY day
                                      RANGE BETWEEN interval '1 year -1 day' PRECEDING AND CURRENT ROW) AS revenue
            FROM daily
        ),
        multipliers AS MATERIALIZED (
            SELECT d.account_id, d.day, t.earn_multiplier
            FROM tier_days d
            JOIN rolling r ON r.account_id = d.account_id AND r.day = d.day
            JOIN accounts a ON a.id = d.account_id
            CROSS JOIN LATERAL (
                SELECT loyalty_tenure_months(coalesce(a.acquired_on,
                    (SELECT l.order_date FROM order_lines l WHERE l.account_id = a.id ORDER BY l.order_date LIMIT 1)), d.day) AS months
            ) tenure
            LEFT JOIN LATERAL (
                -- loyalty_tier_for(revenue, months), written out so that the planner sees the tiny table once.
                SELECT t.earn_multiplier FROM loyalty_tiers t
                WHERE t.is_active AND t.min_revenue_12m <= r.revenue AND t.min_tenure_months <= tenure.months
                ORDER BY t.rank DESC
                LIMIT 1
            ) t ON true
        ),
        lines AS (
            SELECT c.id AS order_id, c.order_date, l.net_amount, l.product_category,
                   sum(l.net_amount) OVER (PARTITION BY c.id) AS order_total
            FROM candidates c
            JOIN order_lines l ON l.order_id = c.id
        ),
        line_points AS MATERIALIZED (
            SELECT x.order_id, sum(x.net_amount * r.points_per_eur) AS base
            FROM lines x
            CROSS JOIN LATERAL (
                SELECT r.points_per_eur, r.min_order_value
                FROM earn_rules r
                WHERE r.active_from <= x.order_date AND (r.active_to IS NULL OR r.active_to >= x.order_date)
                  AND (r.product_category IS NULL OR r.product_category = x.product_category)
                ORDER BY r.product_category IS NULL, r.active_from DESC, r.id DESC
                LIMIT 1
            ) r
            WHERE x.order_total >= r.min_order_value
            GROUP BY x.order_id
        ),
        inserted AS (
            INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, order_id, reason, created_by)
            SELECT c.account_id,
                   c.order_date::timestamp AT TIME ZONE 'UTC',
                   'earn',
                   least(greatest(floor(coalesce(p.base, 0) * coalesce(t.earn_multiplier, 1)), 0), 2000000000)::integer,
                   c.id,
                   'Order ' || c.order_no,
                   $3
            FROM candidates c
            LEFT JOIN line_points p ON p.order_id = c.id
            LEFT JOIN multipliers t ON t.account_id = c.account_id AND t.day = c.order_date - 1
            ON CONFLICT (kind, order_id) WHERE order_id IS NOT NULL DO NOTHING
            RETURNING points
        )
        SELECT (SELECT count(*) FROM candidates), count(*), coalesce(sum(points), 0)::bigint FROM inserted
        """;

    /// <summary>
    /// The first day on which points booked on <paramref name="bookedOn"/> are expired: <paramref name="months"/> months later.
    /// </summary>
    public static DateOnly ExpiresOn(DateOnly bookedOn, int months) => bookedOn.AddMonths(months);

    /// <summary>
    /// Expires points FIFO at <paramref name="at"/>: points booked on a day d expire on d + <paramref name="months"/>
    /// months. Every entry that takes points (redeem, expire, negative reversal) consumes the oldest points first, so
    /// what is left of the points booked before the cutoff is their sum minus everything taken so far — as long as it
    /// is positive (and never more than the balance) — and that is what expires. A second run finds nothing left.
    /// Each batch of accounts locks their memberships first, so a concurrent redemption cannot make an expiry overdraw.
    /// </summary>
    /// <param name="transaction">The caller's open transaction; null = one transaction per batch.</param>
    public static async Task<ExpiryRunResult> ExpireAsync(NpgsqlConnection connection, DateTimeOffset at, int months,
        NpgsqlTransaction? transaction = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        var asOf = DateOnly.FromDateTime(at.UtcDateTime);
        var cutoff = LoyaltyClock.StartOf(asOf.AddMonths(-months).AddDays(1));
        var accounts = 0;
        long points = 0;
        long after = 0;
        while (true)
        {
            var tx = transaction ?? await connection.BeginTransactionAsync(ct);
            try
            {
                var batch = new List<long>(ExpiryBatchSize);
                await using (var lockCmd = new NpgsqlCommand(
                    """
                    SELECT m.account_id FROM loyalty_members m
                    WHERE m.account_id > $1
                      AND EXISTS (SELECT 1 FROM loyalty_ledger e WHERE e.account_id = m.account_id AND e.points > 0 AND e.occurred_at < $2)
                    ORDER BY m.account_id LIMIT $3
                    FOR NO KEY UPDATE OF m
                    """, connection, tx))
                {
                    lockCmd.Parameters.Add(new NpgsqlParameter { Value = after });
                    lockCmd.Parameters.Add(new NpgsqlParameter { Value = cutoff });
                    lockCmd.Parameters.Add(new NpgsqlParameter { Value = ExpiryBatchSize });
                    await using var reader = await lockCmd.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        batch.Add(reader.GetInt64(0));
                    }
                }
                if (batch.Count > 0)
                {
                    // A new statement after the locks: it sees every entry committed before they were granted.
                    await using var cmd = new NpgsqlCommand(
                        """
                        WITH remaining AS (
                            SELECT e.account_id,
                                   least(coalesce(sum(e.points) FILTER (WHERE e.points > 0 AND e.occurred_at < $2), 0)
                                         + coalesce(sum(e.points) FILTER (WHERE e.points < 0), 0),
                                         sum(e.points)) AS points
                            FROM loyalty_ledger e
                            WHERE e.account_id = ANY($1)
                            GROUP BY e.account_id
                        ),
                        inserted AS (
                            INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, reason, created_by)
                            SELECT r.account_id, $3, 'expire', -r.points::integer, $4, $5
                            FROM remaining r
                            WHERE r.points > 0
                            ORDER BY r.account_id
                            RETURNING points
                        )
                        SELECT count(*), coalesce(-sum(points), 0)::bigint FROM inserted
                        """, connection, tx);
                    cmd.Parameters.Add(new NpgsqlParameter { Value = batch.ToArray() });
                    cmd.Parameters.Add(new NpgsqlParameter { Value = cutoff });
                    cmd.Parameters.Add(new NpgsqlParameter { Value = at });
                    cmd.Parameters.Add(new NpgsqlParameter { Value = $"Points booked before {asOf.AddMonths(-months).AddDays(1):yyyy-MM-dd} expired ({months} months)" });
                    cmd.Parameters.Add(new NpgsqlParameter { Value = SystemActor });
                    await using var reader = await cmd.ExecuteReaderAsync(ct);
                    await reader.ReadAsync(ct);
                    accounts += (int)reader.GetInt64(0);
                    points += reader.GetInt64(1);
                }
                if (transaction is null)
                {
                    await tx.CommitAsync(ct);
                }
                if (batch.Count < ExpiryBatchSize)
                {
                    return new ExpiryRunResult(accounts, points);
                }
                after = batch[^1];
            }
            finally
            {
                if (transaction is null)
                {
                    await tx.DisposeAsync();
                }
            }
        }
    }

    /// <summary>
    /// Points that will have expired by <paramref name="on"/> if nothing else happens, per the FIFO rule of
    /// <see cref="ExpireAsync"/>: what remains of the points booked before the cutoff of that day.
    /// </summary>
    public static long ExpiringBy(long positiveBeforeCutoff, long takenSoFar) => Math.Max(0, positiveBeforeCutoff - takenSoFar);
}

/// <summary>Loyalty dates are calendar days in UTC: a statement "for March" covers March in UTC.</summary>
public static class LoyaltyClock
{
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Whole months from <paramref name="since"/> to <paramref name="on"/>, as PostgreSQL's age() counts them; 0 if not yet.</summary>
    public static int MonthsBetween(DateOnly since, DateOnly on)
    {
        if (since > on)
        {
            return 0;
        }
        var months = ((on.Year - since.Year) * 12) + on.Month - since.Month;
        if (on.Day < since.Day)
        {
            months--;
        }
        return Math.Max(0, months);
    }
}
