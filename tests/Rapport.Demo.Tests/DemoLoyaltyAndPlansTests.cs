using Rapport.Testing;

namespace Rapport.Demo.Tests;

/// <summary>The demo's loyalty program and account plans: realistic, consistent and deterministic.</summary>
public sealed class DemoLoyaltyAndPlansTests(DemoDatabase db) : IClassFixture<DemoDatabase>
{
    [Fact]
    public async Task Seed_LoyaltyProgram_TiersRewardsMembersAndLedgersFromOrders()
    {
        Assert.Equal(4L, await db.ScalarAsync<long>("SELECT count(*) FROM loyalty_tiers"));
        Assert.Equal(6L, await db.ScalarAsync<long>("SELECT count(*) FROM rewards WHERE kind IN ('service', 'training', 'event', 'discount', 'other')"));
        Assert.Equal(5L, await db.ScalarAsync<long>("SELECT count(DISTINCT kind) FROM rewards"));
        var members = await db.ScalarAsync<long>("SELECT count(*) FROM loyalty_members");
        Assert.InRange(members, 40, 150);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM loyalty_ledger WHERE kind = 'earn' AND points > 0") > members * 5);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM redemptions") >= 10);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM loyalty_ledger WHERE kind = 'expire'") >= 1);
        // Several tiers are populated as of the seed date.
        Assert.True(await db.ScalarAsync<long>(
            "SELECT count(DISTINCT loyalty_tier_id(account_id, $1)) FROM loyalty_members", DemoDatabase.AsOf) >= 3);
        // Every order of a member since its enrolment earned exactly once.
        Assert.Equal(0L, await db.ScalarAsync<long>(
            """
            SELECT count(*) FROM orders o JOIN loyalty_members m ON m.account_id = o.account_id
            WHERE o.order_date >= m.enrolled_on AND o.order_date <= $1
              AND (SELECT count(*) FROM loyalty_ledger e WHERE e.kind = 'earn' AND e.order_id = o.id) <> 1
            """, DemoDatabase.AsOf));
    }

    [Fact]
    public async Task Seed_Ledgers_RunningBalanceNeverNegativeAndRedemptionsMatchEntries()
    {
        Assert.Equal(0L, await db.ScalarAsync<long>(
            """
            SELECT count(*) FROM (
                SELECT sum(points) OVER (PARTITION BY account_id ORDER BY occurred_at, id) AS running FROM loyalty_ledger
            ) x WHERE running < 0
            """));
        Assert.Equal(0L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM redemptions r JOIN loyalty_ledger e ON e.id = r.ledger_entry_id WHERE e.points <> -r.points OR e.kind <> 'redeem'"));
        Assert.True(await db.ScalarAsync<int>("SELECT stock FROM rewards WHERE stock IS NOT NULL LIMIT 1") >= 0);
    }

    [Fact]
    public async Task Seed_AccountPlans_BrennerWithWeakDeepTrustOverdueReviewAndActionsAsTasks()
    {
        var plans = await db.ScalarAsync<long>("SELECT count(*) FROM account_plans");
        Assert.InRange(plans, 3, 5);
        Assert.Equal(0L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM account_plans p JOIN accounts a ON a.id = p.account_id WHERE NOT a.key_account"));
        var brennerPlan = await db.ScalarAsync<long>(
            "SELECT p.id FROM account_plans p JOIN accounts a ON a.id = p.account_id WHERE a.external_id = $1", DemoStories.DecliningKeyAccountId);
        var deepTrust = await db.ScalarAsync<short>(
            "SELECT score FROM plan_assessments WHERE plan_id = $1 AND level = 'trust' AND layer = 'deep' ORDER BY assessed_on DESC, id DESC LIMIT 1", brennerPlan);
        Assert.True(deepTrust <= 2);
        Assert.Equal(2L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM plan_assessments WHERE plan_id = $1 AND level = 'trust' AND layer = 'deep'", brennerPlan));
        Assert.True(await db.ScalarAsync<DateOnly>("SELECT next_review_on FROM account_plans WHERE id = $1", brennerPlan) < DemoDatabase.AsOf);
        // The departed decider is still on the map — the gap the plan has to close.
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM relationship_map m JOIN contacts c ON c.id = m.contact_id WHERE m.plan_id = $1 AND c.external_id = $2",
            brennerPlan, DemoStories.DepartedDeciderContactId));
        Assert.Equal(0L, await db.ScalarAsync<long>(
            """
            SELECT count(*) FROM plan_actions x
            WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.account_id = x.account_id AND t.origin = 'plan'
                                AND t.origin_key = 'plan-action:' || x.id AND t.owner_user_id = x.owner_user_id)
            """));
    }

    [Fact]
    public async Task Seed_SameOptionsAgain_SameLoyaltyAndPlans()
    {
        const string Digest = """
            SELECT count(*) || ':' || md5(string_agg(r, E'\n' ORDER BY r)) FROM (
                SELECT concat_ws('|', a.external_id, e.occurred_at, e.kind, e.points, o.order_no, w.name_en, e.reason) AS r
                FROM loyalty_ledger e JOIN accounts a ON a.id = e.account_id
                LEFT JOIN orders o ON o.id = e.order_id LEFT JOIN rewards w ON w.id = e.reward_id
                UNION ALL
                SELECT concat_ws('|', a.external_id, p.title, p.next_review_on, x.title, x.due_on, x.status, u.email)
                FROM plan_actions x JOIN account_plans p ON p.id = x.plan_id JOIN accounts a ON a.id = p.account_id
                LEFT JOIN users u ON u.id = x.owner_user_id
                UNION ALL
                SELECT concat_ws('|', a.external_id, s.level, s.layer, s.score, s.assessed_on)
                FROM plan_assessments s JOIN accounts a ON a.id = s.account_id
            ) t
            """;
        var before = await db.ScalarAsync<string>(Digest);

        var again = await DemoSeeder.SeedAsync(db.DataSource, DemoDatabase.Options(replace: true));

        Assert.True(again.Succeeded, again.Message);
        Assert.Equal(before, await db.ScalarAsync<string>(Digest));
    }
}
