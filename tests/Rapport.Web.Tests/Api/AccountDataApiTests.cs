using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Api;

/// <summary>Contacts, orders, interactions and contracts: CRUD, the shared CSV rules, scoping to the caller's accounts.</summary>
public sealed class AccountDataApiTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>, IAsyncLifetime
{
    private AuthenticatedClient admin = null!;
    private string account = "";
    private long accountId;

    public async Task InitializeAsync()
    {
        admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        var prefix = "D" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        accountId = (await app.SeedAccountsAsync(1, prefix))[0];
        account = prefix + "-00001";
    }

    public Task DisposeAsync()
    {
        admin.Http.Dispose();
        return Task.CompletedTask;
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Contacts_CreateUpdateDelete_KeepsConsentsAndInactiveDate()
    {
        var externalId = Unique("C");
        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/contacts"), Json($$"""
            {"externalId":"{{externalId}}","accountExternalId":"{{account}}","lastName":"Maier","firstName":"Eva","email":"eva.maier@example.com",
             "buyingRole":"buyer","consentSurveys":true}
            """)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(accountId, created.GetProperty("accountId").GetInt64());
        var consent = Assert.Single(created.GetProperty("consents").EnumerateArray());
        Assert.Equal("surveys", consent.GetProperty("purpose").GetString());
        Assert.Equal("api", consent.GetProperty("source").GetString());

        var updated = await HttpAssert.JsonAsync(await admin.Http.PutAsync(Url($"/api/v1/contacts/{id}"), Json($$"""
            {"externalId":"{{externalId}}","accountExternalId":"{{account}}","lastName":"Maier-Huber","active":false,"consentMarketing":false}
            """)));
        Assert.False(updated.GetProperty("isActive").GetBoolean());
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), updated.GetProperty("inactiveSince").GetString());
        Assert.Equal(2, updated.GetProperty("consents").GetArrayLength());

        var list = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/contacts?accountId={accountId}&search=maier&active=false")));
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync(Url($"/api/v1/contacts/{id}"))).StatusCode);
        await HttpAssert.ProblemAsync(await admin.Http.GetAsync(Url($"/api/v1/contacts/{id}")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Contacts_UnknownAccountAndBadEmail_Returns400NamingBoth()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/contacts"),
            Json("""{"externalId":"C-X","accountExternalId":"NO-SUCH-ACCOUNT","lastName":"X","email":"x at example"}"""));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _), errors.ToString());
        Assert.Contains("NO-SUCH-ACCOUNT", errors.GetProperty("accountExternalId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_CreateWithLines_ComputesTotalAndValidatesEachLine()
    {
        var orderId = Unique("O");
        var bad = await admin.Http.PostAsync(Url("/api/v1/orders"), Json($$"""
            {"orderId":"{{orderId}}","accountExternalId":"{{account}}","orderDate":"2024-05-02","currency":"EURO",
             "lines":[{"netAmount":10},{"productSku":"P-2"}]}
            """));
        var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(new HashSet<string> { "currency", "lines[1].netAmount" }, fields);

        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/orders"), Json($$"""
            {"orderId":"{{orderId}}","accountExternalId":"{{account}}","orderDate":"2024-05-02",
             "lines":[{"netAmount":10.5,"quantity":2,"productSku":"P-1","productCategory":"pumps"},{"netAmount":-0.5}]}
            """)), HttpStatusCode.Created);
        Assert.Equal(10m, created.GetProperty("netAmount").GetDecimal());
        Assert.Equal("EUR", created.GetProperty("currency").GetString());
        Assert.Equal([1, 2], created.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("lineNo").GetInt32()));

        await HttpAssert.ProblemAsync(await admin.Http.PostAsync(Url("/api/v1/orders"), Json($$"""
            {"orderId":"{{orderId}}","accountExternalId":"{{account}}","orderDate":"2024-05-02","lines":[{"netAmount":1}]}
            """)), HttpStatusCode.Conflict);

        var id = created.GetProperty("id").GetInt64();
        var replaced = await HttpAssert.JsonAsync(await admin.Http.PutAsync(Url($"/api/v1/orders/{id}"), Json($$"""
            {"orderId":"{{orderId}}","accountExternalId":"{{account}}","orderDate":"2024-05-03","lines":[{"netAmount":99}]}
            """)));
        Assert.Equal(99m, replaced.GetProperty("netAmount").GetDecimal());
        var list = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/orders?accountId={accountId}&from=2024-05-03&to=2024-05-03")));
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(1, item.GetProperty("lineCount").GetInt32());
        Assert.Equal(account, item.GetProperty("accountExternalId").GetString());
    }

    [Fact]
    public async Task Orders_UpdateMovingToAnotherAccount_MovesTheLinesToo()
    {
        var other = (await app.SeedAccountsAsync(1, "MV" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()))[0];
        var otherExternalId = await app.ScalarAsync<string>("SELECT external_id FROM accounts WHERE id = $1", other);
        var orderId = Unique("O");
        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/orders"), Json($$"""
            {"orderId":"{{orderId}}","accountExternalId":"{{account}}","orderDate":"2024-05-02","lines":[{"netAmount":10},{"netAmount":20}]}
            """)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();

        var moved = await HttpAssert.JsonAsync(await admin.Http.PutAsync(Url($"/api/v1/orders/{id}"), Json($$"""
            {"orderId":"{{orderId}}","accountExternalId":"{{otherExternalId}}","orderDate":"2024-05-02","lines":[{"netAmount":30}]}
            """)));

        Assert.Equal(other, moved.GetProperty("accountId").GetInt64());
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM order_lines WHERE order_id = $1 AND account_id = $2", id, other));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM order_lines WHERE account_id = $1 AND order_id = $2", accountId, id));
    }

    [Fact]
    public async Task Orders_NoLines_Returns400NamingLines()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/orders"),
            Json($$"""{"orderId":"{{Unique("O")}}","accountExternalId":"{{account}}","orderDate":"2024-05-02","lines":[]}"""));

        await HttpAssert.FieldErrorAsync(response, "lines");
    }

    [Fact]
    public async Task Interactions_CreateWithCodes_ResolvesTouchpointPhaseAndContact()
    {
        var contact = Unique("C");
        await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/contacts"),
            Json($$"""{"externalId":"{{contact}}","accountExternalId":"{{account}}","lastName":"Kurz"}""")), HttpStatusCode.Created);
        var body = $$"""
            {"accountExternalId":"{{account}}","occurredAt":"2024-06-01T09:30:00+02:00","channel":"visit","contactExternalId":"{{contact}}",
             "touchpoint":"field_service","phase":"delivery","direction":"outbound","subject":"Site visit"}
            """;

        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/interactions"), Json(body)), HttpStatusCode.Created);

        Assert.Equal("field_service", created.GetProperty("touchpoint").GetString());
        Assert.Equal("delivery", created.GetProperty("phase").GetString());
        Assert.Equal(contact, created.GetProperty("contactExternalId").GetString());
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 7, 30, 0, TimeSpan.Zero), created.GetProperty("occurredAt").GetDateTimeOffset());
        await HttpAssert.ProblemAsync(await admin.Http.PostAsync(Url("/api/v1/interactions"), Json(body)), HttpStatusCode.Conflict);
        var list = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/interactions?accountId={accountId}&channel=visit")));
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Interactions_UnknownCodes_Returns400ListingTheKnownOnes()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/interactions"), Json($$"""
            {"accountExternalId":"{{account}}","occurredAt":"2024-06-01","channel":"visit","touchpoint":"canteen","phase":"dreaming"}
            """));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("field_service", problem.GetProperty("errors").GetProperty("touchpoint")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("needs_analysis", problem.GetProperty("errors").GetProperty("phase")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactions_MissingChannel_Returns400NamingChannel()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/interactions"), Json($$"""{"accountExternalId":"{{account}}","occurredAt":"2024-06-01"}"""));

        await HttpAssert.FieldErrorAsync(response, "channel");
    }

    [Fact]
    public async Task Contracts_EndBeforeStart_Returns400NamingEndDate()
    {
        var response = await admin.Http.PostAsync(Url("/api/v1/contracts"), Json($$"""
            {"contractId":"{{Unique("K")}}","accountExternalId":"{{account}}","startDate":"2024-01-01","endDate":"2023-12-31"}
            """));

        await HttpAssert.FieldErrorAsync(response, "endDate");
    }

    [Fact]
    public async Task Contracts_CreateUpdate_ReportsOpenState()
    {
        var contractId = Unique("K");
        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/contracts"), Json($$"""
            {"contractId":"{{contractId}}","accountExternalId":"{{account}}","startDate":"2020-01-01","noticeDays":90,"autoRenew":true,"annualValue":5000}
            """)), HttpStatusCode.Created);
        Assert.True(created.GetProperty("isOpen").GetBoolean());

        var id = created.GetProperty("id").GetInt64();
        var terminated = await HttpAssert.JsonAsync(await admin.Http.PutAsync(Url($"/api/v1/contracts/{id}"), Json($$"""
            {"contractId":"{{contractId}}","accountExternalId":"{{account}}","startDate":"2020-01-01","terminatedOn":"2024-03-01"}
            """)));

        Assert.False(terminated.GetProperty("isOpen").GetBoolean());
        var open = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/contracts?accountId={accountId}&open=false")));
        Assert.Contains(open.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task AccountManager_ChildRecordsOfForeignAccounts_AreInvisibleAndUnwritable()
    {
        var contact = Unique("C");
        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/contacts"),
            Json($$"""{"externalId":"{{contact}}","accountExternalId":"{{account}}","lastName":"Fremd"}""")), HttpStatusCode.Created);
        var manager = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);

        var list = await HttpAssert.JsonAsync(await manager.Http.GetAsync(Url($"/api/v1/contacts?accountId={accountId}")));
        var get = await manager.Http.GetAsync(Url($"/api/v1/contacts/{created.GetProperty("id").GetInt64()}"));
        var post = await manager.Http.PostAsync(Url("/api/v1/contracts"),
            Json($$"""{"contractId":"{{Unique("K")}}","accountExternalId":"{{account}}","startDate":"2024-01-01"}"""));

        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
        await HttpAssert.ProblemAsync(get, HttpStatusCode.NotFound);
        await HttpAssert.FieldErrorAsync(post, "accountExternalId");
    }

    [Fact]
    public async Task Analyst_Write_Returns403()
    {
        var analyst = await app.CreateAuthenticatedClientAsync(UserRole.Analyst);

        var response = await analyst.Http.PostAsJsonAsync(Url("/api/v1/contacts"), new { externalId = "A-1", accountExternalId = account, lastName = "A" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Lists_BadPaging_Return400ForEveryResource()
    {
        foreach (var resource in new[] { "contacts", "orders", "interactions", "contracts", "tokens" })
        {
            var response = await admin.Http.GetAsync(Url($"/api/v1/{resource}?pageSize=501"));
            await HttpAssert.FieldErrorAsync(response, "pageSize");
        }
    }
}
