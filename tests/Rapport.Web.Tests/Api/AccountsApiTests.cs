using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Api;

public sealed class AccountsApiTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>, IAsyncLifetime
{
    private AuthenticatedClient admin = null!;
    private long[] seeded = [];
    private string prefix = "";

    public async Task InitializeAsync()
    {
        admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        prefix = "Q" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        seeded = await app.SeedAccountsAsync(120, prefix);
    }

    public Task DisposeAsync()
    {
        admin.Http.Dispose();
        return Task.CompletedTask;
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task List_NoCredentials_Returns401ProblemDetails()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(Url("/api/v1/accounts"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnknownToken_Returns401ProblemDetails()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "rpt_" + new string('A', 43));

        var response = await client.GetAsync(Url("/api/v1/accounts"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task List_WithToken_ReturnsPagedListWithExactItemShape()
    {
        var response = await admin.Http.GetAsync(Url($"/api/v1/accounts?search={prefix}&page=2&pageSize=50"));

        var body = await HttpAssert.JsonAsync(response);
        Assert.Equal(["items", "page", "pageSize", "totalCount"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, body.GetProperty("page").GetInt32());
        Assert.Equal(50, body.GetProperty("pageSize").GetInt32());
        Assert.Equal(120, body.GetProperty("totalCount").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(50, items.Count);
        Assert.Equal(
            ["id", "externalId", "name", "industry", "country", "businessType", "keyAccount", "segment", "lifecyclePhase", "ownerEmail"],
            items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal($"{prefix} 00051", items[0].GetProperty("name").GetString());
        Assert.Equal($"{prefix}-00051", items[0].GetProperty("externalId").GetString());
        Assert.Contains(items[0].GetProperty("segment").GetString(), new[] { "prospect", "new", "regular", "lost" });
    }

    [Fact]
    public async Task List_LastPartialPage_ReturnsRemainder()
    {
        var body = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/accounts?search={prefix}&page=3&pageSize=50")));

        Assert.Equal(20, body.GetProperty("items").GetArrayLength());
        Assert.Equal(120, body.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("segment=vip", "segment")]
    [InlineData("keyAccount=maybe", "keyAccount")]
    [InlineData("sort=colour", "sort")]
    public async Task List_BadQueryParameter_Returns400NamingIt(string query, string field)
    {
        var response = await admin.Http.GetAsync(Url("/api/v1/accounts?" + query));

        await HttpAssert.FieldErrorAsync(response, field);
    }

    [Fact]
    public async Task List_PageSize500_IsAccepted()
    {
        var body = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/accounts?search={prefix}&pageSize=500")));

        Assert.Equal(120, body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task List_SearchByExternalIdPrefixCaseInsensitive_FindsTheAccount()
    {
        var body = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/accounts?search={prefix.ToLowerInvariant()}-00007")));

        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(seeded[6], item.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task List_SearchWithLikeWildcards_MatchesLiterally()
    {
        var body = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/accounts?search={prefix}%25_")));

        Assert.Equal(0, body.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task List_Filters_CombineSegmentBusinessTypeAndKeyAccount()
    {
        // Seeded g: segment = g % 4, business type = g % 4, key account = g % 10 == 0 → g ≡ 0 mod 20 are regular? No: index 1 + g % 4.
        var body = await HttpAssert.JsonAsync(await admin.Http.GetAsync(
            Url($"/api/v1/accounts?search={prefix}&segment=prospect&businessType=product&keyAccount=true&pageSize=500")));

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(6, items.Count); // g in 1..120 with g % 4 == 0 and g % 10 == 0: 20, 40, …, 120
        Assert.All(items, i =>
        {
            Assert.Equal("prospect", i.GetProperty("segment").GetString());
            Assert.Equal("product", i.GetProperty("businessType").GetString());
            Assert.True(i.GetProperty("keyAccount").GetBoolean());
        });
    }

    [Fact]
    public async Task List_SortDescendingByName_ReversesOrder()
    {
        var body = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/accounts?search={prefix}&sort=-name&pageSize=2")));

        Assert.Equal([$"{prefix} 00120", $"{prefix} 00119"], body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Get_UnknownId_Returns404ProblemDetails()
    {
        var response = await admin.Http.GetAsync(Url("/api/v1/accounts/999999999"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_ExistingAccount_ReturnsContactsAndKeyFigures()
    {
        var externalId = "KF-" + Guid.NewGuid().ToString("N")[..8];
        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/accounts"),
            Json($$"""{"externalId":"{{externalId}}","name":"Key Figures GmbH","businessType":"plant","keyAccount":true}""")), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        var today = DateTime.UtcNow.Date;
        await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/contacts"), Json($$"""
            {"externalId":"{{externalId}}-C1","accountExternalId":"{{externalId}}","lastName":"Berger","buyingRole":"decider","active":true}
            """)), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/orders"), Json($$"""
            {"orderId":"{{externalId}}-O1","accountExternalId":"{{externalId}}","orderDate":"{{today.AddDays(-10):yyyy-MM-dd}}",
             "lines":[{"netAmount":1000.50,"productSku":"P-1"},{"netAmount":-200.25}]}
            """)), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/orders"), Json($$"""
            {"orderId":"{{externalId}}-O0","accountExternalId":"{{externalId}}","orderDate":"{{today.AddYears(-2):yyyy-MM-dd}}","lines":[{"netAmount":5000}]}
            """)), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/contracts"), Json($$"""
            {"contractId":"{{externalId}}-K1","accountExternalId":"{{externalId}}","startDate":"{{today.AddYears(-1):yyyy-MM-dd}}","annualValue":12000}
            """)), HttpStatusCode.Created);

        var detail = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/accounts/{id}")));

        var contact = Assert.Single(detail.GetProperty("contacts").EnumerateArray());
        Assert.Equal("decider", contact.GetProperty("buyingRole").GetString());
        Assert.True(contact.GetProperty("isActive").GetBoolean());
        var figures = detail.GetProperty("keyFigures");
        Assert.Equal(800.25m, figures.GetProperty("revenueLast12Months").GetDecimal());
        Assert.Equal(2, figures.GetProperty("orderCount").GetInt32());
        Assert.Equal(today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), figures.GetProperty("lastOrderDate").GetString());
        Assert.Equal(1, figures.GetProperty("openContracts").GetInt32());
        Assert.Equal("plant", detail.GetProperty("businessType").GetString());
    }

    [Fact]
    public async Task Create_EmptyName_Returns400NamingName()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/accounts"), Json("""{"externalId":"X-EMPTY","name":"  "}"""));

        await HttpAssert.FieldErrorAsync(response, "name");
    }

    [Fact]
    public async Task Create_SeveralBrokenRules_ReportsEveryField()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/accounts"),
            Json("""{"name":"Broken","employees":-3,"ownerEmail":"not-an-address","acquisitionCost":-1}"""));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "externalId", "employees", "ownerEmail", "acquisitionCost" }, fields);
    }

    [Theory]
    [InlineData("""{"externalId":"X","name":""", "$")]
    [InlineData("""not json""", "$")]
    [InlineData("""{"externalId":"X","name":"N","employees":"many"}""", "employees")]
    [InlineData("""{"externalId":"X","name":"N","keyAccount":"yes please"}""", "keyAccount")]
    [InlineData("""{"externalId":"X","name":"N","businessType":"spaceship"}""", "businessType")]
    [InlineData("""{"externalId":"X","name":"N","acquiredOn":"31.12.2020"}""", "acquiredOn")]
    public async Task Create_MalformedJsonOrWrongType_Returns400NamingTheField(string json, string field)
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/accounts"), Json(json));

        var messages = await HttpAssert.FieldErrorAsync(response, field);
        Assert.DoesNotContain(messages, m => m.Contains("System.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_EmptyBody_Returns400ForTheBody()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/accounts"), Json(""));

        await HttpAssert.FieldErrorAsync(response, "$");
    }

    [Fact]
    public async Task Create_NotJson_Returns415ProblemDetails()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/accounts"), new StringContent("name=x", Encoding.UTF8, "text/plain"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task UnknownApiRoute_Authenticated_Returns404ProblemDetails()
    {
        var response = await admin.Http.GetAsync(Url("/api/v1/no-such-resource"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_UnknownEnumValue_ListsTheAllowedValues()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/accounts"), Json("""{"externalId":"X","name":"N","businessType":"spaceship"}"""));

        var messages = await HttpAssert.FieldErrorAsync(response, "businessType");
        Assert.Contains("product, plant, system, supplier", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DuplicateExternalId_Returns409ProblemDetails()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/accounts"), Json($$"""{"externalId":"{{prefix}}-00001","name":"Again"}"""));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains($"{prefix}-00001", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUpdateDelete_Account_RoundTripsAndWritesTheAuditLog()
    {
        var externalId = "CRUD-" + Guid.NewGuid().ToString("N")[..8];
        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/accounts"),
            Json($$"""{"externalId":"{{externalId}}","name":"Crud AG","country":"DE","employees":120,"acquisitionChannel":"trade_fair"}""")),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("trade_fair", created.GetProperty("acquisitionChannel").GetString());

        var updated = await HttpAssert.JsonAsync(await admin.Http.PutAsync(Url($"/api/v1/accounts/{id}"),
            Json($$"""{"externalId":"{{externalId}}","name":"Crud AG & Co. KG","country":"AT","employees":130}""")));
        Assert.Equal("Crud AG & Co. KG", updated.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("acquisitionChannel").ValueKind);

        var deleted = await admin.Http.DeleteAsync(Url($"/api/v1/accounts/{id}"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await HttpAssert.ProblemAsync(await admin.Http.GetAsync(Url($"/api/v1/accounts/{id}")), HttpStatusCode.NotFound);

        var actions = await app.ScalarAsync<string>(
            "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE entity = 'account' AND entity_id = $1", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("create,update,delete", actions);
        var change = await app.ScalarAsync<string>(
            "SELECT details->'changes'->'name'->>'to' FROM audit_log WHERE entity = 'account' AND entity_id = $1 AND action = 'update'",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Crud AG & Co. KG", change);
        Assert.Equal(admin.User.Email, await app.ScalarAsync<string>(
            "SELECT actor FROM audit_log WHERE entity = 'account' AND entity_id = $1 AND action = 'delete'", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Update_ParentCycle_Returns400NamingParent()
    {
        var a = await HttpAssert.JsonAsync(await admin.Http.PostAsJsonAsync(Url("/api/v1/accounts"),
            new { externalId = "CYC-A-" + prefix, name = "A" }), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await admin.Http.PostAsJsonAsync(Url("/api/v1/accounts"),
            new { externalId = "CYC-B-" + prefix, name = "B", parentExternalId = "CYC-A-" + prefix }), HttpStatusCode.Created);

        var response = await admin.Http.PutAsJsonAsync(Url($"/api/v1/accounts/{a.GetProperty("id").GetInt64()}"),
            new { externalId = "CYC-A-" + prefix, name = "A", parentExternalId = "CYC-B-" + prefix });

        await HttpAssert.FieldErrorAsync(response, "parentExternalId");
    }

    [Fact]
    public async Task Create_AsViewer_Returns403ProblemDetails()
    {
        var viewer = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        var response = await viewer.Http.PostAsync(Url("/api/v1/accounts"), Json("""{"externalId":"VIEW-1","name":"Viewer's"}"""));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
        var list = await viewer.Http.GetAsync(Url($"/api/v1/accounts?search={prefix}"));
        Assert.Equal(120, (await HttpAssert.JsonAsync(list)).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task List_AsAccountManager_SeesOnlyOwnAndSharedAccounts()
    {
        var manager = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);
        var ownPrefix = "AM" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var own = await app.SeedAccountsAsync(3, ownPrefix, manager.User.Id);
        await app.ShareAccountAsync(seeded[0], manager.User.Id);

        var body = await HttpAssert.JsonAsync(await manager.Http.GetAsync(Url("/api/v1/accounts?pageSize=500")));

        var ids = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Order().ToArray();
        Assert.Equal(own.Append(seeded[0]).Order().ToArray(), ids);
        Assert.Equal(4, body.GetProperty("totalCount").GetInt32());
        await HttpAssert.ProblemAsync(await manager.Http.GetAsync(Url($"/api/v1/accounts/{seeded[1]}")), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await manager.Http.GetAsync(Url($"/api/v1/accounts/{seeded[0]}"))).StatusCode);
        var mine = await HttpAssert.JsonAsync(await manager.Http.GetAsync(Url("/api/v1/accounts?owner=me")));
        Assert.Equal(3, mine.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Update_AccountManagerOnForeignAccount_Returns404()
    {
        var manager = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);

        var response = await manager.Http.PutAsJsonAsync(Url($"/api/v1/accounts/{seeded[5]}"), new { externalId = $"{prefix}-00006", name = "Taken over" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_AsAccountManager_OwnsTheNewAccount()
    {
        var manager = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);

        var created = await HttpAssert.JsonAsync(await manager.Http.PostAsJsonAsync(Url("/api/v1/accounts"),
            new { externalId = "AMNEW-" + prefix, name = "Managed GmbH" }), HttpStatusCode.Created);

        Assert.Equal(manager.User.Email, created.GetProperty("ownerEmail").GetString());
    }
}
