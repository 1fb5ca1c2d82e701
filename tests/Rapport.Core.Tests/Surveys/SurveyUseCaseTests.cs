using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Survey;
using Rapport.Core.Common;
using Rapport.Core.Surveys;
using Rapport.Testing;

namespace Rapport.Core.Tests.Surveys;

public sealed class SurveyUseCaseTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private readonly SurveyScenario _s = new(db);

    private static readonly string[] Section31Codes =
    [
        "LOY_REPURCHASE", "LOY_RECOMMEND", "LOY_FIRSTCHOICE", "LOY_CROSSBUY",
        "MOT_ATT_1", "MOT_ATT_2", "MOT_ATT_3", "MOT_ATT_4", "MOT_CAL_1", "MOT_CAL_2", "MOT_CAL_3",
        "MOT_LCK_1", "MOT_LCK_2", "MOT_LCK_3", "MOT_LCK_4", "RQ_SAT_1", "RQ_SAT_2", "RQ_TRU_1", "RQ_TRU_2", "RQ_TRU_3",
        "RQ_COM_1", "RQ_COM_2", "PH_INVOLVED", "PH_SAT", "TP_CONTACT", "TP_SAT", "TP_MAIN", "CMP_NAME", "CMP_REL", "OPEN_IMPROVE",
    ];

    [Fact]
    public async Task CreateSurveyAsync_StandardTemplate_HasEverySection31ItemInEnglishAndGerman()
    {
        var (surveyId, _) = await _s.SurveyWithWaveAsync();
        await using var ctx = _s.Context();
        var survey = (await SurveyDefinition.LoadAsync(ctx, surveyId))!;

        Assert.Equal(Section31Codes.Order(), survey.Items.Select(i => i.Code).Order());
        Assert.All(survey.Items, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.TextEn), i.Code);
            Assert.False(string.IsNullOrWhiteSpace(i.TextDe), i.Code);
            Assert.NotEqual(i.TextEn, i.TextDe);
        });
        Assert.Equal(["needs_analysis", "offer", "order", "delivery", "commissioning", "operation"], survey.Phases.Select(p => p.Code));
        Assert.Equal(8, survey.Touchpoints.Count);
        // Touchpoint items expand over 6 phases x 8 touchpoints, phase items over 6 phases.
        Assert.Equal(3 * 48, survey.Questions().Count(q => q.Touchpoint is not null));
        Assert.Equal(4 * 6, survey.Questions().Count(q => q.Phase is not null && q.Touchpoint is null));
        Assert.Equal(ItemScale.R11, ItemScales.TryGetScale("LOY_RECOMMEND", out var s) ? s : ItemScale.YN);
    }

    [Fact]
    public async Task CreateSurveyAsync_UnknownTemplate_IsInvalidNamingTemplate()
    {
        await using var ctx = _s.Context();
        var result = await new SurveyDesigner(ctx).CreateSurveyAsync(new CreateSurveyRequest("X", "nope"), null);
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal("template", result.Error.Field);
    }

    [Fact]
    public async Task DesignEdits_AddReorderChoosePhases_AreStored()
    {
        var (surveyId, _) = await _s.SurveyWithWaveAsync();
        await using var ctx = _s.Context();
        var designer = new SurveyDesigner(ctx);
        Assert.True((await designer.AddItemAsync(surveyId, new CustomItemRequest("CUS_DELIVERY_TIME", SurveyItemScale.S5, "Delivery times?", "Lieferzeiten?"))).Succeeded);
        Assert.Equal(SurveyErrors.ConflictCode, (await designer.AddItemAsync(surveyId, new CustomItemRequest("LOY_RECOMMEND", SurveyItemScale.S5, "a", "b"))).Error!.Code);
        var codes = (await SurveyDefinition.LoadAsync(ctx, surveyId))!.Items.Select(i => i.Code).Reverse().ToList();
        Assert.True((await designer.ReorderItemsAsync(surveyId, codes)).Succeeded);
        Assert.True((await designer.SetPhasesAsync(surveyId, ["operation", "commissioning"])).Succeeded);
        Assert.True((await designer.SetTouchpointsAsync(surveyId, ["field_service", "sales"])).Succeeded);
        Assert.Equal("phases", (await designer.SetPhasesAsync(surveyId, ["bogus"])).Error!.Field);

        var survey = (await SurveyDefinition.LoadAsync(ctx, surveyId))!;
        Assert.Equal("CUS_DELIVERY_TIME", survey.Items[0].Code);
        Assert.Equal(["operation", "commissioning"], survey.Phases.Select(p => p.Code));
        Assert.Equal(["field_service", "sales"], survey.Touchpoints.Select(t => t.Code));
    }

    [Fact]
    public async Task CreateWaveAsync_CloseBeforeOpen_IsInvalidNamingClosesOn()
    {
        var (surveyId, _) = await _s.SurveyWithWaveAsync();
        await using var ctx = _s.Context();
        var result = await new SurveyDesigner(ctx).CreateWaveAsync(surveyId, new CreateWaveRequest("bad", new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 1)));
        Assert.Equal("closesOn", result.Error!.Field);
        Assert.Equal(SurveyErrors.ConflictCode, (await new SurveyDesigner(ctx).CreateWaveAsync(surveyId,
            new CreateWaveRequest("2026", new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1)))).Error!.Code);
    }

    [Fact]
    public async Task CreateInvitationsAsync_MixedContacts_InvitesOnlyActiveWithConsentAndCounts()
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        var (accountId, contacts) = await _s.AccountAsync(
            (true, true, "de"), (true, false, "de"), (true, null, "en"), (false, true, "de"), (true, true, "en"));
        await using var ctx = _s.Context();
        var invitations = new SurveyInvitations(ctx, await _s.TokensAsync(), _s.Time);

        var counts = (await invitations.CreateAsync(waveId, new CreateInvitationsRequest([accountId], null))).Value!;
        var again = (await invitations.CreateAsync(waveId, new CreateInvitationsRequest(null, [contacts[0], contacts[4]]))).Value!;

        Assert.Equal(new InvitationCounts(2, 2, 1, 0), counts);
        Assert.Equal(new InvitationCounts(0, 0, 0, 2), again);
        var rows = (await invitations.ListAsync(waveId, 1, 50)).Value!;
        Assert.Equal(2, rows.TotalCount);
        Assert.Equal([contacts[0], contacts[4]], rows.Items.Select(r => r.ContactId!.Value).Order());
        Assert.All(rows.Items, r => Assert.Equal("pending", r.Status));
        Assert.Equal("en", (await ctx.Invitations.SingleAsync(i => i.ContactId == contacts[4])).Language);
    }

    [Fact]
    public async Task CreateInvitationsAsync_UnknownAccount_IsInvalidNamingId()
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        await using var ctx = _s.Context();
        var result = await new SurveyInvitations(ctx, await _s.TokensAsync(), _s.Time).CreateAsync(waveId, new CreateInvitationsRequest([987654321], null));
        Assert.Contains("987654321", result.Error!.Message);
    }

    [Fact]
    public async Task Tokens_StoredOnlyHashed_LinkShownAgainResolvesAndUnknownIsNotFound()
    {
        var (_, invitationId, token) = await _s.InvitedRespondentAsync();
        await using var ctx = _s.Context();
        var stored = await ctx.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitationId);

        Assert.True(InvitationTokens.LooksLikeToken(token));
        Assert.True(Base64UrlLength(token) >= 16);
        Assert.Equal(InvitationTokens.Hash(token), stored.TokenHash);
        Assert.DoesNotContain(token, Convert.ToBase64String(stored.TokenHash) + Convert.ToBase64String(stored.TokenNonce));
        var relisted = (await new SurveyInvitations(ctx, await _s.TokensAsync(), _s.Time).ListAsync(stored.WaveId, 1, 10)).Value!.Items.Single();
        Assert.Equal("/s/" + token, relisted.Link);

        var sessions = new RespondentSessions(ctx, _s.Time);
        Assert.True((await sessions.OpenAsync(token)).Succeeded);
        var guessed = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(ErrorKind.NotFound, (await sessions.OpenAsync(guessed)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await sessions.OpenAsync("short")).Error!.Kind);
    }

    [Fact]
    public async Task SaveAsync_TouchpointAnswerWithoutContact_IsRejectedAndNothingStored()
    {
        var (_, invitationId, token) = await _s.InvitedRespondentAsync();
        await using var ctx = _s.Context();
        var sessions = new RespondentSessions(ctx, _s.Time);

        var notInvolved = await sessions.SaveAsync(token, [new("TP_CONTACT", "commissioning", "field_service", 1)]);
        var noContact = await sessions.SaveAsync(token,
        [
            new("PH_INVOLVED", "commissioning", null, 1),
            new("TP_CONTACT", "commissioning", "field_service", 0),
            new("TP_SAT", "commissioning", "field_service", 5),
        ]);
        var outOfScale = await sessions.SaveAsync(token, [new("LOY_RECOMMEND", null, null, 11)]);

        Assert.Equal(ErrorKind.Validation, notInvolved.Error!.Kind);
        Assert.Equal("TP_SAT[commissioning, field_service]", Assert.Single(noContact.Error!.Fields!).Key);
        Assert.Contains("LOY_RECOMMEND", outOfScale.Error!.Message);
        Assert.Equal(0, await ctx.ResponseAnswers.CountAsync(r => r.InvitationId == invitationId));
    }

    [Fact]
    public async Task SaveAsync_SaveAndContinue_AnswersKeptAndNotInvolvedDropsPhaseAnswers()
    {
        var (waveId, invitationId, token) = await _s.InvitedRespondentAsync();
        await using (var ctx = _s.Context())
        {
            if (!await ctx.Competitors.AnyAsync(c => c.Name == "Vantaris Robotics S.p.A."))
            {
                ctx.Competitors.Add(new Rapport.Core.MasterData.Competitor { Name = "Vantaris Robotics S.p.A." });
                await ctx.SaveChangesAsync();
            }
            var surveyId = await ctx.Waves.Where(w => w.Id == waveId).Select(w => w.SurveyId).SingleAsync();
            Assert.True((await new SurveyDesigner(ctx).SetCompetitorsAsync(surveyId, "offer", ["Vantaris Robotics S.p.A."])).Succeeded);
            Assert.Equal(ErrorKind.Validation, (await new RespondentSessions(ctx, _s.Time).SaveAsync(token,
                [new("PH_INVOLVED", "offer", null, 1), new("CMP_NAME", "offer", null, null, "Unknown AG")])).Error!.Kind);
            var saved = await new RespondentSessions(ctx, _s.Time).SaveAsync(token,
            [
                new("PH_INVOLVED", "operation", null, 1),
                new("TP_CONTACT", "operation", "field_service", 1),
                new("TP_SAT", "operation", "field_service", 5),
                new("TP_MAIN", "operation", "field_service", 1),
                new("PH_INVOLVED", "offer", null, 1),
                new("PH_SAT", "offer", null, 4),
                new("CMP_NAME", "offer", null, null, "vantaris robotics s.p.a."),
                new("CMP_REL", "offer", null, 2),
            ]);
            Assert.True(saved.Succeeded, saved.Error?.Message);
        }
        await using (var ctx = _s.Context())
        {
            var sessions = new RespondentSessions(ctx, _s.Time);
            var reopened = (await sessions.OpenAsync(token)).Value!;
            Assert.Equal(InvitationStatus.Started, reopened.Status);
            Assert.Equal(5, reopened.Answers[new AnswerKey("TP_SAT", "operation", "field_service")].Value);
            Assert.Equal("Vantaris Robotics S.p.A.", reopened.Answers[new AnswerKey("CMP_NAME", "offer")].Text);

            var changed = (await sessions.SaveAsync(token, [new("PH_INVOLVED", "offer", null, 0), new("LOY_RECOMMEND", null, null, 9)])).Value!;
            Assert.False(changed.Answers.ContainsKey(new AnswerKey("PH_SAT", "offer")));
            Assert.Equal(6, await ctx.ResponseAnswers.CountAsync(r => r.InvitationId == invitationId));
        }
        await using (var ctx = _s.Context())
        {
            Assert.True((await new RespondentSessions(ctx, _s.Time).SubmitAsync(token)).Succeeded);
            var respondents = await WaveAnswers.LoadAsync(ctx, waveId);
            var r = Assert.Single(respondents);
            Assert.Equal(9, r["LOY_RECOMMEND"]);
            Assert.Equal(5, r.Phases["operation"].Touchpoints["field_service"].Satisfaction);
            Assert.False(r.Phases["offer"].IsInvolved);
        }
    }

    [Fact]
    public async Task SubmitAsync_CompletedLink_CannotChangeOrShowAnswers()
    {
        var (_, invitationId, token) = await _s.InvitedRespondentAsync();
        await using var ctx = _s.Context();
        var sessions = new RespondentSessions(ctx, _s.Time);
        Assert.True((await sessions.SaveAsync(token, [new("LOY_RECOMMEND", null, null, 8)])).Succeeded);
        Assert.True((await sessions.SubmitAsync(token)).Succeeded);

        var reopen = await sessions.OpenAsync(token);
        var change = await sessions.SaveAsync(token, [new("LOY_RECOMMEND", null, null, 0)]);

        Assert.Equal(SurveyErrors.CompletedCode, reopen.Error!.Code);
        Assert.Null(reopen.Value);
        Assert.Equal(SurveyErrors.CompletedCode, change.Error!.Code);
        var stored = await ctx.ResponseAnswers.AsNoTracking().SingleAsync(r => r.InvitationId == invitationId);
        Assert.Equal(8m, stored.Value);
        Assert.NotNull(stored.SubmittedAt);
    }

    [Fact]
    public async Task OpenAsync_WaveClosed_IsWaveClosed()
    {
        var (_, _, token) = await _s.InvitedRespondentAsync();
        await using var ctx = _s.Context();
        _s.Time.Now = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var result = await new RespondentSessions(ctx, _s.Time).OpenAsync(token);
        Assert.Equal(SurveyErrors.WaveClosedCode, result.Error!.Code);
        Assert.Contains("2026-04-30", result.Error.Message);
    }

    private static int Base64UrlLength(string token) => token.Length * 6 / 8;
}

