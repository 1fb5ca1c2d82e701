using Rapport.Testing;

namespace Rapport.Demo.Tests;

public sealed class DemoComplaintTests(DemoDatabase db) : IClassFixture<DemoDatabase>
{
    private static readonly object Brenner = DemoStories.DecliningKeyAccountId;

    // Start of the pinned as-of day: the demo's "now" for deadlines.
    private static readonly DateTimeOffset AsOfStart = new(DemoDatabase.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    [Fact]
    public async Task Seed_DecliningKeyAccount_HasComplaintsInDeliveryAndMaintenanceSomeOverdueOneReopened()
    {
        var total = await db.ScalarAsync<long>("SELECT count(*) FROM complaints c JOIN accounts a ON a.id = c.account_id WHERE a.external_id = $1", Brenner);
        var lateStages = await db.ScalarAsync<long>(
            """
            SELECT count(*) FROM complaints c JOIN accounts a ON a.id = c.account_id JOIN business_phases p ON p.id = c.phase_id
            WHERE a.external_id = $1 AND p.code IN ('delivery', 'operation')
            """, Brenner);
        var overdue = await db.ScalarAsync<long>(
            """
            SELECT count(*) FROM complaints c JOIN accounts a ON a.id = c.account_id
            WHERE a.external_id = $1 AND c.status IN ('received', 'acknowledged', 'in_progress', 'reopened') AND c.due_at < $2
            """, Brenner, AsOfStart);
        var reopenedOpen = await db.ScalarAsync<long>(
            "SELECT count(*) FROM complaints c JOIN accounts a ON a.id = c.account_id WHERE a.external_id = $1 AND c.status = 'reopened'", Brenner);

        Assert.Equal(8, total);
        Assert.Equal(total, lateStages);
        Assert.Equal(3, overdue);
        Assert.Equal(1, reopenedOpen);
        Assert.Equal(2, await db.ScalarAsync<long>(
            "SELECT count(*) FROM complaints c JOIN accounts a ON a.id = c.account_id WHERE a.external_id = $1 AND c.reopen_count > 0", Brenner));
    }

    [Fact]
    public async Task Seed_OtherCustomers_RealisticSpreadAndConsistentHistory()
    {
        var others = await db.ScalarAsync<long>("SELECT count(*) FROM complaints c JOIN accounts a ON a.id = c.account_id WHERE a.external_id <> $1", Brenner);
        Assert.InRange(others, 8, 60);
        Assert.True(await db.ScalarAsync<long>("SELECT count(DISTINCT category) FROM complaints") >= 5);
        Assert.True(await db.ScalarAsync<long>("SELECT count(DISTINCT status) FROM complaints") >= 5);
        // Every complaint's history starts with its receipt and ends in its current status; nothing lies after the as-of day.
        Assert.Equal(0, await db.ScalarAsync<long>(
            """
            SELECT count(*) FROM complaints c
            WHERE (SELECT e.kind FROM complaint_events e WHERE e.complaint_id = c.id ORDER BY e.occurred_at, e.id LIMIT 1) <> 'received'
               OR (SELECT e.to_status FROM complaint_events e WHERE e.complaint_id = c.id ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1) <> c.status
            """));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM complaint_events WHERE occurred_at > $1", AsOfStart.AddDays(1)));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM complaints WHERE status = 'confirmed' AND handling_satisfaction IS NULL"));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM complaints WHERE status IN ('resolved', 'confirmed') AND root_cause IS NULL"));
    }
}
