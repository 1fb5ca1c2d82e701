using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rapport.Core.Identity;
using Rapport.Demo;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Api;

public sealed class SurveysApiTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>, IAsyncLifetime
{
    private AuthenticatedClient admin = null!;

    public async Task InitializeAsync()
    {
        admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
    }

    public Task DisposeAsync()
    {
        admin.Http.Dispose();
        return Task.CompletedTask;
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task InviteDemoAccounts_FromTemplateToRespondentPage_LinksOpenTheQuestionnaire()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var seed = await DemoSeeder.SeedAsync(app.Database.DataSource, new DemoOptions { Accounts = DemoOptions.MinAccounts, Seed = 42, AsOf = today });
        Assert.True(seed.Succeeded, seed.Message);
        var accounts = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url("/api/v1/accounts?pageSize=20&sort=externalId")));
        var accountIds = accounts.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(20, accountIds.Length);

        var created = await admin.Http.PostAsync(Url("/api/v1/surveys"), Json("""{"name": "Relationship 2026", "template": "relationship-standard", "anonymous": false}"""));
        var surveyId = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/surveys/{surveyId}", created.Headers.Location?.OriginalString);
        var survey = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/surveys/{surveyId}")));
        var phases = survey.GetProperty("phases").EnumerateArray().ToArray();
        Assert.Equal("relationship-standard", survey.GetProperty("template").GetString());
        Assert.NotEmpty(phases);
        Assert.NotEmpty(survey.GetProperty("touchpoints").EnumerateArray());
        Assert.True(survey.GetProperty("itemCount").GetInt32() > 0);

        var wave = await admin.Http.PostAsJsonAsync(Url($"/api/v1/surveys/{surveyId}/waves"),
            new { name = "Spring", opensOn = today.AddDays(-1), closesOn = today.AddDays(30) });
        var waveId = (await HttpAssert.JsonAsync(wave, HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var invited = await HttpAssert.JsonAsync(
            await admin.Http.PostAsJsonAsync(Url($"/api/v1/waves/{waveId}/invitations"), new { accountIds }), HttpStatusCode.Created);
        var createdCount = invited.GetProperty("created").GetInt32();
        Assert.True(createdCount > 0, invited.ToString());
        Assert.True(invited.GetProperty("skippedWithoutConsent").GetInt32() > 0, invited.ToString());
        Assert.True(invited.GetProperty("skippedInactive").GetInt32() >= 0, invited.ToString());

        var again = await HttpAssert.JsonAsync(
            await admin.Http.PostAsJsonAsync(Url($"/api/v1/waves/{waveId}/invitations"), new { accountIds }), HttpStatusCode.Created);
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(createdCount, again.GetProperty("alreadyInvited").GetInt32());

        var list = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/waves/{waveId}/invitations?page=1&pageSize=5&status=pending")));
        Assert.Equal(createdCount, list.GetProperty("totalCount").GetInt32());
        Assert.Equal(5, list.GetProperty("pageSize").GetInt32());
        var first = list.GetProperty("items").EnumerateArray().First();
        Assert.Equal("pending", first.GetProperty("status").GetString());
        Assert.Contains(first.GetProperty("accountId").GetInt64(), accountIds);
        var link = first.GetProperty("link").GetString()!;
        Assert.StartsWith("/s/", link, StringComparison.Ordinal);
        var viewer = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);
        var viewersList = await HttpAssert.JsonAsync(await viewer.Http.GetAsync(Url($"/api/v1/waves/{waveId}/invitations?pageSize=500")));
        Assert.Equal(createdCount, viewersList.GetProperty("totalCount").GetInt32());
        Assert.All(viewersList.GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("link").ValueKind));

        using var respondent = app.CreateClient();
        var page = await respondent.GetAsync(Url(link));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var phase in phases)
        {
            var names = new[] { phase.GetProperty("nameEn").GetString()!, phase.GetProperty("nameDe").GetString()! };
            Assert.Contains(names, n => html.Contains(WebUtility.HtmlEncode(n), StringComparison.Ordinal));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.GetAsync(Url("/s/unknown-token"))).StatusCode);
    }

    [Fact]
    public async Task CreateSurvey_Viewer_Returns403()
    {
        var viewer = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        var response = await viewer.Http.PostAsync(Url("/api/v1/surveys"), Json("""{"name": "Nope", "template": "relationship-standard"}"""));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateSurvey_Analyst_Returns201AndViewerReadsIt()
    {
        var analyst = await app.CreateAuthenticatedClientAsync(UserRole.Analyst);
        var viewer = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        var created = await HttpAssert.JsonAsync(
            await analyst.Http.PostAsync(Url("/api/v1/surveys"), Json("""{"name": "Analyst survey", "anonymous": true}""")), HttpStatusCode.Created);
        var survey = await HttpAssert.JsonAsync(await viewer.Http.GetAsync(Url($"/api/v1/surveys/{created.GetProperty("id").GetInt64()}")));

        Assert.Equal("Analyst survey", survey.GetProperty("name").GetString());
        Assert.True(survey.GetProperty("anonymous").GetBoolean());
    }

    [Fact]
    public async Task CreateSurvey_EmptyName_Returns400NamingName()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/surveys"), Json("""{"name": "  ", "template": "relationship-standard"}"""));

        await HttpAssert.FieldErrorAsync(response, "name");
    }

    [Fact]
    public async Task CreateSurvey_UnknownTemplate_Returns400NamingTemplate()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/surveys"), Json("""{"name": "X", "template": "nps-only"}"""));

        var messages = await HttpAssert.FieldErrorAsync(response, "template");
        Assert.Contains(messages, m => m.Contains("relationship-standard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateSurvey_MalformedJson_Returns400()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/surveys"), Json("""{"name": "X", """));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateWave_MissingDatesAndUnknownSurvey_Return400And404()
    {
        var created = await HttpAssert.JsonAsync(
            await admin.Http.PostAsync(Url("/api/v1/surveys"), Json("""{"name": "Waves"}""")), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();

        var missing = await admin.Http.PostAsync(Url($"/api/v1/surveys/{id}/waves"), Json("""{"name": "W1", "opensOn": "2026-01-01"}"""));
        var badDate = await admin.Http.PostAsync(Url($"/api/v1/surveys/{id}/waves"), Json("""{"name": "W1", "opensOn": "soon", "closesOn": "2026-02-01"}"""));
        var unknown = await admin.Http.PostAsync(Url("/api/v1/surveys/999999999/waves"), Json("""{"name": "W1", "opensOn": "2026-01-01", "closesOn": "2026-02-01"}"""));

        await HttpAssert.FieldErrorAsync(missing, "closesOn");
        await HttpAssert.ProblemAsync(badDate, HttpStatusCode.BadRequest);
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await admin.Http.GetAsync(Url("/api/v1/surveys/999999999")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invitations_UnknownWaveEmptyRequestAndBadPaging_ReturnProblems()
    {
        var survey = (await HttpAssert.JsonAsync(
            await admin.Http.PostAsync(Url("/api/v1/surveys"), Json("""{"name": "Invitations"}""")), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var wave = (await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url($"/api/v1/surveys/{survey}/waves"),
            Json("""{"name": "W", "opensOn": "2026-01-01", "closesOn": "2099-12-31"}""")), HttpStatusCode.Created)).GetProperty("id").GetInt64();

        await HttpAssert.ProblemAsync(await admin.Http.PostAsync(Url("/api/v1/waves/999999999/invitations"), Json("""{"contactIds": [1]}""")), HttpStatusCode.NotFound);
        await HttpAssert.FieldErrorAsync(await admin.Http.PostAsync(Url($"/api/v1/waves/{wave}/invitations"), Json("{}")), "accountIds");
        await HttpAssert.FieldErrorAsync(await admin.Http.PostAsync(Url($"/api/v1/waves/{wave}/invitations"), Json("""{"accountIds": [999999999]}""")), "accountIds");
        await HttpAssert.FieldErrorAsync(await admin.Http.GetAsync(Url($"/api/v1/waves/{wave}/invitations?pageSize=501")), "pageSize");
        await HttpAssert.FieldErrorAsync(await admin.Http.GetAsync(Url($"/api/v1/waves/{wave}/invitations?status=lost")), "status");
        await HttpAssert.ProblemAsync(await admin.Http.GetAsync(Url("/api/v1/waves/999999999/invitations")), HttpStatusCode.NotFound);
    }
}