public sealed class SurveyPrivacyTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task DetachContactAsync_CompletedResponse_KeepsAnonymousAnswersDropsOpenTextAndLink()
    {
        var s = new SurveyScenario(db);
        var (waveId, invitationId, token) = await s.InvitedRespondentAsync();
        await using var ctx = s.Context();
        var sessions = new RespondentSessions(ctx, s.Time);
        await sessions.SaveAsync(token, [new("LOY_RECOMMEND", null, null, 7), new("OPEN_IMPROVE", null, null, null, "Ask Mr. Muster, he knows")]);
        await sessions.SubmitAsync(token);
        var contactId = (await ctx.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitationId)).ContactId!.Value;
        Assert.Equal(2, (await SurveyPrivacy.ExportAsync(ctx, contactId)).Answers.Count);

        var detached = await SurveyPrivacy.DetachContactAsync(ctx, contactId);

        Assert.Equal(1, detached);
        var left = await ctx.ResponseAnswers.AsNoTracking().Where(r => r.WaveId == waveId).ToListAsync();
        Assert.Equal("LOY_RECOMMEND", Assert.Single(left).ItemCode);
        Assert.Null(left[0].ContactId);
        Assert.Null((await ctx.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitationId)).ContactId);
        Assert.Empty((await SurveyPrivacy.ExportAsync(ctx, contactId)).Answers);
        Assert.Single(await WaveAnswers.LoadAsync(ctx, waveId));
    }
}
