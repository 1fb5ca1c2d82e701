using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Rapport.Core.Loyalty;

/// <summary>What one run of the loyalty job did; null parts were skipped (another instance was running).</summary>
public sealed record LoyaltyJobResult(EarnRunResult? Earned, ExpiryRunResult? Expired);

/// <summary>
/// One round of the loyalty program's background work (scheduled by the host): earn points for new orders (however they arrived — import, API), then
/// expire old points. Several app instances may run it: a session advisory lock lets one work at a time, and both
/// steps are idempotent anyway.
/// </summary>
public sealed class LoyaltyJob(NpgsqlDataSource dataSource, IOptions<LoyaltyOptions> options, TimeProvider time)
{
    /// <summary>Key of the advisory lock: the ASCII bytes of "loyaltyj".</summary>
    public const long AdvisoryLockKey = 0x6C6F79616C74796A;

    /// <summary>Runs earning and expiry once, unless another process is running them right now.</summary>
    public async Task<LoyaltyJobResult> RunOnceAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection))
        {
            tryLock.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
            if (await tryLock.ExecuteScalarAsync(ct) is not true)
            {
                return new LoyaltyJobResult(null, null);
            }
        }
        try
        {
            var now = time.GetUtcNow();
            var earned = await LoyaltyRuns.EarnAsync(connection, LoyaltyClock.Today(time), LoyaltyRuns.SystemActor, ct);
            var months = options.Value.PointsExpireAfterMonths;
            var expired = months > 0 ? await LoyaltyRuns.ExpireAsync(connection, now, months, null, ct) : new ExpiryRunResult(0, 0);
            return new LoyaltyJobResult(earned, expired);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            unlock.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
