using Microsoft.Extensions.Options;
using Npgsql;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Loyalty;
using Rapport.Testing;

namespace Rapport.Core.Tests.Loyalty;

/// <summary>Arranges loyalty data in a test database: accounts, orders, members, program settings.</summary>
internal sealed class LoyaltyTestData(TestDatabase database)
{
    public RapportDbContext NewContext() => new(DataServiceCollectionExtensions.CreateOptions(database.DataSource));

    public static IOptions<LoyaltyOptions> Options(int months = 24) => Microsoft.Extensions.Options.Options.Create(new LoyaltyOptions { PointsExpireAfterMonths = months });

    public LoyaltyProgram Program(RapportDbContext db, TimeProvider clock) => new(db, clock);

    /// <summary>The signed-in staff member the use cases book for (the ledger records the e-mail address).</summary>
    public static Caller Staff { get; } = new(1, "test@rapport", "Test Staff", UserRole.Admin, "en", MustChangePassword: false);

    public async Task<long> AccountAsync(DateOnly? acquiredOn = null, bool keyAccount = false, long? ownerId = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        return await ScalarAsync<long>(
            "INSERT INTO accounts (external_id, name, acquired_on, key_account, owner_user_id) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            "L-" + tag, "Loyalty test " + tag, (object?)acquiredOn ?? DBNull.Value, keyAccount, (object?)ownerId ?? DBNull.Value);
    }

    public async Task<long> MemberAsync(DateOnly enrolledOn, DateOnly? acquiredOn = null)
    {
        var account = await AccountAsync(acquiredOn);
        await ExecuteAsync("INSERT INTO loyalty_members (account_id, enrolled_on, enrolled_by) VALUES ($1, $2, 'test')", account, enrolledOn);
        return account;
    }

    /// <summary>An order with one line per (amount, category).</summary>
    public async Task<long> OrderAsync(long accountId, DateOnly date, params (decimal Amount, string? Category)[] lines)
    {
        var orderId = await ScalarAsync<long>("INSERT INTO orders (order_no, account_id, order_date) VALUES ($1, $2, $3) RETURNING id",
            "O-" + Guid.NewGuid().ToString("N")[..12], accountId, date);
        var n = 0;
        foreach (var (amount, category) in lines)
        {
            await ExecuteAsync(
                "INSERT INTO order_lines (order_id, account_id, order_date, line_no, product_category, net_amount) VALUES ($1, $2, $3, $4, $5, $6)",
                orderId, accountId, date, ++n, (object?)category ?? DBNull.Value, amount);
        }
        return orderId;
    }

    public async Task<int> RewardAsync(int cost, int? stock = null)
    {
        var name = "Reward " + Guid.NewGuid().ToString("N")[..10];
        return await ScalarAsync<int>(
            "INSERT INTO rewards (kind, name_en, name_de, points_cost, stock) VALUES ('service', $1, $1, $2, $3) RETURNING id",
            name, cost, (object?)stock ?? DBNull.Value);
    }

    /// <summary>Replaces tiers and earn rules (they are program-wide, so tests that use them reset them first).</summary>
    public async Task ProgramAsync(IEnumerable<(string Code, decimal MinRevenue, int MinTenure, decimal Multiplier, int Rank)> tiers,
        IEnumerable<(string? Category, decimal PointsPerEur, decimal MinOrder, DateOnly From, DateOnly? To)> rules)
    {
        await ExecuteAsync("DELETE FROM loyalty_tiers");
        await ExecuteAsync("DELETE FROM earn_rules");
        foreach (var t in tiers)
        {
            await ExecuteAsync(
                "INSERT INTO loyalty_tiers (code, name_en, name_de, min_revenue_12m, min_tenure_months, earn_multiplier, rank) VALUES ($1, $1, $1, $2, $3, $4, $5)",
                t.Code, t.MinRevenue, t.MinTenure, t.Multiplier, t.Rank);
        }
        foreach (var r in rules)
        {
            await ExecuteAsync(
                "INSERT INTO earn_rules (name, product_category, points_per_eur, min_order_value, active_from, active_to) VALUES ('rule', $1, $2, $3, $4, $5)",
                (object?)r.Category ?? DBNull.Value, r.PointsPerEur, r.MinOrder, r.From, (object?)r.To ?? DBNull.Value);
        }
    }

    public async Task<long> BalanceAsync(long accountId) =>
        await ScalarAsync<long>("SELECT coalesce(sum(points), 0)::bigint FROM loyalty_ledger WHERE account_id = $1", accountId);

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = database.DataSource.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<int> ExecuteAsync(string sql, params object[] args)
    {
        await using var cmd = database.DataSource.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return await cmd.ExecuteNonQueryAsync();
    }
}
