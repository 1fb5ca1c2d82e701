using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Survey;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Common;
using Rapport.Core.Surveys;
using Rapport.Testing;

namespace Rapport.Demo.Tests;

public sealed class DemoSurveyTests(DemoDatabase db) : IClassFixture<DemoDatabase>
{
    private static readonly string[] TouchpointCodes =
        ["sales", "field_service", "engineering", "installation", "technical_service", "order_processing", "logistics", "accounting"];

    private RapportDbContext Context() => new(DataServiceCollectionExtensions.CreateOptions(db.DataSource));

    private async Task<(List<RespondentAnswers> Answers, Dictionary<string, Account> Accounts)> WaveAsync(int index)
    {
        await using var ctx = Context();
        var wave = await ctx.Waves.Where(w => w.Survey!.Name == DemoSurveys.SurveyName).OrderBy(w => w.OpensOn).Skip(index).FirstAsync();
        var answers = (await WaveAnswers.LoadAsync(ctx, wave.Id)).ToList();
        var accounts = await (from i in ctx.Invitations
                              join a in ctx.Accounts on i.AccountId equals a.Id
                              where i.WaveId == wave.Id
                              select new { i.Id, Account = a }).ToListAsync();
        return (answers, accounts.ToDictionary(x => RespondentKeys.ForInvitation(x.Id), x => x.Account));
    }

    [Fact]
    public async Task Seed_TwoClosedWaves_WithCompletedAndOpenInvitations()
    {
        await using var ctx = Context();
        var waves = await ctx.Waves.Where(w => w.Survey!.Name == DemoSurveys.SurveyName).OrderBy(w => w.OpensOn).ToListAsync();

        Assert.Equal(2, waves.Count);
        Assert.All(waves, w => Assert.True(w.ClosesOn < DemoDatabase.AsOf));
        Assert.Equal(waves[0].ClosesOn.AddYears(1), waves[1].ClosesOn);
        foreach (var w in waves)
        {
            var completed = await ctx.Invitations.CountAsync(i => i.WaveId == w.Id && i.Status == InvitationStatus.Completed);
            var sent = await ctx.Invitations.CountAsync(i => i.WaveId == w.Id && i.Status == InvitationStatus.Sent);
            Assert.True(completed >= 50, $"{completed} completed");
            Assert.True(sent > 0);
        }
        // Only contacts with survey consent were invited.
        Assert.Equal(0, await db.ScalarAsync<long>("""
            SELECT count(*) FROM invitations i LEFT JOIN consents x ON x.contact_id = i.contact_id AND x.purpose = 'surveys'
            WHERE x.granted IS DISTINCT FROM true
            """));
    }

    [Fact]
    public async Task Seed_FieldServiceRarelyInvolvedLate_ButDrivesLatePhaseSatisfaction()
    {
        var (answers, _) = await WaveAsync(1);
        var overview = TouchpointAnalysis.Phases(answers, ["commissioning", "operation"], TouchpointCodes);

        foreach (var phase in overview)
        {
            var field = phase.Touchpoints.Single(t => t.Touchpoint == "field_service");
            Assert.True(field.Involvement < 0.25, $"{phase.Phase}: involvement {field.Involvement}");
            Assert.Equal("field_service", phase.Touchpoints.MaxBy(t => t.Impact)!.Touchpoint);
        }
    }

    [Fact]
    public async Task Seed_LockInSegment_IsCaptive_AndOthersAreNot()
    {
        var (answers, accounts) = await WaveAsync(1);
        var lockIn = answers.Where(a => DemoStories.IsLockInSegment(accounts[a.Id].Industry, accounts[a.Id].BusinessType)).ToList();
        var others = answers.Where(a => !DemoStories.IsLockInSegment(accounts[a.Id].Industry, accounts[a.Id].BusinessType)).ToList();

        var segment = LoyaltyIndex.Compute(lockIn);
        var rest = LoyaltyIndex.Compute(others);

        Assert.True(lockIn.Count >= 5, $"{lockIn.Count} lock-in respondents");
        Assert.True(segment.Captive);
        Assert.False(rest.Captive);
    }

    [Fact]
    public async Task Seed_MaintenanceCompetitor_MostNamedInOperationAndStrongerThanSupplier()
    {
        var (answers, _) = await WaveAsync(1);
        var operation = CompetitorAnalysis.ByPhase(answers, ["operation"]).Single();
        var top = operation.Competitors.MaxBy(c => c.Mentions)!;

        Assert.Equal(DemoSurveys.MaintenanceCompetitor, top.Name);
        Assert.True(top.MeanRelative < 2.5, $"mean relative {top.MeanRelative}");
    }

    [Fact]
    public async Task Seed_DecliningKeyAccount_LoyaltyIndexFellBetweenWaves()
    {
        var (lastYear, lastAccounts) = await WaveAsync(0);
        var (thisYear, thisAccounts) = await WaveAsync(1);
        var before = LoyaltyIndex.Compute(lastYear.Where(a => lastAccounts[a.Id].ExternalId == DemoStories.DecliningKeyAccountId));
        var after = LoyaltyIndex.Compute(thisYear.Where(a => thisAccounts[a.Id].ExternalId == DemoStories.DecliningKeyAccountId));

        Assert.True(before.N >= 2 && after.N >= 2, $"n {before.N} / {after.N}");
        Assert.True(before.LoyaltyIndex - after.LoyaltyIndex > 15, $"{before.LoyaltyIndex:F1} -> {after.LoyaltyIndex:F1}");
    }

    [Fact]
    public async Task ComputeAsync_DemoWave_RatesByAccountRoleAndPhaseAddUp()
    {
        await using var ctx = Context();
        var wave = await ctx.Waves.Where(w => w.Survey!.Name == DemoSurveys.SurveyName).OrderBy(w => w.OpensOn).LastAsync();

        var report = (await WaveProgress.ComputeAsync(ctx, wave.Id)).Value!;

        Assert.Equal(await ctx.Invitations.CountAsync(i => i.WaveId == wave.Id), report.Total.Invited);
        Assert.Equal(report.Total.Completed, report.ByAccount.Sum(a => a.Completed));
        Assert.Equal(report.Total.Invited, report.ByBuyingRole.Sum(a => a.Invited));
        Assert.InRange(report.Total.ResponseRate, 0.3, 0.8);
        Assert.Equal(1.0, report.ByAccount.Single(a => a.Key == DemoStories.DecliningKeyAccountId).ResponseRate);
        Assert.Equal(6, report.ByPhase.Count);
        Assert.All(report.ByPhase, p => Assert.InRange(p.Share!.Value, 0.05, 0.95));
        Assert.Equal(ErrorKind.NotFound, (await WaveProgress.ComputeAsync(ctx, -1)).Error!.Kind);
    }
}
