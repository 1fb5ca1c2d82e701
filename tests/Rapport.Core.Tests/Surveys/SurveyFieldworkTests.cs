using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Events;
using Rapport.Core.Import;
using Rapport.Core.Common;
using Rapport.Core.Surveys;
using Rapport.Testing;

namespace Rapport.Core.Tests.Surveys;

/// <summary>Detractor events, the progress view and the design helpers behind the survey pages.</summary>
public sealed class SurveyFieldworkTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly SurveyScenario _s = new(db);
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-fieldwork-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(long WaveId, long AccountId, long ContactId, long InvitationId, string Token)> RespondentAsync(bool anonymous)
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync(anonymous);
        var (accountId, contacts) = await _s.AccountAsync((true, true, "en"));
        await using var ctx = _s.Context();
        var invitations = new SurveyInvitations(ctx, await _s.TokensAsync(), _s.Time);
        await invitations.CreateAsync(waveId, new CreateInvitationsRequest([accountId], null));
        var row = (await invitations.ListAsync(waveId, 1, 10)).Value!.Items.Single();
        return (waveId, accountId, contacts[0], row.Id, row.Link!["/s/".Length..]);
    }

    private async Task<List<JsonElement>> DetractorEventsAsync(long accountId)
    {
        await using var ctx = _s.Context();
        var payloads = await ctx.OutboxEvents.Where(e => e.Type == EventTypes.DetractorResponse && e.AccountId == accountId)
            .OrderBy(e => e.Id).Select(e => e.Payload).ToListAsync();
        return payloads.Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();
    }

    private async Task SubmitAsync(string token, double recommendation)
    {
        await using var ctx = _s.Context();
        var sessions = new RespondentSessions(ctx, _s.Time);
        Assert.True((await sessions.SaveAsync(token, [new("LOY_RECOMMEND", null, null, recommendation)])).Succeeded);
        Assert.True((await sessions.SubmitAsync(token)).Succeeded);
    }

    [Fact]
    public async Task SubmitAsync_RecommendationSix_AddsDetractorEventNamingTheContact()
    {
        var r = await RespondentAsync(anonymous: false);

        await SubmitAsync(r.Token, 6);

        var e = Assert.Single(await DetractorEventsAsync(r.AccountId));
        Assert.Equal(r.WaveId, e.GetProperty("waveId").GetInt64());
        Assert.Equal(r.InvitationId, e.GetProperty("invitationId").GetInt64());
        Assert.Equal(r.AccountId, e.GetProperty("accountId").GetInt64());
        Assert.Equal(r.ContactId, e.GetProperty("contactId").GetInt64());
        Assert.Equal(6, e.GetProperty("recommendation").GetInt32());
    }

    [Fact]
    public async Task SubmitAsync_AnonymousSurvey_DetractorEventOmitsContact()
    {
        var r = await RespondentAsync(anonymous: true);

        await SubmitAsync(r.Token, 0);

        var e = Assert.Single(await DetractorEventsAsync(r.AccountId));
        Assert.False(e.TryGetProperty("contactId", out _));
        Assert.Equal(0, e.GetProperty("recommendation").GetInt32());
        Assert.Equal(r.InvitationId, e.GetProperty("invitationId").GetInt64());
    }

    [Fact]
    public async Task SubmitAsync_PassiveOrNoRecommendation_AddsNoEvent()
    {
        var passive = await RespondentAsync(anonymous: false);
        var silent = await RespondentAsync(anonymous: false);

        await SubmitAsync(passive.Token, 7);
        await using (var ctx = _s.Context())
        {
            Assert.True((await new RespondentSessions(ctx, _s.Time).SubmitAsync(silent.Token)).Succeeded);
        }

        Assert.Empty(await DetractorEventsAsync(passive.AccountId));
        Assert.Empty(await DetractorEventsAsync(silent.AccountId));
    }

    [Fact]
    public async Task ImportAsync_DetractorRows_RaiseOneEventPerNewOrChangedAnswer()
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        string wave, account;
        await using (var ctx = _s.Context())
        {
            wave = "Import " + Guid.NewGuid().ToString("N")[..8];
            await ctx.Waves.Where(w => w.Id == waveId).ExecuteUpdateAsync(s => s.SetProperty(w => w.Name, wave));
        }
        var (accountId, _) = await _s.AccountAsync((true, true, "de"));
        await using (var ctx = _s.Context())
        {
            account = await ctx.Accounts.Where(a => a.Id == accountId).Select(a => a.ExternalId).SingleAsync();
        }
        var path = Path.Combine(_dir, "detractors.csv");
        async Task<ResponseImportResult> ImportAsync(string r1, string r2)
        {
            await File.WriteAllTextAsync(path, $"respondent_id,account_external_id,wave,item_code,value\nr1,{account},{wave},LOY_RECOMMEND,{r1}\nr2,{account},{wave},LOY_RECOMMEND,{r2}\n");
            return await ResponseCsv.ImportAsync(db.DataSource, path);
        }

        var first = await ImportAsync("3", "9");
        var again = await ImportAsync("3", "9");
        var changed = await ImportAsync("5", "9");
        var dry = await ResponseCsv.ImportAsync(db.DataSource, new CsvImportOptions { Path = path, DryRun = true });

        Assert.Equal((1L, 0L, 1L, 0L), (first.DetractorEvents, again.DetractorEvents, changed.DetractorEvents, dry.DetractorEvents));
        var events = await DetractorEventsAsync(accountId);
        Assert.Equal([3, 5], events.Select(e => e.GetProperty("recommendation").GetInt32()));
        Assert.All(events, e => Assert.Equal(waveId, e.GetProperty("waveId").GetInt64()));
        Assert.All(events, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("contactId").ValueKind));
    }

    [Fact]
    public async Task ComputeAsync_MixedStatuses_CountsEachStatusAndRates()
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        var (accountId, _) = await _s.AccountAsync((true, true, "de"), (true, true, "de"), (true, true, "en"), (true, true, "en"));
        await using var ctx = _s.Context();
        var invitations = new SurveyInvitations(ctx, await _s.TokensAsync(), _s.Time);
        await invitations.CreateAsync(waveId, new CreateInvitationsRequest([accountId], null));
        var rows = (await invitations.ListAsync(waveId, 1, 10)).Value!.Items;
        await ctx.Invitations.Where(i => i.Id == rows[1].Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Sent));
        var sessions = new RespondentSessions(ctx, _s.Time);
        await sessions.SaveAsync(rows[2].Link![3..], [new("LOY_RECOMMEND", null, null, 8)]);
        await sessions.SaveAsync(rows[3].Link![3..], [new("PH_INVOLVED", "offer", null, 1)]);
        await sessions.SubmitAsync(rows[3].Link![3..]);

        var report = (await WaveProgress.ComputeAsync(ctx, waveId)).Value!;

        Assert.Equal((4, 1, 1, 1, 1), (report.Total.Invited, report.Total.Pending, report.Total.Sent, report.Total.Started, report.Total.Completed));
        Assert.Equal(0.25, report.Total.ResponseRate);
        Assert.Equal(1, report.Submitted);
        var byAccount = Assert.Single(report.ByAccount);
        Assert.Equal(accountId, byAccount.AccountId);
        Assert.Equal(1, report.ByPhase.Single(p => p.Phase == "offer").Involved);
        Assert.Equal(1.0, report.ByPhase.Single(p => p.Phase == "offer").Share);
        Assert.Equal(0, report.ByPhase.Single(p => p.Phase == "delivery").Involved);
    }

    [Fact]
    public async Task ComputeAsync_AnonymousSurveyFewInvolved_HidesPhaseCounts()
    {
        var r = await RespondentAsync(anonymous: true);
        await using var ctx = _s.Context();
        var sessions = new RespondentSessions(ctx, _s.Time);
        await sessions.SaveAsync(r.Token, [new("PH_INVOLVED", "offer", null, 1)]);
        await sessions.SubmitAsync(r.Token);

        var report = (await WaveProgress.ComputeAsync(ctx, r.WaveId)).Value!;

        Assert.True(report.Anonymous);
        Assert.All(report.ByPhase, p => Assert.Null(p.Involved));
        Assert.All(report.ByPhase, p => Assert.Null(p.Share));
        Assert.Equal(1, report.Total.Completed);
    }

    [Fact]
    public async Task ComputeAsync_VisibleAccountsOnly_CountsThoseAccounts()
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        var (mine, _) = await _s.AccountAsync((true, true, "de"));
        var (other, _) = await _s.AccountAsync((true, true, "de"), (true, true, "de"));
        await using var ctx = _s.Context();
        await new SurveyInvitations(ctx, await _s.TokensAsync(), _s.Time).CreateAsync(waveId, new CreateInvitationsRequest([mine, other], null));

        var report = (await WaveProgress.ComputeAsync(ctx, waveId, ctx.Accounts.Where(a => a.Id == mine))).Value!;

        Assert.Equal(1, report.Total.Invited);
        Assert.Equal(mine, Assert.Single(report.ByAccount).AccountId);
    }

    [Fact]
    public async Task MoveItemAsync_UpDownAndEdges_RenumbersOrder()
    {
        var (surveyId, _) = await _s.SurveyWithWaveAsync();
        await using var ctx = _s.Context();
        var designer = new SurveyDesigner(ctx);
        Assert.True((await designer.AddItemAsync(surveyId, new CustomItemRequest("CUSTOM_SPEED", SurveyItemScale.S5, "Speed?", "Tempo?"))).Succeeded);
        async Task<List<string>> OrderAsync() => (await SurveyDefinition.LoadAsync(ctx, surveyId))!.Items.Select(i => i.Code).ToList();
        var before = await OrderAsync();

        Assert.True((await designer.MoveItemAsync(surveyId, "CUSTOM_SPEED", -1)).Value);
        Assert.True((await designer.MoveItemAsync(surveyId, "CUSTOM_SPEED", -1)).Value);
        var moved = await OrderAsync();
        Assert.False((await designer.MoveItemAsync(surveyId, before[0], -1)).Value);
        var unknown = await designer.MoveItemAsync(surveyId, "NOPE", 1);

        Assert.Equal("CUSTOM_SPEED", before[^1]);
        Assert.Equal("CUSTOM_SPEED", moved[^3]);
        Assert.Equal(before[^2], moved[^1]);
        Assert.Equal(before.Order(), moved.Order());
        Assert.Equal(("code", ErrorKind.Validation), (unknown.Error!.Field, unknown.Error.Kind));
    }

    [Fact]
    public async Task CreateForSelectionAsync_KeyAccountsOfSegment_InvitesOnlyThose()
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        var (key, _) = await _s.AccountAsync((true, true, "de"), (true, false, "de"));
        var (plain, _) = await _s.AccountAsync((true, true, "de"));
        await using var ctx = _s.Context();
        await ctx.Accounts.Where(a => a.Id == key).ExecuteUpdateAsync(s => s.SetProperty(a => a.KeyAccount, true).SetProperty(a => a.Segment, Segment.Regular));
        await ctx.Accounts.Where(a => a.Id == plain).ExecuteUpdateAsync(s => s.SetProperty(a => a.Segment, Segment.Regular));
        var invitations = new SurveyInvitations(ctx, await _s.TokensAsync(), _s.Time);

        var none = await invitations.CreateForSelectionAsync(waveId, new AccountSelection());
        var counts = (await invitations.CreateForSelectionAsync(waveId, new AccountSelection(KeyAccounts: true, Segment: Segment.Regular))).Value!;

        Assert.Equal(ErrorKind.Validation, none.Error!.Kind);
        Assert.True(counts.Created >= 1);
        Assert.True(counts.SkippedWithoutConsent >= 1);
        Assert.False(await ctx.Invitations.AnyAsync(i => i.WaveId == waveId && i.AccountId == plain));
        Assert.True(await ctx.Invitations.AnyAsync(i => i.WaveId == waveId && i.AccountId == key));
    }

    [Fact]
    public async Task ListAsync_SurveyWithWaves_ShowsWavesWithRates()
    {
        var (surveyId, waveId) = await _s.SurveyWithWaveAsync();
        await using var ctx = _s.Context();

        var list = (await SurveyCatalog.ListAsync(ctx, 1, 500)).Value!;
        var bad = await SurveyCatalog.ListAsync(ctx, 1, 501);

        var survey = list.Items.Single(s => s.Id == surveyId);
        var wave = Assert.Single(survey.Waves);
        Assert.Equal((waveId, 0, 0.0), (wave.Id, wave.Invited, wave.ResponseRate));
        Assert.Equal(WaveState.Open, wave.StateOn(DateOnly.FromDateTime(SurveyScenario.Today.UtcDateTime)));
        Assert.Equal(WaveState.Upcoming, wave.StateOn(wave.OpensOn.AddDays(-1)));
        Assert.Equal(WaveState.Closed, wave.StateOn(wave.ClosesOn.AddDays(1)));
        Assert.Equal("pageSize", bad.Error!.Field);
    }
}
