using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Drivers;
using Rapport.Analytics.Survey;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Common;
using Rapport.Core.Insights;
using Rapport.Core.Surveys;
using Rapport.Demo;
using Rapport.Testing;

namespace Rapport.Core.Tests.Insights;

/// <summary>The analytics service on the demo waves: every figure equals the survey library's on the same answers.</summary>
public sealed class InsightQueriesTests(DemoDatabase db) : IClassFixture<DemoDatabase>, IDisposable
{
    private const double Tolerance = 1e-9;
    private static readonly Caller Admin = new(1, "admin@test.rapport", "Admin", UserRole.Admin, "en", MustChangePassword: false);
    private readonly InsightCache cache = new(db.DataSource);

    public void Dispose() => cache.Dispose();

    private RapportDbContext Context() => new(DataServiceCollectionExtensions.CreateOptions(db.DataSource));

    private async Task<(long WaveId, List<RespondentAnswers> Answers, SurveyDefinition Survey, Dictionary<string, Account> Accounts)> LatestWaveAsync()
    {
        await using var ctx = Context();
        var wave = await ctx.Waves.Where(w => w.Survey!.Name == DemoSurveys.SurveyName).OrderByDescending(w => w.ClosesOn).FirstAsync();
        var answers = (await WaveAnswers.LoadAsync(ctx, wave.Id)).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var survey = (await SurveyDefinition.LoadAsync(ctx, wave.SurveyId))!;
        var accounts = await (from r in ctx.ResponseAnswers
                              join a in ctx.Accounts on r.AccountId equals a.Id
                              where r.WaveId == wave.Id
                              select new { r.RespondentKey, Account = a }).Distinct().ToListAsync();
        return (wave.Id, answers, survey, accounts.DistinctBy(x => x.RespondentKey).ToDictionary(x => x.RespondentKey, x => x.Account));
    }

