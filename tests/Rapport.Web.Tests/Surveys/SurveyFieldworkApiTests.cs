using System.Net;
using System.Net.Http.Json;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Surveys;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Surveys;

/// <summary>The survey API beyond the core routes of docs/api.md: list, items, progress and mailings, with their permissions.</summary>
public sealed class SurveyFieldworkApiTests(SurveyMailFactory app) : IClassFixture<SurveyMailFactory>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private async Task<(long SurveyId, long WaveId)> SurveyAsync(string? name = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDbContext>();
        var designer = new SurveyDesigner(db);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var surveyId = (await designer.CreateSurveyAsync(new CreateSurveyRequest(name ?? "Api " + Guid.NewGuid().ToString("N")[..8], null), null)).Value;
        var waveId = (await designer.CreateWaveAsync(surveyId, new CreateWaveRequest("Now", today.AddDays(-2), today.AddDays(20)))).Value;
        return (surveyId, waveId);
    }

    [Fact]
    public async Task Progress_AdminSeesAllAccountManagerOnlyOwn()
    {
        using var admin = (await app.CreateAuthenticatedClientAsync(UserRole.Admin)).Http;
        var managerUser = await app.CreateUserAsync(UserRole.AccountManager);
        using var manager = (await app.CreateAuthenticatedClientAsync(managerUser)).Http;
        var (_, waveId) = await SurveyAsync();
        var (own, _) = await app.AccountWithContactsAsync(managerUser.Id, (true, true, BuyingRole.Decider));
        var (other, _) = await app.AccountWithContactsAsync(null, (true, true, BuyingRole.Buyer), (true, true, BuyingRole.Buyer));
        await HttpAssert.JsonAsync(await admin.PostAsJsonAsync(Url($"/api/v1/waves/{waveId}/invitations"), new { accountIds = new[] { own, other } }), HttpStatusCode.Created);
        var mailed = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync(Url($"/api/v1/waves/{waveId}/mailings"), new { kind = "invitations" }));

        var all = await HttpAssert.JsonAsync(await admin.GetAsync(Url($"/api/v1/waves/{waveId}/progress")));
        var mine = await HttpAssert.JsonAsync(await manager.GetAsync(Url($"/api/v1/waves/{waveId}/progress")));
        var missing = await admin.GetAsync(Url("/api/v1/waves/987654321/progress"));

        Assert.Equal(3, mailed.GetProperty("sent").GetInt32());
        Assert.Equal(3, all.GetProperty("total").GetProperty("invited").GetInt32());
        Assert.Equal(3, all.GetProperty("total").GetProperty("sent").GetInt32());
        Assert.Equal(0, all.GetProperty("total").GetProperty("pending").GetInt32());
        Assert.Equal(2, all.GetProperty("byAccount").GetArrayLength());
        Assert.Equal(["buyer", "decider"], all.GetProperty("byBuyingRole").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(6, all.GetProperty("byPhase").GetArrayLength());
        Assert.Equal(1, mine.GetProperty("total").GetProperty("invited").GetInt32());
        Assert.Equal(own, mine.GetProperty("byAccount").EnumerateArray().Single().GetProperty("accountId").GetInt64());
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Items_AnalystAddsAndReorders_ViewerGets403()
    {
        using var analyst = (await app.CreateAuthenticatedClientAsync(UserRole.Analyst)).Http;
        using var viewer = (await app.CreateAuthenticatedClientAsync(UserRole.Viewer)).Http;
        var (surveyId, waveId) = await SurveyAsync();

        var denied = await viewer.PostAsJsonAsync(Url($"/api/v1/surveys/{surveyId}/items"), new { code = "CUSTOM_X", scale = "a5", textEn = "x", textDe = "y" });
        var deniedOrder = await viewer.PutAsJsonAsync(Url($"/api/v1/surveys/{surveyId}/items/order"), new { codes = new[] { "LOY_RECOMMEND" } });
        var deniedMail = await viewer.PostAsJsonAsync(Url($"/api/v1/waves/{waveId}/mailings"), new { kind = "reminders" });
        var noScale = await analyst.PostAsJsonAsync(Url($"/api/v1/surveys/{surveyId}/items"), new { code = "CUSTOM_X", textEn = "x", textDe = "y" });
        var added = await analyst.PostAsJsonAsync(Url($"/api/v1/surveys/{surveyId}/items"), new { code = "CUSTOM_X", scale = "a5", textEn = "We like it.", textDe = "Gefällt uns." });
        var twice = await analyst.PostAsJsonAsync(Url($"/api/v1/surveys/{surveyId}/items"), new { code = "CUSTOM_X", scale = "a5", textEn = "x", textDe = "y" });
        List<string> codes;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            codes = (await SurveyDefinition.LoadAsync(scope.ServiceProvider.GetRequiredService<RapportDbContext>(), surveyId))!.Items.Select(i => i.Code).ToList();
        }
        codes.Reverse();
        var reordered = await analyst.PutAsJsonAsync(Url($"/api/v1/surveys/{surveyId}/items/order"), new { codes });
        var partial = await analyst.PutAsJsonAsync(Url($"/api/v1/surveys/{surveyId}/items/order"), new { codes = codes.Take(3) });
        var badKind = await analyst.PostAsJsonAsync(Url($"/api/v1/waves/{waveId}/mailings"), new { kind = "spam" });

        await HttpAssert.ProblemAsync(denied, HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(deniedOrder, HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(deniedMail, HttpStatusCode.Forbidden);
        Assert.NotEmpty(await HttpAssert.FieldErrorAsync(noScale, "scale"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, reordered.StatusCode);
        Assert.Equal("CUSTOM_X", codes[0]);
        Assert.NotEmpty(await HttpAssert.FieldErrorAsync(partial, "codes"));
        Assert.NotEmpty(await HttpAssert.FieldErrorAsync(badKind, "kind"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var first = (await SurveyDefinition.LoadAsync(scope.ServiceProvider.GetRequiredService<RapportDbContext>(), surveyId))!.Items[0];
            Assert.Equal("CUSTOM_X", first.Code);
        }
    }

    [Fact]
    public async Task ListSurveys_AnyRole_ShowsWavesWithRates()
    {
        using var viewer = (await app.CreateAuthenticatedClientAsync(UserRole.Viewer)).Http;
        var name = "Listed " + Guid.NewGuid().ToString("N")[..8];
        var (surveyId, waveId) = await SurveyAsync(name);

        var list = await HttpAssert.JsonAsync(await viewer.GetAsync(Url("/api/v1/surveys?pageSize=500")));
        var bad = await viewer.GetAsync(Url("/api/v1/surveys?pageSize=501"));

        var survey = list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetInt64() == surveyId);
        Assert.Equal(name, survey.GetProperty("name").GetString());
        var wave = survey.GetProperty("waves").EnumerateArray().Single();
        Assert.Equal(waveId, wave.GetProperty("id").GetInt64());
        Assert.Equal(0, wave.GetProperty("responseRate").GetDouble());
        Assert.NotEmpty(await HttpAssert.FieldErrorAsync(bad, "pageSize"));
    }
}
