using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Api;

/// <summary><c>/api/v1/loyalty</c> and <c>/api/v1/account-plans</c> through the real pipeline.</summary>
public sealed class LoyaltyAndPlansApiTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>, IAsyncLifetime
{
    private AuthenticatedClient admin = null!;
    private AuthenticatedClient manager = null!;

    public async Task InitializeAsync()
    {
        admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        manager = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);
    }

    public Task DisposeAsync()
    {
        admin.Http.Dispose();
        manager.Http.Dispose();
        return Task.CompletedTask;
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<int> RewardAsync(int cost)
    {
        var created = await admin.Http.PostAsJsonAsync(Url("/api/v1/loyalty/rewards"),
            new { kind = "training", nameEn = $"Training day {Guid.NewGuid():N}", nameDe = "Schulungstag", pointsCost = cost, stock = 5 });
        return (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task GrantAndRedeem_OwnAccount_BalanceLedgerAndStatementAgreeAnd409WhenShort()
    {
        var account = (await app.SeedAccountsAsync(1, ownerId: manager.User.Id))[0];
        var reward = await RewardAsync(300);

        await HttpAssert.JsonAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/enrolment"), new { }), HttpStatusCode.Created);
        var grant = await HttpAssert.JsonAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/grants"),
            new { points = 500, reason = "Goodwill" }), HttpStatusCode.Created);
        var redeemed = await HttpAssert.JsonAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/redemptions"),
            new { rewardId = reward, note = "For the maintenance team" }), HttpStatusCode.Created);
        var short_ = await HttpAssert.ProblemAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/redemptions"),
            new { rewardId = reward }), HttpStatusCode.Conflict);

        Assert.Equal(500, grant.GetProperty("balance").GetInt64());
        Assert.Equal(200, redeemed.GetProperty("balance").GetInt64());
        Assert.Equal("redeemed", redeemed.GetProperty("status").GetString());
        Assert.Equal("insufficient_balance", short_.GetProperty("code").GetString());

        var status = await HttpAssert.JsonAsync(await manager.Http.GetAsync(Url($"/api/v1/loyalty/accounts/{account}")));
        Assert.True(status.GetProperty("enrolled").GetBoolean());
        Assert.Equal(200, status.GetProperty("balance").GetInt64());

        var ledger = await HttpAssert.JsonAsync(await manager.Http.GetAsync(Url($"/api/v1/loyalty/accounts/{account}/ledger?pageSize=10")));
        var entries = ledger.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(2, ledger.GetProperty("totalCount").GetInt32());
        Assert.Equal(["redeem", "grant"], entries.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal([200L, 500L], entries.Select(e => e.GetProperty("balanceAfter").GetInt64()));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var statement = await HttpAssert.JsonAsync(await manager.Http.GetAsync(
            Url($"/api/v1/loyalty/accounts/{account}/statement?from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}")));
        Assert.Equal(0, statement.GetProperty("openingBalance").GetInt64());
        Assert.Equal(200, statement.GetProperty("closingBalance").GetInt64());
        Assert.Equal(300, statement.GetProperty("totals").GetProperty("redeemed").GetInt64());
    }

    [Fact]
    public async Task LoyaltyEndpoints_BadInput_400NamingTheField()
    {
        var account = (await app.SeedAccountsAsync(1, ownerId: manager.User.Id))[0];
        await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/enrolment"), new { });
        var grants = Url($"/api/v1/loyalty/accounts/{account}/grants");

        await HttpAssert.FieldErrorAsync(await manager.Http.PostAsync(grants, Json("""{"points": "many", "reason": "x"}""")), "points");
        await HttpAssert.FieldErrorAsync(await manager.Http.PostAsJsonAsync(grants, new { points = 0, reason = "x" }), "points");
        await HttpAssert.FieldErrorAsync(await manager.Http.PostAsJsonAsync(grants, new { points = 10 }), "reason");
        await HttpAssert.FieldErrorAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/redemptions"), new { quantity = 1 }), "rewardId");
        await HttpAssert.FieldErrorAsync(await manager.Http.GetAsync(Url($"/api/v1/loyalty/accounts/{account}/statement?to=2025-01-31")), "from");
        await HttpAssert.FieldErrorAsync(await manager.Http.GetAsync(Url($"/api/v1/loyalty/accounts/{account}/statement?from=2025-02-01&to=2025-01-31")), "to");
        await HttpAssert.FieldErrorAsync(await manager.Http.GetAsync(Url($"/api/v1/loyalty/accounts/{account}/statement?from=yesterday&to=2025-01-31")), "from");
        await HttpAssert.FieldErrorAsync(await manager.Http.GetAsync(Url($"/api/v1/loyalty/accounts/{account}/ledger?pageSize=501")), "pageSize");
        await HttpAssert.FieldErrorAsync(await admin.Http.PostAsJsonAsync(Url("/api/v1/loyalty/rewards"),
            new { kind = "cash", nameEn = "Cash", nameDe = "Bargeld", pointsCost = 10 }), "kind");
        await HttpAssert.FieldErrorAsync(await admin.Http.PostAsJsonAsync(Url("/api/v1/loyalty/rewards"),
            new { kind = "event", nameEn = "Ticket", nameDe = "Ticket", pointsCost = -5 }), "pointsCost");
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM loyalty_ledger WHERE account_id = $1", account));
    }

    [Fact]
    public async Task LoyaltyEndpoints_OtherManagersAccountOrViewer_NotFoundOrForbidden()
    {
        var colleague = await app.CreateUserAsync(UserRole.AccountManager);
        var account = (await app.SeedAccountsAsync(1, ownerId: colleague.Id))[0];
        await admin.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/enrolment"), new { });
        var viewer = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        await HttpAssert.ProblemAsync(await manager.Http.GetAsync(Url($"/api/v1/loyalty/accounts/{account}")), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/grants"),
            new { points = 5, reason = "x" }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/grants"),
            new { points = 5, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.Http.PostAsJsonAsync(Url("/api/v1/loyalty/rewards"),
            new { kind = "event", nameEn = "Ticket", nameDe = "Ticket", pointsCost = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Http.GetAsync(Url($"/api/v1/loyalty/accounts/{account}"))).StatusCode);
        viewer.Http.Dispose();
    }

    [Fact]
    public async Task Rewards_AdminCrud_RedeemedRewardCannotBeDeleted()
    {
        var account = (await app.SeedAccountsAsync(1, ownerId: manager.User.Id))[0];
        var reward = await RewardAsync(10);
        var unused = await RewardAsync(20);
        await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/enrolment"), new { });
        await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/grants"), new { points = 10, reason = "x" });
        await HttpAssert.JsonAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/redemptions"), new { rewardId = reward }),
            HttpStatusCode.Created);

        var updated = await HttpAssert.JsonAsync(await admin.Http.PutAsJsonAsync(Url($"/api/v1/loyalty/rewards/{reward}"),
            new { kind = "training", nameEn = $"Renamed {reward}", nameDe = "Umbenannt", pointsCost = 15, isActive = false }));
        var deleteRedeemed = await admin.Http.DeleteAsync(Url($"/api/v1/loyalty/rewards/{reward}"));
        var deleteUnused = await admin.Http.DeleteAsync(Url($"/api/v1/loyalty/rewards/{unused}"));

        Assert.False(updated.GetProperty("isActive").GetBoolean());
        Assert.Equal(15, updated.GetProperty("pointsCost").GetInt32());
        await HttpAssert.ProblemAsync(deleteRedeemed, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, deleteUnused.StatusCode);
        await HttpAssert.ProblemAsync(await admin.Http.GetAsync(Url($"/api/v1/loyalty/rewards/{unused}")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Earn_AdminRun_OrdersOfMembersEarnOnce()
    {
        var account = (await app.SeedAccountsAsync(1, ownerId: manager.User.Id))[0];
        await app.ExecuteAsync("INSERT INTO earn_rules (name, points_per_eur, active_from) SELECT 'api test', 0.1, '2000-01-01' WHERE NOT EXISTS (SELECT 1 FROM earn_rules)");
        await HttpAssert.JsonAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/loyalty/accounts/{account}/enrolment"),
            new { enrolledOn = "2024-01-01" }), HttpStatusCode.Created);
        var order = await HttpAssert.JsonAsync(await manager.Http.PostAsJsonAsync(Url("/api/v1/orders"), new
        {
            orderId = $"API-{Guid.NewGuid():N}",
            accountExternalId = await app.ScalarAsync<string>("SELECT external_id FROM accounts WHERE id = $1", account),
            orderDate = "2024-06-01",
            lines = new[] { new { netAmount = 1_000m } },
        }), HttpStatusCode.Created);

        var first = await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/loyalty/earn"), null));
        var second = await HttpAssert.JsonAsync(await admin.Http.PostAsync(Url("/api/v1/loyalty/earn"), null));

        Assert.True(first.GetProperty("orders").GetInt32() >= 1);
        Assert.Equal(0, second.GetProperty("orders").GetInt32());
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM loyalty_ledger WHERE kind = 'earn' AND order_id = $1", order.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.Http.PostAsync(Url("/api/v1/loyalty/earn"), null)).StatusCode);
    }

    [Fact]
    public async Task AccountPlans_KeyAccountOnlyActionsAsTasksReviewsAndFieldErrors()
    {
        var accounts = await app.SeedAccountsAsync(2, ownerId: manager.User.Id);
        await app.ExecuteAsync("UPDATE accounts SET key_account = (id = $1) WHERE id = ANY($2)", accounts[0], accounts);

        await HttpAssert.FieldErrorAsync(await manager.Http.PostAsJsonAsync(Url("/api/v1/account-plans"), new { accountId = accounts[1] }), "accountId");
        var created = await manager.Http.PostAsJsonAsync(Url("/api/v1/account-plans"), new { accountId = accounts[0], reviewCadenceDays = 60 });
        var plan = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        var planId = plan.GetProperty("plan").GetProperty("id").GetInt64();
        await HttpAssert.ProblemAsync(await manager.Http.PostAsJsonAsync(Url("/api/v1/account-plans"), new { accountId = accounts[0] }), HttpStatusCode.Conflict);

        await HttpAssert.FieldErrorAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/account-plans/{planId}/assessments"),
            new { level = "trust", layer = "inner", score = 3 }), "layer");
        await HttpAssert.FieldErrorAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/account-plans/{planId}/actions"), new { dueOn = "2030-01-01" }), "title");
        await HttpAssert.FieldErrorAsync(await manager.Http.PostAsync(Url($"/api/v1/account-plans/{planId}/reviews"), Json("""{"reviewedOn": "soon"}""")), "reviewedOn");
        await HttpAssert.FieldErrorAsync(await manager.Http.PutAsJsonAsync(Url($"/api/v1/account-plans/{planId}"), new { reviewCadenceDays = 2 }), "reviewCadenceDays");

        await HttpAssert.JsonAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/account-plans/{planId}/assessments"),
            new { level = "trust", layer = "deep", score = 2, note = "Decider left" }), HttpStatusCode.Created);
        var action = await HttpAssert.JsonAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/account-plans/{planId}/actions"),
            new { title = "Meet the new technical director", dueOn = "2030-01-15" }), HttpStatusCode.Created);
        var review = await HttpAssert.JsonAsync(await manager.Http.PostAsJsonAsync(Url($"/api/v1/account-plans/{planId}/reviews"), new { note = "On track" }),
            HttpStatusCode.Created);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(today.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), review.GetProperty("nextReviewOn").GetString());
        var detail = await HttpAssert.JsonAsync(await manager.Http.GetAsync(Url($"/api/v1/account-plans/{planId}")));
        var listedAction = Assert.Single(detail.GetProperty("actions").EnumerateArray());
        Assert.Equal("open", listedAction.GetProperty("taskStatus").GetString());
        Assert.Equal(manager.User.Id, listedAction.GetProperty("ownerUserId").GetInt64());
        Assert.Equal(2, detail.GetProperty("assessments")[0].GetProperty("score").GetInt32());
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE origin = 'plan' AND origin_key = $1 AND owner_user_id = $2",
            $"plan-action:{action.GetProperty("id").GetInt64()}", manager.User.Id));

        var list = await HttpAssert.JsonAsync(await manager.Http.GetAsync(Url($"/api/v1/account-plans?accountId={accounts[0]}&status=active")));
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());
        await HttpAssert.FieldErrorAsync(await manager.Http.GetAsync(Url("/api/v1/account-plans?status=sleeping")), "status");

        var other = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);
        await HttpAssert.ProblemAsync(await other.Http.GetAsync(Url($"/api/v1/account-plans/{planId}")), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await other.Http.PostAsJsonAsync(Url($"/api/v1/account-plans/{planId}/goals"), new { title = "x" }), HttpStatusCode.NotFound);
        other.Http.Dispose();
    }
}
