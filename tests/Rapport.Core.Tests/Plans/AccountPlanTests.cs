using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Common;
using Rapport.Core.Identity;
using Rapport.Core.Plans;
using Rapport.Core.Retention;
using Rapport.Core.Tests.Loyalty;
using Rapport.Testing;

namespace Rapport.Core.Tests.Plans;

/// <summary>Account plans: key accounts only, actions mirrored as tasks, review reminders once, reviews move the next review.</summary>
public sealed class AccountPlanTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly LoyaltyTestData data = new(database);
    private readonly ManualClock clock = new(new DateTimeOffset(2025, 5, 20, 8, 0, 0, TimeSpan.Zero));

    private async Task<long> UserAsync() =>
        await data.ScalarAsync<long>("INSERT INTO users (email, display_name, role) VALUES ($1, 'Julia Becker', 'account_manager') RETURNING id",
            $"kam-{Guid.NewGuid():N}@test.rapport");

    /// <summary>The signed-in account manager with the given user id, as the host would pass it.</summary>
    private static Caller As(long userId) => new(userId, "kam@test.rapport", "Julia Becker", UserRole.AccountManager, "en", MustChangePassword: false);

    private async Task<(long Account, long Plan, long Owner)> PlanAsync(int cadence = 30, DateOnly? nextReview = null)
    {
        var owner = await UserAsync();
        var account = await data.AccountAsync(keyAccount: true, ownerId: owner);
        await using var db = data.NewContext();
        var result = await new AccountPlans(db, clock).CreateAsync(new PlanInput(account, ReviewCadenceDays: cadence, NextReviewOn: nextReview), As(owner));
        Assert.True(result.Succeeded, result.Error?.Message);
        return (account, result.Value!.Id, owner);
    }

    [Fact]
    public async Task CreateAsync_NotAKeyAccount_RejectedTyped()
    {
        var account = await data.AccountAsync(keyAccount: false);
        await using var db = data.NewContext();

        var result = await new AccountPlans(db, clock).CreateAsync(new PlanInput(account), As(await UserAsync()));

        Assert.Equal("not_key_account", result.Error?.Code);
        Assert.Equal("accountId", result.Error?.Field);
        Assert.Equal(0L, await data.ScalarAsync<long>("SELECT count(*) FROM account_plans WHERE account_id = $1", account));
    }

    [Fact]
    public async Task CreateAsync_KeyAccount_DefaultsAndOneActivePlanOnly()
    {
        var (account, plan, owner) = await PlanAsync();
        await using var db = data.NewContext();

        var second = await new AccountPlans(db, clock).CreateAsync(new PlanInput(account), As(owner));
        var stored = await db.AccountPlans.SingleAsync(p => p.Id == plan);

        Assert.Equal(ErrorKind.Conflict, second.Error?.Kind);
        Assert.Equal(owner, stored.OwnerUserId);
        Assert.Equal(new DateOnly(2025, 6, 19), stored.NextReviewOn);
        Assert.EndsWith("Special-Relationship-Agenda", stored.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddActionAsync_Action_AppearsAsTaskOfItsOwnerAndFollowsBothWays()
    {
        var (account, plan, owner) = await PlanAsync();
        await using var db = data.NewContext();
        var plans = new AccountPlans(db, clock);

        var action = (await plans.AddActionAsync(plan, new ActionInput("Invite the new technical director to the plant", DueOn: new DateOnly(2025, 6, 30)))).Value!;
        var task = await db.Tasks.SingleAsync(t => t.AccountId == account && t.OriginKey == "plan-action:" + action.Id);

        Assert.Equal(TaskOrigin.Plan, task.Origin);
        Assert.Equal(owner, task.OwnerUserId);
        Assert.Equal(new DateOnly(2025, 6, 30), task.DueOn);
        Assert.Equal(AccountTaskStatus.Open, task.Status);
        Assert.Contains("Invite the new technical director", task.Title, StringComparison.Ordinal);

        // Done in "my tasks" (another feature updates the task): the action follows.
        await data.ExecuteAsync("UPDATE tasks SET status = 'done', completed_at = now() WHERE id = $1", task.Id);
        Assert.Equal("done", await data.ScalarAsync<string>("SELECT status FROM plan_actions WHERE id = $1", action.Id));

        // Reopened and re-dated on the plan: the task follows.
        var reopened = await plans.UpdateActionAsync(plan, action.Id, new ActionInput(action.Title, OwnerUserId: owner, DueOn: new DateOnly(2025, 7, 15), Status: "open"));
        Assert.True(reopened.Succeeded);
        var after = await db.Tasks.SingleAsync(t => t.Id == task.Id);
        Assert.Equal(AccountTaskStatus.Open, after.Status);
        Assert.Equal(new DateOnly(2025, 7, 15), after.DueOn);
        Assert.Null(after.CompletedAt);
    }

    [Fact]
    public async Task CreateDueAsync_ReviewDayReached_CreatesOneTaskOnce()
    {
        var (account, plan, owner) = await PlanAsync(cadence: 30, nextReview: new DateOnly(2025, 5, 20));
        var (notDueAccount, _, _) = await PlanAsync(cadence: 30, nextReview: new DateOnly(2025, 5, 21));

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PlanReviewReminders.CreateDueAsync(database.DataSource, new DateOnly(2025, 5, 20))));
        var later = await PlanReviewReminders.CreateDueAsync(database.DataSource, new DateOnly(2025, 5, 20));

        Assert.True(runs.Sum() >= 1);
        Assert.Equal(0, later);
        await using var db = data.NewContext();
        var reminders = await db.Tasks.Where(t => t.AccountId == account && t.Origin == TaskOrigin.Plan).ToListAsync();
        var reminder = Assert.Single(reminders);
        Assert.Equal($"plan-review:{plan}:2025-05-20", reminder.OriginKey);
        Assert.Equal(owner, reminder.OwnerUserId);
        Assert.Equal(new DateOnly(2025, 5, 20), reminder.DueOn);
        Assert.False(await db.Tasks.AnyAsync(t => t.AccountId == notDueAccount));
    }

    [Fact]
    public async Task ReviewAsync_DuePlan_AdvancesNextReviewAndClosesTheReminder()
    {
        var (account, plan, owner) = await PlanAsync(cadence: 45, nextReview: new DateOnly(2025, 5, 1));
        await PlanReviewReminders.CreateDueAsync(database.DataSource, new DateOnly(2025, 5, 20));
        await using var db = data.NewContext();
        var plans = new AccountPlans(db, clock);

        var review = await plans.ReviewAsync(plan, new ReviewInput(Note: "Trust on the deep level still weak."), As(owner));
        var future = await plans.ReviewAsync(plan, new ReviewInput(new DateOnly(2025, 6, 1)), As(owner));
        var stored = await db.AccountPlans.SingleAsync(p => p.Id == plan);

        Assert.True(review.Succeeded);
        Assert.Equal("reviewedOn", future.Error?.Field);
        Assert.Equal(new DateOnly(2025, 7, 4), stored.NextReviewOn);
        Assert.Equal(new DateOnly(2025, 5, 20), stored.LastReviewedOn);
        Assert.Equal(AccountTaskStatus.Done, (await db.Tasks.SingleAsync(t => t.AccountId == account && t.OriginKey == $"plan-review:{plan}:2025-05-01")).Status);
        // The next reminder is for the new date, created once that day is reached.
        await PlanReviewReminders.CreateDueAsync(database.DataSource, new DateOnly(2025, 7, 4));
        Assert.Single(await db.Tasks.Where(t => t.AccountId == account && t.OriginKey == $"plan-review:{plan}:2025-07-04").ToListAsync());
    }

    [Fact]
    public async Task AddAssessmentAndMap_InputRules_NameTheFieldAndKeepHistory()
    {
        var (account, plan, owner) = await PlanAsync();
        var contact = await data.ScalarAsync<long>(
            "INSERT INTO contacts (account_id, external_id, last_name, buying_role) VALUES ($1, $2, 'Brandt', 'decider') RETURNING id", account, "C-" + Guid.NewGuid().ToString("N"));
        var foreign = await data.ScalarAsync<long>(
            "INSERT INTO contacts (account_id, external_id, last_name) VALUES ($1, $2, 'Other') RETURNING id", await data.AccountAsync(), "C-" + Guid.NewGuid().ToString("N"));
        await using var db = data.NewContext();
        var plans = new AccountPlans(db, clock);

        var badLevel = await plans.AddAssessmentAsync(plan, new AssessmentInput("money", "deep", 3), As(owner));
        var badScore = await plans.AddAssessmentAsync(plan, new AssessmentInput("trust", "deep", 6), As(owner));
        await plans.AddAssessmentAsync(plan, new AssessmentInput("trust", "deep", 4, AssessedOn: new DateOnly(2024, 11, 1)), As(owner));
        await plans.AddAssessmentAsync(plan, new AssessmentInput("trust", "deep", 2, "Decider left"), As(owner));
        var foreignContact = await plans.AddMapEntryAsync(plan, new MapEntryInput(owner, foreign, 3));
        var mapped = await plans.AddMapEntryAsync(plan, new MapEntryInput(owner, contact, 4, "Monthly jour fixe"));
        var duplicate = await plans.AddMapEntryAsync(plan, new MapEntryInput(owner, contact, 2));
        var detail = await new PlanReads(db, clock).DetailAsync(db.AccountPlans, plan);

        Assert.Equal("level", badLevel.Error?.Field);
        Assert.Equal("score", badScore.Error?.Field);
        Assert.Equal("contactId", foreignContact.Error?.Field);
        Assert.True(mapped.Succeeded);
        Assert.Equal(ErrorKind.Conflict, duplicate.Error?.Kind);
        Assert.NotNull(detail);
        Assert.Equal((short)2, detail.Current(RelationshipLevel.Trust, StructureLayer.Deep)?.Score);
        Assert.Equal(2, detail.Assessments.Count(a => a.Level == RelationshipLevel.Trust));
        Assert.Equal("Brandt", Assert.Single(detail.Map).ContactName);
    }
}
