using Rapport.Core.Loyalty;
using Rapport.Testing;

namespace Rapport.Core.Tests.Loyalty;

/// <summary>Earning, expiry, tiers, statements and enrolment on constructed data. Tiers and earn rules are program-wide,
/// so every test sets them first (tests of a class run one after another).</summary>
public sealed class LoyaltyRunTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateOnly Start = new(2023, 1, 1);
    private readonly LoyaltyTestData data = new(database);

    private Task StandardProgramAsync() => data.ProgramAsync(
        [("base", 0m, 0, 1m, 1), ("silver", 50_000m, 12, 1.5m, 2), ("gold", 200_000m, 36, 2m, 3)],
        [(null, 0.1m, 500m, Start, null), ("service", 0.5m, 500m, Start, null)]);

    private async Task<EarnRunResult> EarnAsync(DateOnly asOf)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await LoyaltyRuns.EarnAsync(connection, asOf);
    }

    private async Task<ExpiryRunResult> ExpireAsync(DateOnly on, int months = 24)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await LoyaltyRuns.ExpireAsync(connection, LoyaltyClock.StartOf(on).AddHours(3), months);
    }

    private async Task<int> PointsOfOrderAsync(long orderId) =>
        await data.ScalarAsync<int>("SELECT points FROM loyalty_ledger WHERE kind = 'earn' AND order_id = $1", orderId);

    [Fact]
    public async Task EarnAsync_RunTwice_EachOrderEarnsOnce()
    {
        await StandardProgramAsync();
        var account = await data.MemberAsync(Start, acquiredOn: Start);
        var order = await data.OrderAsync(account, new DateOnly(2023, 3, 1), (1_000m, "spare_parts"));

        var first = await EarnAsync(new DateOnly(2023, 3, 31));
        var second = await EarnAsync(new DateOnly(2023, 3, 31));

        Assert.True(first.Orders >= 1);
        Assert.Equal(0, second.Orders);
        Assert.Equal(1L, await data.ScalarAsync<long>("SELECT count(*) FROM loyalty_ledger WHERE order_id = $1", order));
        Assert.Equal(100, await PointsOfOrderAsync(order));
    }

    [Fact]
    public async Task EarnAsync_CategoryRuleMinimumOrderAndTierMultiplier_PointsAsDocumented()
    {
        await StandardProgramAsync();
        var account = await data.MemberAsync(Start, acquiredOn: new DateOnly(2021, 1, 1));
        // 60 000 EUR in the first half of 2023 lifts the account (tenure 2+ years) into silver (×1.5) from 1 Jul 2023.
        var big = await data.OrderAsync(account, new DateOnly(2023, 6, 30), (60_000m, "machines"));
        var mixed = await data.OrderAsync(account, new DateOnly(2023, 7, 10), (1_000m, "spare_parts"), (400m, "service"), (-100m, "spare_parts"));
        var small = await data.OrderAsync(account, new DateOnly(2023, 7, 11), (499m, "service"));
        var beforeEnrolment = await data.OrderAsync(account, new DateOnly(2022, 12, 31), (10_000m, "machines"));
        var future = await data.OrderAsync(account, new DateOnly(2023, 8, 1), (1_000m, "machines"));

        await EarnAsync(new DateOnly(2023, 7, 31));

        // Base tier on 29 Jun (only 10 000 EUR of the order before enrolment in the last 12 months): 60 000 × 0.1.
        Assert.Equal(6_000, await PointsOfOrderAsync(big));
        // Silver: (900 × 0.1 + 400 × 0.5) × 1.5 = 435.
        Assert.Equal(435, await PointsOfOrderAsync(mixed));
        // Below the minimum order value: an entry with 0 points marks the order as handled.
        Assert.Equal(0, await PointsOfOrderAsync(small));
        Assert.Equal(0L, await data.ScalarAsync<long>("SELECT count(*) FROM loyalty_ledger WHERE order_id = ANY($1)", new[] { beforeEnrolment, future }));
        Assert.Equal(6_435, await data.BalanceAsync(account));
    }

    [Fact]
    public async Task TierFunction_RevenueAndTenureThresholds_HighestReachedTier()
    {
        await StandardProgramAsync();
        var young = await data.AccountAsync(acquiredOn: new DateOnly(2024, 1, 15));
        var old = await data.AccountAsync(acquiredOn: null);
        await data.OrderAsync(young, new DateOnly(2024, 3, 1), (250_000m, null));
        await data.OrderAsync(old, new DateOnly(2020, 5, 1), (1_000m, null));
        await data.OrderAsync(old, new DateOnly(2024, 5, 1), (210_000m, null));

        async Task<string?> TierAsync(long account, DateOnly on) =>
            await data.ScalarAsync<object>("SELECT (SELECT t.code FROM loyalty_tiers t WHERE t.id = loyalty_tier_id($1, $2))", account, on) as string;

        // 250 000 EUR but 2 months of tenure: silver needs 12 months, so base.
        Assert.Equal("base", await TierAsync(young, new DateOnly(2024, 3, 15)));
        Assert.Equal("silver", await TierAsync(young, new DateOnly(2025, 1, 15)));
        // Tenure from the first order (acquired_on unknown): 4 years; 211 000 EUR in the 12 months → gold.
        Assert.Equal("gold", await TierAsync(old, new DateOnly(2024, 6, 1)));
        // Twelve months after the big order it no longer counts: the order of 1 May 2024 is outside (1 May 2024, 1 May 2025].
        Assert.Equal("base", await TierAsync(old, new DateOnly(2025, 5, 1)));
        Assert.Equal("gold", await TierAsync(old, new DateOnly(2025, 4, 30)));
    }

    [Fact]
    public async Task StatusAsync_ConstructedAccount_TierRevenueTenureAndNextTier()
    {
        await StandardProgramAsync();
        var account = await data.MemberAsync(Start, acquiredOn: new DateOnly(2022, 2, 20));
        await data.OrderAsync(account, new DateOnly(2024, 11, 2), (80_000m, null));
        var clock = new ManualClock(new DateTimeOffset(2025, 2, 1, 9, 0, 0, TimeSpan.Zero));
        await using var db = data.NewContext();

        var status = await new LoyaltyReads(db, clock, LoyaltyTestData.Options()).StatusAsync(account);

        Assert.NotNull(status);
        Assert.Equal("silver", status.Tier?.Code);
        Assert.Equal(80_000m, status.Revenue12m);
        Assert.Equal(35, status.TenureMonths);
        Assert.Equal("gold", status.NextTier?.Tier.Code);
        Assert.Equal(120_000m, status.NextTier?.MissingRevenue);
        Assert.Equal(1, status.NextTier?.MissingTenureMonths);
    }

    [Fact]
    public async Task ExpireAsync_FifoAfterRedemption_ExpiresWhatIsLeftOfOldPointsOnce()
    {
        await StandardProgramAsync();
        var account = await data.MemberAsync(Start);
        await data.ExecuteAsync(
            """
            INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, reason, created_by) VALUES
                ($1, '2023-03-10T12:00:00Z', 'grant', 100, 'old', 't'),
                ($1, '2023-09-01T12:00:00Z', 'grant', 200, 'newer', 't')
            """, account);
        var reward = await data.RewardAsync(150);
        await data.ExecuteAsync(
            "INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, reward_id, created_by) VALUES ($1, '2023-10-01T12:00:00Z', 'redeem', -150, $2, 't')",
            account, reward);

        // The redemption consumed the 100 of March and 50 of September: nothing of March is left when it expires.
        await ExpireAsync(new DateOnly(2025, 3, 10));
        Assert.Equal(0L, await data.ScalarAsync<long>("SELECT count(*) FROM loyalty_ledger WHERE account_id = $1 AND kind = 'expire'", account));
        // The day before its expiry the September rest (150) is still valid; on 1 Sep 2025 it expires.
        await ExpireAsync(new DateOnly(2025, 8, 31));
        Assert.Equal(150, await data.BalanceAsync(account));
        await ExpireAsync(new DateOnly(2025, 9, 1));
        var again = await ExpireAsync(new DateOnly(2025, 9, 1));

        Assert.Equal(0, again.Accounts);
        Assert.Equal(0, await data.BalanceAsync(account));
        Assert.Equal(-150L, await data.ScalarAsync<long>("SELECT sum(points)::bigint FROM loyalty_ledger WHERE account_id = $1 AND kind = 'expire'", account));
        Assert.Equal(new DateOnly(2025, 9, 1), LoyaltyRuns.ExpiresOn(new DateOnly(2023, 9, 1), 24));
    }

    [Fact]
    public async Task ExpireAsync_PartlyUsedOldPoints_ExpiresOnlyTheRemainder()
    {
        await StandardProgramAsync();
        var account = await data.MemberAsync(Start);
        await data.ExecuteAsync(
            """
            INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, reason, created_by) VALUES
                ($1, '2022-01-05T00:00:00Z', 'grant', 500, 'old', 't'),
                ($1, '2024-06-01T00:00:00Z', 'grant', 300, 'new', 't')
            """, account);
        var reward = await data.RewardAsync(120);
        await data.ExecuteAsync(
            "INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, reward_id, created_by) VALUES ($1, '2023-05-01T00:00:00Z', 'redeem', -120, $2, 't')",
            account, reward);
        var clock = new ManualClock(new DateTimeOffset(2023, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using (var db = data.NewContext())
        {
            // Within 90 days (by 30 Jan 2024) the 380 left of January 2022 expire.
            var status = await new LoyaltyReads(db, clock, LoyaltyTestData.Options()).StatusAsync(account);
            Assert.Equal(380, status!.ExpiringPoints);
        }

        var result = await ExpireAsync(new DateOnly(2025, 1, 1));

        Assert.True(result.Accounts >= 1);
        Assert.Equal(300, await data.BalanceAsync(account));
        Assert.Equal(-380, await data.ScalarAsync<int>("SELECT points FROM loyalty_ledger WHERE account_id = $1 AND kind = 'expire'", account));
    }

    [Fact]
    public async Task StatementAsync_Period_OpeningPlusEntriesIsClosing()
    {
        await StandardProgramAsync();
        var account = await data.MemberAsync(Start);
        await data.ExecuteAsync(
            """
            INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, reason, created_by) VALUES
                ($1, '2024-12-31T23:59:59Z', 'grant', 100, 'before', 't'),
                ($1, '2025-01-01T00:00:00Z', 'grant', 40, 'first day', 't'),
                ($1, '2025-01-31T23:59:59Z', 'grant', 7, 'last day', 't'),
                ($1, '2025-02-01T00:00:00Z', 'grant', 1000, 'after', 't')
            """, account);
        var reward = await data.RewardAsync(30);
        await data.ExecuteAsync(
            "INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, reward_id, created_by) VALUES ($1, '2025-01-15T10:00:00Z', 'redeem', -30, $2, 't')",
            account, reward);
        await using var db = data.NewContext();

        var statement = await new LoyaltyReads(db, TimeProvider.System, LoyaltyTestData.Options())
            .StatementAsync(account, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31));

        Assert.Equal(100, statement.OpeningBalance);
        Assert.Equal([40, -30, 7], statement.Entries.Select(e => e.Points));
        Assert.Equal(117, statement.ClosingBalance);
        Assert.Equal(statement.OpeningBalance + statement.Entries.Sum(e => (long)e.Points), statement.ClosingBalance);
        Assert.Equal(statement.ClosingBalance, statement.Entries[^1].BalanceAfter);
        Assert.Equal(new StatementTotals(0, 47, 30, 0, 0), statement.Totals);
    }

    [Fact]
    public async Task EnrolAsync_ProgramContactConsent_CheckedAndWithdrawalHonouredAtOnce()
    {
        var account = await data.AccountAsync();
        var withConsent = await data.ScalarAsync<long>(
            "INSERT INTO contacts (account_id, external_id, last_name) VALUES ($1, $2, 'Keller') RETURNING id", account, "C-" + Guid.NewGuid().ToString("N"));
        var without = await data.ScalarAsync<long>(
            "INSERT INTO contacts (account_id, external_id, last_name) VALUES ($1, $2, 'Brandt') RETURNING id", account, "C-" + Guid.NewGuid().ToString("N"));
        await data.ExecuteAsync("INSERT INTO consents (contact_id, purpose, account_id, granted, source) VALUES ($1, 'loyalty', $2, true, 'form')", withConsent, account);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var db = data.NewContext();
        var program = data.Program(db, clock);

        var refused = await program.EnrolAsync(account, new EnrolRequest(null, without), LoyaltyTestData.Staff);
        var enrolled = await program.EnrolAsync(account, new EnrolRequest(null, withConsent), LoyaltyTestData.Staff);
        var twice = await program.EnrolAsync(account, new EnrolRequest(), LoyaltyTestData.Staff);
        var before = await new LoyaltyReads(db, clock, LoyaltyTestData.Options()).StatusAsync(account);
        await data.ExecuteAsync("UPDATE consents SET granted = false WHERE contact_id = $1 AND purpose = 'loyalty'", withConsent);
        var after = await new LoyaltyReads(db, clock, LoyaltyTestData.Options()).StatusAsync(account);

        Assert.Equal("programContactId", refused.Error?.Field);
        Assert.True(enrolled.Succeeded);
        Assert.Equal("already_enrolled", twice.Error?.Code);
        Assert.Equal(withConsent, before!.ProgramContact?.Id);
        Assert.True(after!.Enrolled);
        Assert.Null(after.ProgramContact);
    }
}
