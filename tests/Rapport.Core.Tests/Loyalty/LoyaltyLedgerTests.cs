using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Loyalty;
using Rapport.Testing;

namespace Rapport.Core.Tests.Loyalty;

/// <summary>The points ledger: append-only in the database, balance = sum of entries, never negative, also under concurrency.</summary>
public sealed class LoyaltyLedgerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateOnly Enrolled = new(2024, 1, 1);
    private readonly LoyaltyTestData data = new(database);
    private readonly ManualClock clock = new(new DateTimeOffset(2025, 3, 15, 10, 0, 0, TimeSpan.Zero));

    private async Task<(long Account, long EntryId)> MemberWithGrantAsync(int points)
    {
        var account = await data.MemberAsync(Enrolled);
        await using var db = data.NewContext();
        var grant = await data.Program(db, clock).GrantAsync(account, points, "Welcome bonus", LoyaltyTestData.Staff);
        Assert.True(grant.Succeeded, grant.Error?.Message);
        return (account, grant.Value!.Entry.Id);
    }

    [Fact]
    public async Task Update_LedgerEntry_RejectedByTheDatabase()
    {
        var (account, entry) = await MemberWithGrantAsync(100);

        var error = await Assert.ThrowsAsync<PostgresException>(() => data.ExecuteAsync("UPDATE loyalty_ledger SET points = 1000 WHERE id = $1", entry));

        Assert.Equal(PostgresErrorCodes.IntegrityConstraintViolation, error.SqlState);
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(100, await data.BalanceAsync(account));
    }

    [Fact]
    public async Task Delete_LedgerEntry_RejectedByTheDatabase()
    {
        var (account, entry) = await MemberWithGrantAsync(100);

        var error = await Assert.ThrowsAsync<PostgresException>(() => data.ExecuteAsync("DELETE FROM loyalty_ledger WHERE id = $1", entry));
        var membership = await Assert.ThrowsAsync<PostgresException>(() => data.ExecuteAsync("DELETE FROM loyalty_members WHERE account_id = $1", account));

        Assert.Equal(PostgresErrorCodes.IntegrityConstraintViolation, error.SqlState);
        Assert.Equal(PostgresErrorCodes.IntegrityConstraintViolation, membership.SqlState);
        Assert.Equal(1L, await data.ScalarAsync<long>("SELECT count(*) FROM loyalty_ledger WHERE account_id = $1", account));
    }

    [Fact]
    public async Task DeleteAccount_WithLedgerAndRedemption_TakesItsLedgerWithIt()
    {
        var (account, _) = await MemberWithGrantAsync(500);
        var reward = await data.RewardAsync(200);
        await using (var db = data.NewContext())
        {
            Assert.True((await data.Program(db, clock).RedeemAsync(account, new RedeemRequest(reward), LoyaltyTestData.Staff)).Succeeded);
        }

        await data.ExecuteAsync("DELETE FROM accounts WHERE id = $1", account);

        Assert.Equal(0L, await data.ScalarAsync<long>("SELECT count(*) FROM loyalty_ledger WHERE account_id = $1", account));
        Assert.Equal(0L, await data.ScalarAsync<long>("SELECT count(*) FROM redemptions WHERE account_id = $1", account));
    }

    [Fact]
    public async Task Insert_EntryThatWouldOverdraw_RejectedByTheDatabase()
    {
        var (account, _) = await MemberWithGrantAsync(50);

        var error = await Assert.ThrowsAsync<PostgresException>(() => data.ExecuteAsync(
            "INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, created_by) VALUES ($1, now(), 'expire', -51, 'sql')", account));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(50, await data.BalanceAsync(account));
    }

    [Fact]
    public async Task RedeemAsync_InsufficientBalance_FailsTypedAndBooksNothing()
    {
        var (account, _) = await MemberWithGrantAsync(99);
        var reward = await data.RewardAsync(100, stock: 3);
        await using var db = data.NewContext();

        var result = await data.Program(db, clock).RedeemAsync(account, new RedeemRequest(reward), LoyaltyTestData.Staff);

        Assert.Equal("insufficient_balance", result.Error?.Code);
        Assert.Equal(99, await data.BalanceAsync(account));
        Assert.Equal(3, await data.ScalarAsync<int>("SELECT stock FROM rewards WHERE id = $1", reward));
        Assert.Equal(0L, await data.ScalarAsync<long>("SELECT count(*) FROM redemptions WHERE account_id = $1", account));
    }

    [Fact]
    public async Task RedeemAsync_TwoConcurrentRedemptions_CannotOverdraw()
    {
        var reward = await data.RewardAsync(60);
        for (var round = 0; round < 5; round++)
        {
            var (account, _) = await MemberWithGrantAsync(100);
            await using var first = data.NewContext();
            await using var second = data.NewContext();
            using var start = new ManualResetEventSlim();

            var attempts = new[] { first, second }.Select(db => Task.Run(async () =>
            {
                start.Wait();
                return await data.Program(db, clock).RedeemAsync(account, new RedeemRequest(reward), LoyaltyTestData.Staff);
            })).ToArray();
            start.Set();
            var results = await Task.WhenAll(attempts);

            Assert.Single(results, r => r.Succeeded);
            Assert.Single(results, r => r.Error?.Code == "insufficient_balance");
            Assert.Equal(40, await data.BalanceAsync(account));
        }
    }

    [Fact]
    public async Task Insert_TwoConcurrentTakingEntriesBypassingTheApp_DatabaseKeepsBalanceNonNegative()
    {
        var (account, _) = await MemberWithGrantAsync(100);
        await using var a = await database.OpenConnectionAsync();
        await using var b = await database.OpenConnectionAsync();
        await using var txA = await a.BeginTransactionAsync();
        await using var txB = await b.BeginTransactionAsync();
        const string Take = "INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, created_by) VALUES ($1, now(), 'expire', -60, 'sql')";
        await using (var cmd = new NpgsqlCommand(Take, a, txA))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = account });
            await cmd.ExecuteNonQueryAsync();
        }
        var blocked = Task.Run(async () =>
        {
            await using var cmd = new NpgsqlCommand(Take, b, txB);
            cmd.Parameters.Add(new NpgsqlParameter { Value = account });
            await cmd.ExecuteNonQueryAsync();
        });

        await txA.CommitAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => blocked);

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(40, await data.BalanceAsync(account));
    }

    [Fact]
    public async Task RedeemAsync_LimitedStock_TakesStockThenOutOfStock()
    {
        var (account, _) = await MemberWithGrantAsync(1_000);
        var reward = await data.RewardAsync(100, stock: 2);
        await using var db = data.NewContext();
        var program = data.Program(db, clock);

        var two = await program.RedeemAsync(account, new RedeemRequest(reward, 2, "Two slots"), LoyaltyTestData.Staff);
        var third = await program.RedeemAsync(account, new RedeemRequest(reward), LoyaltyTestData.Staff);

        Assert.True(two.Succeeded);
        Assert.Equal(200, two.Value!.Redemption.Points);
        Assert.Equal(800, two.Value.Balance);
        Assert.Equal("out_of_stock", third.Error?.Code);
        Assert.Equal(800, await data.BalanceAsync(account));
    }

    [Fact]
    public async Task CancelRedemptionAsync_OpenRedemption_ReversalBringsPointsAndStockBack()
    {
        var (account, _) = await MemberWithGrantAsync(300);
        var reward = await data.RewardAsync(250, stock: 1);
        await using var db = data.NewContext();
        var program = data.Program(db, clock);
        var redemption = (await program.RedeemAsync(account, new RedeemRequest(reward), LoyaltyTestData.Staff)).Value!.Redemption;

        var cancelled = await program.CancelRedemptionAsync(account, redemption.Id, "Customer changed the date", LoyaltyTestData.Staff);
        var again = await program.CancelRedemptionAsync(account, redemption.Id, null, LoyaltyTestData.Staff);

        Assert.True(cancelled.Succeeded);
        Assert.Equal(LedgerEntryKind.Reversal, cancelled.Value!.Entry.Kind);
        Assert.Equal(redemption.LedgerEntryId, cancelled.Value.Entry.ReversesEntryId);
        Assert.Equal(300, cancelled.Value.Balance);
        Assert.Equal("conflict", again.Error?.Code);
        Assert.Equal(1, await data.ScalarAsync<int>("SELECT stock FROM rewards WHERE id = $1", reward));
        Assert.Equal("cancelled", await data.ScalarAsync<string>("SELECT status FROM redemptions WHERE id = $1", redemption.Id));
    }

    [Fact]
    public async Task ReverseAsync_GrantReversedTwiceOrSpent_FailsTyped()
    {
        var (account, grant) = await MemberWithGrantAsync(100);
        var (other, otherGrant) = await MemberWithGrantAsync(100);
        var reward = await data.RewardAsync(80);
        await using var db = data.NewContext();
        var program = data.Program(db, clock);
        await program.RedeemAsync(other, new RedeemRequest(reward), LoyaltyTestData.Staff);

        var first = await program.ReverseAsync(account, grant, "Booked on the wrong account", LoyaltyTestData.Staff);
        var second = await program.ReverseAsync(account, grant, "Again", LoyaltyTestData.Staff);
        var ofReversal = await program.ReverseAsync(account, first.Value!.Entry.Id, "Undo", LoyaltyTestData.Staff);
        var spent = await program.ReverseAsync(other, otherGrant, "Wrong", LoyaltyTestData.Staff);
        var noReason = await program.ReverseAsync(other, otherGrant, " ", LoyaltyTestData.Staff);

        Assert.Equal(0, first.Value.Balance);
        Assert.Equal("conflict", second.Error?.Code);
        Assert.Equal("conflict", ofReversal.Error?.Code);
        Assert.Equal("insufficient_balance", spent.Error?.Code);
        Assert.Equal("reason", noReason.Error?.Field);
        Assert.Equal(20, await data.BalanceAsync(other));
    }

    [Fact]
    public async Task GrantAsync_NotEnrolledOrBadInput_FailsTyped()
    {
        var account = await data.AccountAsync();
        await using var db = data.NewContext();
        var program = data.Program(db, clock);

        var notEnrolled = await program.GrantAsync(account, 10, "Bonus", LoyaltyTestData.Staff);
        var zero = await program.GrantAsync(account, 0, "Bonus", LoyaltyTestData.Staff);
        var unknown = await program.GrantAsync(-1, 10, "Bonus", LoyaltyTestData.Staff);

        Assert.Equal("not_enrolled", notEnrolled.Error?.Code);
        Assert.Equal("points", zero.Error?.Field);
        Assert.Equal("not_found", unknown.Error?.Code);
    }

    private static readonly Gen<(int Kind, int A, int B)> Operation =
        from kind in Gen.Frequency((4, Gen.Constant(0)), (4, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
        from a in Gen.Choose(1, 400)
        from b in Gen.Choose(0, 1_000)
        select (kind, a, b);

    private static readonly Gen<(int Kind, int A, int B)[]> Operations =
        from n in Gen.Choose(1, 12)
        from ops in Gen.ArrayOf(Operation, n)
        select ops;

    /// <summary>
    /// Random sequences of grants, redemptions, reversals and cancellations, checked against a model: every operation
    /// succeeds exactly when the model says so, the balance equals the sum of the entries and the model's balance,
    /// the balance after every entry is never negative, and a statement over everything closes at the balance.
    /// </summary>
    [Fact]
    public void Ledger_RandomOperations_BalanceIsSumOfEntriesAndNeverNegative()
    {
        var costs = new[] { 50, 120, 300 };
        var rewards = costs.Select(c => data.RewardAsync(c).GetAwaiter().GetResult()).ToArray();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(Operations.ToArbitrary(), ops =>
        {
            RunAsync(ops, rewards, costs).GetAwaiter().GetResult();
            return true;
        }));
    }

    private async Task RunAsync((int Kind, int A, int B)[] ops, int[] rewards, int[] costs)
    {
        var account = await data.MemberAsync(Enrolled);
        await using var db = data.NewContext();
        var program = data.Program(db, clock);
        long balance = 0;
        var reversible = new List<(long Id, int Points)>();
        var openRedemptions = new List<(long Id, int Points)>();
        foreach (var (kind, a, b) in ops)
        {
            switch (kind)
            {
                case 0:
                    {
                        var r = await program.GrantAsync(account, a, "Grant", LoyaltyTestData.Staff);
                        Assert.True(r.Succeeded);
                        balance += a;
                        reversible.Add((r.Value!.Entry.Id, a));
                        break;
                    }
                case 1:
                    {
                        var i = b % rewards.Length;
                        var quantity = 1 + (a % 2);
                        var cost = costs[i] * quantity;
                        var r = await program.RedeemAsync(account, new RedeemRequest(rewards[i], quantity), LoyaltyTestData.Staff);
                        Assert.Equal(balance >= cost, r.Succeeded);
                        if (r.Succeeded)
                        {
                            balance -= cost;
                            openRedemptions.Add((r.Value!.Redemption.Id, cost));
                        }
                        else
                        {
                            Assert.Equal("insufficient_balance", r.Error!.Code);
                        }
                        break;
                    }
                case 2 when reversible.Count > 0:
                    {
                        var target = reversible[b % reversible.Count];
                        var r = await program.ReverseAsync(account, target.Id, "Correction", LoyaltyTestData.Staff);
                        Assert.Equal(balance >= target.Points, r.Succeeded);
                        if (r.Succeeded)
                        {
                            balance -= target.Points;
                            reversible.Remove(target);
                        }
                        break;
                    }
                case 3 when openRedemptions.Count > 0:
                    {
                        var target = openRedemptions[b % openRedemptions.Count];
                        var r = await program.CancelRedemptionAsync(account, target.Id, null, LoyaltyTestData.Staff);
                        Assert.True(r.Succeeded);
                        balance += target.Points;
                        openRedemptions.Remove(target);
                        break;
                    }
                default:
                    break;
            }
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(balance, await program.BalanceAsync(account));
        var points = await db.LoyaltyLedger.Where(e => e.AccountId == account).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => e.Points).ToListAsync();
        long running = 0;
        foreach (var p in points)
        {
            running += p;
            Assert.True(running >= 0, $"The balance went negative: {running}.");
        }
        Assert.Equal(balance, running);
        var statement = await new LoyaltyReads(db, clock, LoyaltyTestData.Options()).StatementAsync(account, new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1));
        Assert.Equal(0, statement.OpeningBalance);
        Assert.Equal(balance, statement.ClosingBalance);
        Assert.Equal(points.Count, statement.Entries.Count);
    }
}