    private static void Near(double expected, double? actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, expected - Tolerance, expected + Tolerance);
    }

    [Fact]
    public async Task LoyaltyAsync_GroupedBySegment_EqualsLibrary()
    {
        var (waveId, answers, _, accounts) = await LatestWaveAsync();
        await using var ctx = Context();

        var view = (await new InsightQueries(ctx, cache).LoyaltyAsync(new InsightFilter { WaveId = waveId, GroupBy = InsightGroupBy.Segment }, Admin)).Value!;

        var expected = LoyaltyIndex.Compute(answers);
        Assert.Equal(answers.Count, view.Overall.Respondents);
        Assert.Equal(expected.N, view.Overall.N);
        Near(expected.LoyaltyIndex, view.Overall.LoyaltyIndex);
        Near(expected.Components.Attachment, view.Overall.Components.Attachment);
        Near(expected.Components.Calculative, view.Overall.Components.Calculative);
        Near(expected.Components.LockIn, view.Overall.Components.LockIn);
        Near(expected.FirstChoiceRate, view.Overall.FirstChoiceRate);
        Near(expected.RecommendationRate, view.Overall.RecommendationRate);
        var groups = answers.GroupBy(a => EnumText.ToText(accounts[a.Id].Segment)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(groups.Select(g => g.Key), view.Groups.Select(g => g.Group));
        foreach (var (g, figures) in groups.Zip(view.Groups))
        {
            var r = LoyaltyIndex.Compute(g);
            Assert.Equal(r.Respondents, figures.Respondents);
            Near(r.LoyaltyIndex, figures.LoyaltyIndex);
            Near(r.Components.LockIn, figures.Components.LockIn);
            Assert.Equal(r.Captive, figures.Captive);
        }
    }

    [Fact]
    public async Task NpsAsync_GroupedByBuyingRole_EqualsLibrary()
    {
        var (waveId, answers, _, _) = await LatestWaveAsync();
        await using var ctx = Context();

        var view = (await new InsightQueries(ctx, cache).NpsAsync(new InsightFilter { WaveId = waveId, GroupBy = InsightGroupBy.BuyingRole }, Admin)).Value!;

        var expected = NetPromoterScore.Compute(answers.Select(a => a[ItemCodes.LoyRecommend]).ToArray());
        Assert.Equal(expected.N, view.Overall.N);
        Assert.Equal(expected.Promoters, view.Overall.Promoters);
        Near(expected.Nps, view.Overall.Nps);
        Near(expected.StandardError, view.Overall.StandardError);
        Near(expected.CiLow, view.Overall.CiLow);
        Near(expected.CiHigh, view.Overall.CiHigh);
        Assert.InRange(view.Overall.Nps!.Value, view.Overall.CiLow!.Value, view.Overall.CiHigh!.Value);
        Assert.Equal(view.Overall.N, view.Groups.Sum(g => g.N));
        Assert.Contains(view.Groups, g => g.Group == "buyer");
    }

    [Fact]
    public async Task RelationshipQualityAsync_Overall_EqualsLibrary()
    {
        var (waveId, answers, _, _) = await LatestWaveAsync();
        await using var ctx = Context();

        var view = (await new InsightQueries(ctx, cache).RelationshipQualityAsync(new InsightFilter { WaveId = waveId }, Admin)).Value!;

        var expected = RelationshipQuality.Compute(answers);
        Near(expected.Satisfaction, view.Overall.Satisfaction);
        Near(expected.Trust, view.Overall.Trust);
        Near(expected.Commitment, view.Overall.Commitment);
        Near(expected.Index, view.Overall.Index);
        Assert.Equal(expected.TrustN, view.Overall.TrustN);
    }

    [Fact]
    public async Task PhasesAsync_EveryCell_EqualsLibrary()
    {
        var (waveId, answers, survey, _) = await LatestWaveAsync();
        await using var ctx = Context();

        var view = (await new InsightQueries(ctx, cache).PhasesAsync(new InsightFilter { WaveId = waveId }, Admin)).Value!;

        var expected = TouchpointAnalysis.Phases(answers, survey.Phases.Select(p => p.Code).ToList(), survey.Touchpoints.Select(t => t.Code).ToList());
        Assert.Equal(expected.Select(p => p.Phase), view.Phases.Select(p => p.Phase));
        foreach (var (e, a) in expected.Zip(view.Phases))
        {
            Assert.Equal(e.N, a.N);
            Near(e.Satisfaction, a.Satisfaction);
            foreach (var (et, at) in e.Touchpoints.Zip(a.Touchpoints))
            {
                Assert.Equal(et.Touchpoint, at.Touchpoint);
                Near(et.Involvement, at.Involvement);
                Near(et.Performance, at.Performance);
                Assert.Equal(et.N, at.N);
                Near(et.Impact, at.Impact);
                Near(et.MainContactImpact, at.MainContactImpact);
            }
        }
        Assert.Contains(view.Phases.SelectMany(p => p.Touchpoints), t => t.Impact is > 0);
    }

    [Fact]
    public async Task DriversAsync_Phase_RatingWeightsAreTheImpactsAndAllWeightsSumToRSquared()
    {
        var (waveId, answers, survey, _) = await LatestWaveAsync();
        await using var ctx = Context();
        var touchpoints = survey.Touchpoints.Select(t => t.Code).ToList();

        var view = (await new InsightQueries(ctx, cache).DriversAsync(new InsightFilter { WaveId = waveId }, Admin, "operation", bootstrap: 50, seed: 3)).Value!;

        var impact = TouchpointAnalysis.Impact(answers, "operation", touchpoints);
        Assert.Equal(impact.N, view.N);
        Near(impact.RSquared, view.RSquared);
        Assert.InRange(view.Drivers.Sum(d => d.Weight!.Value), view.RSquared!.Value - Tolerance, view.RSquared.Value + Tolerance);
        foreach (var t in impact.Touchpoints.Where(t => !double.IsNaN(t.Impact)))
        {
            Near(t.Impact, view.Drivers.Single(d => d.Name == "TP_SAT:" + t.Touchpoint).Weight);
        }
        Assert.All(view.Drivers, d => Assert.True(d.CiLow <= d.CiHigh, d.Name));
    }

    [Fact]
    public async Task DriversAsync_Overall_PhasesDriveOverallSatisfaction()
    {
        var (waveId, _, _, _) = await LatestWaveAsync();
        await using var ctx = Context();

        var view = (await new InsightQueries(ctx, cache).DriversAsync(new InsightFilter { WaveId = waveId }, Admin)).Value!;

        Assert.Equal("RQ_SAT_1", view.Target);
        Assert.True(view.N > 50, view.Note);
        Assert.Contains(view.Drivers, d => d.Name == "PH_SAT:operation" && d.Kind == "rating");
        Assert.InRange(view.Drivers.Sum(d => d.Weight!.Value), view.RSquared!.Value - Tolerance, view.RSquared.Value + Tolerance);
    }

    [Fact]
    public async Task CompetitorsAsync_EqualsLibraryAndNamesTheMaintenanceCompetitor()
    {
        var (waveId, answers, survey, _) = await LatestWaveAsync();
        await using var ctx = Context();

        var view = (await new InsightQueries(ctx, cache).CompetitorsAsync(new InsightFilter { WaveId = waveId }, Admin)).Value!;

        var expected = CompetitorAnalysis.ByPhase(answers, survey.Phases.Select(p => p.Code).ToList());
        foreach (var (e, a) in expected.Zip(view.Phases))
        {
            Assert.Equal(e.Competitors.Select(c => (c.Name, c.Mentions, c.Worse, c.Better)), a.Competitors.Select(c => (c.Name, c.Mentions, c.Worse, c.Better)));
        }
        Assert.Equal(DemoSurveys.MaintenanceCompetitor, view.Phases.Single(p => p.Phase == "operation").Competitors[0].Name);
    }

    [Fact]
    public async Task ImportancePerformanceAsync_Phase_PlacesRatedTouchpoints()
    {
        var (waveId, _, _, _) = await LatestWaveAsync();
        await using var ctx = Context();

        var view = (await new InsightQueries(ctx, cache).ImportancePerformanceAsync(new InsightFilter { WaveId = waveId }, Admin, "commissioning")).Value!;

        Assert.NotNull(view.ImportanceMedian);
        Assert.Contains(view.Items, i => i.Quadrant == ImportancePerformanceQuadrant.StrengthToKeep || i.Quadrant == ImportancePerformanceQuadrant.PriorityToImprove);
        Assert.All(view.Items.Where(i => i.Importance is not null && i.Performance is not null), i => Assert.NotNull(i.Quadrant));
    }

    [Fact]
    public async Task TrendsAsync_DemoSurvey_BothWavesInDateOrder()
    {
        var (waveId, _, _, _) = await LatestWaveAsync();
        await using var ctx = Context();

        var view = (await new InsightQueries(ctx, cache).TrendsAsync(new InsightFilter { WaveId = waveId }, Admin)).Value!;

        Assert.Equal(2, view.Waves.Count);
        Assert.True(view.Waves[0].Wave.OpensOn < view.Waves[1].Wave.OpensOn);
        Assert.Equal(waveId, view.Waves[1].Wave.WaveId);
        Assert.All(view.Waves, w => Assert.NotNull(w.Loyalty.LoyaltyIndex));
    }

    [Fact]
    public async Task AccountAsync_DecliningKeyAccount_LoyaltyFallsBetweenWaves()
    {
        await using var ctx = Context();
        var accountId = await ctx.Accounts.Where(a => a.ExternalId == DemoStories.DecliningKeyAccountId).Select(a => a.Id).SingleAsync();

        var view = (await new InsightQueries(ctx, cache).AccountAsync(accountId, Admin)).Value!;

        Assert.Equal(2, view.Waves.Count);
        Assert.True(view.Waves[0].Loyalty.LoyaltyIndex > view.Waves[1].Loyalty.LoyaltyIndex);
        Assert.NotEmpty(view.Waves[1].NpsByBuyingRole);
        Assert.Equal(view.Waves[1].Respondents, view.Waves[1].RespondentList!.Count);
    }

    [Fact]
    public async Task LoyaltyAsync_UnknownWave_NotFoundNamingWaveId()
    {
        await using var ctx = Context();

        var result = await new InsightQueries(ctx, cache).LoyaltyAsync(new InsightFilter { WaveId = 987_654 }, Admin);

        Assert.Equal(ErrorKind.NotFound, result.Error!.Kind);
        Assert.Equal("waveId", result.Error.Field);
    }

    [Fact]
    public void Parse_BadEnumAndGroupBy_ErrorsNameTheParameters()
    {
        var (_, errors) = InsightFilters.Parse(new InsightFilterInput(WaveId: "x", Segment: "vip", GroupBy: "colour", KeyAccount: "maybe"), 1);

        Assert.Equal(["waveId", "keyAccount", "groupBy", "segment"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Suppress_OneSmallGroup_AlsoHidesTheNextSmallest()
    {
        Assert.Equal([false, true, true], InsightQueries.Suppress([50, 4, 9], 5));
        Assert.Equal([false, false, false], InsightQueries.Suppress([50, 4, 9], 0));
        Assert.Equal([true, true, false], InsightQueries.Suppress([3, 3, 20], 5));
        Assert.Equal([false, false], InsightQueries.Suppress([5, 6], 5));
    }

    [Fact]
    public async Task SnapshotAsync_AnswersChange_ViewsFollow()
    {
        await using var ctx = Context();
        var wave = await ctx.Waves.Where(w => w.Survey!.Name == DemoSurveys.SurveyName).OrderBy(w => w.ClosesOn).FirstAsync();
        var queries = new InsightQueries(ctx, cache);
        var before = (await queries.NpsAsync(new InsightFilter { WaveId = wave.Id }, Admin)).Value!.Overall;
        var row = await ctx.ResponseAnswers.Where(r => r.WaveId == wave.Id && r.ItemCode == ItemCodes.LoyRecommend && r.Value < 7).OrderBy(r => r.Id).FirstAsync();

        await ctx.ResponseAnswers.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Value, 10m));
        var after = (await queries.NpsAsync(new InsightFilter { WaveId = wave.Id }, Admin)).Value!.Overall;
        await ctx.ResponseAnswers.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Value, row.Value));

        Assert.Equal(before.Detractors - 1, after.Detractors);
        Assert.Equal(before.Promoters + 1, after.Promoters);
    }
}
