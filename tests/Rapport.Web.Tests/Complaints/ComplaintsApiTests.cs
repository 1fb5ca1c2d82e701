using System.Net;
using System.Text;
using System.Text.Json;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Complaints;

/// <summary>The complaints API: the workflow with its failures as problem details, scoping, filters and statistics.</summary>
public sealed class ComplaintsApiTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>, IAsyncLifetime
{
    private AuthenticatedClient admin = null!;
    private long accountId;
    private string accountExternalId = "";

    public async Task InitializeAsync()
    {
        admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        var prefix = "CA" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        accountId = (await app.SeedAccountsAsync(1, prefix))[0];
        accountExternalId = prefix + "-00001";
    }

    public Task DisposeAsync()
    {
        admin.Http.Dispose();
        return Task.CompletedTask;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonElement> CreateAsync(HttpClient client, long account, string severity = "high", DateTimeOffset? receivedAt = null,
        string category = "delivery")
    {
        var received = receivedAt is { } r ? $",\"receivedAt\":\"{Iso(r)}\"" : "";
        return await HttpAssert.JsonAsync(await client.PostAsync("/api/v1/complaints", Json($$"""
            {"accountId":{{account}},"category":"{{category}}","severity":"{{severity}}","subject":"Spare parts two weeks late",
             "description":"The gearbox spare parts promised for week 12 have not arrived.","touchpoint":"logistics","phase":"delivery"{{received}}}
            """)), HttpStatusCode.Created);
    }

    private async Task<JsonElement> PostAsync(HttpClient client, long id, string action, string body = "{}", HttpStatusCode status = HttpStatusCode.OK) =>
        await HttpAssert.JsonAsync(await client.PostAsync($"/api/v1/complaints/{id}/{action}", Json(body)), status);

    [Fact]
    public async Task Workflow_ThroughApi_ReachesConfirmedWithHistoryAndCustomerLink()
    {
        var created = await CreateAsync(admin.Http, accountId, "critical");
        var id = created.GetProperty("complaint").GetProperty("id").GetInt64();
        Assert.Equal("received", created.GetProperty("complaint").GetProperty("status").GetString());
        Assert.Equal(accountExternalId, created.GetProperty("complaint").GetProperty("accountExternalId").GetString());
        Assert.Equal("logistics", created.GetProperty("complaint").GetProperty("touchpoint").GetString());
        Assert.Equal(["acknowledge"], created.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        await PostAsync(admin.Http, id, "acknowledge", """{"note":"Called back"}""");
        await PostAsync(admin.Http, id, "start");
        var missingCause = await admin.Http.PostAsync($"/api/v1/complaints/{id}/resolve", Json("""{"resolution":"Shipped"}"""));
        await HttpAssert.FieldErrorAsync(missingCause, "rootCause");
        var resolved = await PostAsync(admin.Http, id, "resolve", """{"rootCause":"Carrier missed the pick-up","resolution":"Sent by express"}""");
        var link = resolved.GetProperty("customerLink").GetString();
        Assert.Matches("^/c/[A-Za-z0-9_-]{43}$", link);
        var noSatisfaction = await admin.Http.PostAsync($"/api/v1/complaints/{id}/confirm", Json("{}"));
        await HttpAssert.FieldErrorAsync(noSatisfaction, "satisfaction");
        var confirmed = await PostAsync(admin.Http, id, "confirm", """{"satisfaction":4,"note":"Confirmed by phone"}""");

        Assert.Equal("confirmed", confirmed.GetProperty("complaint").GetProperty("status").GetString());
        Assert.Equal(4, confirmed.GetProperty("complaint").GetProperty("handlingSatisfaction").GetInt32());
        Assert.Equal(JsonValueKind.Null, confirmed.GetProperty("customerLink").ValueKind);
        Assert.Empty(confirmed.GetProperty("allowedActions").EnumerateArray());
        var kinds = confirmed.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["received", "acknowledged", "started", "resolved", "confirmed"], kinds);
        Assert.Equal(admin.User.Email, confirmed.GetProperty("history")[1].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Transition_NotAllowedNow_Returns409NamingPossibleActions()
    {
        var id = (await CreateAsync(admin.Http, accountId)).GetProperty("complaint").GetProperty("id").GetInt64();

        var problem = await HttpAssert.ProblemAsync(await admin.Http.PostAsync($"/api/v1/complaints/{id}/confirm", Json("""{"satisfaction":5}""")),
            HttpStatusCode.Conflict);

        Assert.Contains("possible now: acknowledge", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BadInput_Returns400NamingEachField()
    {
        var missing = await admin.Http.PostAsync("/api/v1/complaints", Json($$"""{"accountId":{{accountId}},"subject":""}"""));
        var problem = await HttpAssert.ProblemAsync(missing, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("category", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("severity", out _), errors.ToString());

        var badEnum = await admin.Http.PostAsync("/api/v1/complaints", Json($$"""{"accountId":{{accountId}},"category":"weather","severity":"low","subject":"x"}"""));
        Assert.Contains("product_quality", (await HttpAssert.FieldErrorAsync(badEnum, "category"))[0], StringComparison.Ordinal);

        var noSubject = await admin.Http.PostAsync("/api/v1/complaints", Json($$"""{"accountId":{{accountId}},"category":"service","severity":"low","subject":" "}"""));
        await HttpAssert.FieldErrorAsync(noSubject, "subject");

        var unknownAccount = await admin.Http.PostAsync("/api/v1/complaints", Json("""{"accountExternalId":"NO-SUCH","category":"service","severity":"low","subject":"x"}"""));
        Assert.Contains("NO-SUCH", (await HttpAssert.FieldErrorAsync(unknownAccount, "accountExternalId"))[0], StringComparison.Ordinal);

        var badPhase = await admin.Http.PostAsync("/api/v1/complaints", Json($$"""{"accountId":{{accountId}},"category":"service","severity":"low","subject":"x","phase":"lunch"}"""));
        await HttpAssert.FieldErrorAsync(badPhase, "phase");

        await HttpAssert.FieldErrorAsync(await admin.Http.GetAsync("/api/v1/complaints?status=lost"), "status");
        await HttpAssert.FieldErrorAsync(await admin.Http.GetAsync("/api/v1/complaints?pageSize=501"), "pageSize");
        await HttpAssert.FieldErrorAsync(await admin.Http.GetAsync("/api/v1/complaints/statistics?from=2026-02-01&to=2026-01-01"), "to");
    }

    [Fact]
    public async Task Access_OtherManagersComplaint_Is404AndViewerCannotWrite()
    {
        var id = (await CreateAsync(admin.Http, accountId)).GetProperty("complaint").GetProperty("id").GetInt64();
        var manager = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);
        var viewer = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        await HttpAssert.ProblemAsync(await manager.Http.GetAsync($"/api/v1/complaints/{id}"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await manager.Http.PostAsync($"/api/v1/complaints/{id}/acknowledge", Json("{}")), HttpStatusCode.NotFound);
        var list = await HttpAssert.JsonAsync(await manager.Http.GetAsync("/api/v1/complaints"));
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Http.PostAsync($"/api/v1/complaints/{id}/acknowledge", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Http.GetAsync($"/api/v1/complaints/{id}")).StatusCode);
        await HttpAssert.ProblemAsync(await admin.Http.GetAsync("/api/v1/complaints/987654321"), HttpStatusCode.NotFound);

        await app.ShareAccountAsync(accountId, manager.User.Id);
        Assert.Equal(HttpStatusCode.OK, (await manager.Http.GetAsync($"/api/v1/complaints/{id}")).StatusCode);
    }

    [Fact]
    public async Task ListAndStatistics_ConstructedSet_FiltersAndFigures()
    {
        var account = (await app.SeedAccountsAsync(1))[0];
        var now = DateTimeOffset.UtcNow;
        // A: critical, 30 days old, still open → overdue.
        var a = (await CreateAsync(admin.Http, account, "critical", now.AddDays(-30))).GetProperty("complaint").GetProperty("id").GetInt64();
        // B: 30 days old, resolved now → late.
        var b = (await CreateAsync(admin.Http, account, "medium", now.AddDays(-30), "invoicing")).GetProperty("complaint").GetProperty("id").GetInt64();
        // C: fresh, resolved, reopened, resolved again and confirmed with 4 → in time.
        var c = (await CreateAsync(admin.Http, account, "low", now.AddHours(-2))).GetProperty("complaint").GetProperty("id").GetInt64();
        foreach (var id in new[] { b, c })
        {
            await PostAsync(admin.Http, id, "acknowledge");
            await PostAsync(admin.Http, id, "start");
            await PostAsync(admin.Http, id, "resolve", """{"rootCause":"cause"}""");
        }
        await PostAsync(admin.Http, c, "reopen", """{"note":"still wrong"}""");
        await PostAsync(admin.Http, c, "resolve", """{"rootCause":"second cause"}""");
        await PostAsync(admin.Http, c, "confirm", """{"satisfaction":4}""");

        var overdue = await HttpAssert.JsonAsync(await admin.Http.GetAsync($"/api/v1/complaints?accountId={account}&overdue=true"));
        var item = Assert.Single(overdue.GetProperty("items").EnumerateArray());
        Assert.Equal(a, item.GetProperty("id").GetInt64());
        Assert.True(item.GetProperty("overdue").GetBoolean());
        var confirmedOnly = await HttpAssert.JsonAsync(await admin.Http.GetAsync($"/api/v1/complaints?accountId={account}&status=confirmed"));
        Assert.Equal(c, Assert.Single(confirmedOnly.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        var invoicing = await HttpAssert.JsonAsync(await admin.Http.GetAsync($"/api/v1/complaints?accountId={account}&category=invoicing&severity=medium"));
        Assert.Equal(b, Assert.Single(invoicing.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());

        var stats = await HttpAssert.JsonAsync(await admin.Http.GetAsync($"/api/v1/complaints/statistics?accountId={account}"));
        var total = stats.GetProperty("total");
        Assert.Equal((3, 1, 1, 2), (total.GetProperty("count").GetInt32(), total.GetProperty("open").GetInt32(),
            total.GetProperty("overdue").GetInt32(), total.GetProperty("resolved").GetInt32()));
        // Resolution times ~30 days (B) and ~2 hours (C): median ≈ 15.04 days.
        Assert.InRange(total.GetProperty("medianResolutionDays").GetDouble(), 15.0, 15.1);
        // B late, C in time, A open past its deadline: 1 of 3.
        Assert.Equal(0.3333, total.GetProperty("slaAdherence").GetDouble(), 4);
        Assert.Equal(0.5, total.GetProperty("reopenRate").GetDouble());
        Assert.Equal(4.0, total.GetProperty("meanHandlingSatisfaction").GetDouble());
        var categories = stats.GetProperty("byCategory").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["delivery"] = 2, ["invoicing"] = 1 }, categories);
        var touchpoint = Assert.Single(stats.GetProperty("byTouchpoint").EnumerateArray());
        Assert.Equal(("logistics", "Logistics", 3), (touchpoint.GetProperty("key").GetString(), touchpoint.GetProperty("name").GetString(), touchpoint.GetProperty("count").GetInt32()));
        Assert.Equal(3, stats.GetProperty("bySeverity").GetArrayLength());
        Assert.Equal("delivery", Assert.Single(stats.GetProperty("byPhase").EnumerateArray()).GetProperty("key").GetString());
    }

    [Fact]
    public async Task UpdateAndDelete_ChangeSeverityThenRemove()
    {
        var created = await CreateAsync(admin.Http, accountId, "low");
        var id = created.GetProperty("complaint").GetProperty("id").GetInt64();
        var due = created.GetProperty("complaint").GetProperty("dueAt").GetDateTimeOffset();

        var updated = await HttpAssert.JsonAsync(await admin.Http.PutAsync($"/api/v1/complaints/{id}", Json("""
            {"category":"service","severity":"critical","subject":"Hotline not answering","touchpoint":"technical_service","phase":"operation"}
            """)));

        Assert.Equal("critical", updated.GetProperty("complaint").GetProperty("severity").GetString());
        Assert.True(updated.GetProperty("complaint").GetProperty("dueAt").GetDateTimeOffset() < due);
        Assert.Equal("updated", updated.GetProperty("history").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/complaints/{id}")).StatusCode);
        await HttpAssert.ProblemAsync(await admin.Http.GetAsync($"/api/v1/complaints/{id}"), HttpStatusCode.NotFound);
    }
}
