using System.Globalization;
using Npgsql;

namespace Rapport.Core.Plans;

/// <summary>
/// Review reminders: when an active plan's next review day is reached, its owner gets a task (origin plan, key
/// <c>plan-review:{planId}:{yyyy-MM-dd}</c>) — once per plan and review day, however often and on however many
/// instances the job runs: the unique (account, origin key) of tasks turns a second insert into a no-op, and an
/// advisory lock lets one instance do the work while the others skip the run.
/// </summary>
public static class PlanReviewReminders
{
    /// <summary>Key of the transaction-level advisory lock: the ASCII bytes of "planrevw".</summary>
    public const long AdvisoryLockKey = 0x706C616E72657677;

    public static string KeyPrefix(long planId) => "plan-review:" + planId.ToString(CultureInfo.InvariantCulture) + ":";

    public static string Key(long planId, DateOnly reviewOn) =>
        KeyPrefix(planId) + reviewOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Creates the due reminders as of <paramref name="today"/>; returns how many tasks were created (0 when another instance holds the lock).</summary>
    public static async Task<int> CreateDueAsync(NpgsqlDataSource dataSource, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1)", connection, tx))
        {
            tryLock.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
            if (await tryLock.ExecuteScalarAsync(ct) is not true)
            {
                return 0;
            }
        }
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO tasks (account_id, owner_user_id, title, details, due_on, status, origin, origin_key)
            SELECT p.account_id, p.owner_user_id, left('Review the account plan of ' || a.name, 300), p.title, p.next_review_on,
                   'open', 'plan', 'plan-review:' || p.id || ':' || to_char(p.next_review_on, 'YYYY-MM-DD')
            FROM account_plans p
            JOIN accounts a ON a.id = p.account_id
            WHERE p.status = 'active' AND p.next_review_on <= $1
            ON CONFLICT (account_id, origin_key) WHERE origin_key IS NOT NULL DO NOTHING
            """, connection, tx);
        insert.Parameters.Add(new NpgsqlParameter { Value = today });
        var created = await insert.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return created;
    }
}
