using System.Globalization;
using System.Net;
using System.Text.Json;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Retention;

/// <summary>The retention routes on the demo company (400 accounts, with contracts) through the real HTTP pipeline.</summary>
public sealed class RetentionApiTests(DemoCompanyApp app) : IClassFixture<DemoCompanyApp>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly QuarterStart => new(DemoCompanyApp.Today.Year, ((DemoCompanyApp.Today.Month - 1) / 3 * 3) + 1, 1);

    [Fact]
    public async Task Kpis_AdminOnDemoCompany_ChurnIsOneMinusRetentionAndBreakdownsAddUp()
    {
        var admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        var from = QuarterStart.AddMonths(-3);

        var body = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url(
            $"/api/v1/analytics/kpis?from={Iso(from)}&to={Iso(QuarterStart)}&groupBy=segment,businessType")));

        var retention = body.GetProperty("retentionRate").GetDouble();
        Assert.InRange(retention, 0.5, 1);
        Assert.Equal(1 - retention, body.GetProperty("churnRate").GetDouble());
        Assert.Equal(Iso(from), body.GetProperty("from").GetString());
        Assert.Equal(365, body.GetProperty("activeWindowDays").GetInt32());
        Assert.True(body.GetProperty("customersAtStart").GetInt32() > 100);
        Assert.True(body.GetProperty("revenue").GetDecimal() > 0);
        var groups = body.GetProperty("groups").EnumerateArray().ToList();
        foreach (var groupBy in new[] { "segment", "businessType" })
        {
            var of = groups.Where(g => g.GetProperty("groupBy").GetString() == groupBy).ToList();
            Assert.NotEmpty(of);
            Assert.Equal(body.GetProperty("customersAtStart").GetInt32(), of.Sum(g => g.GetProperty("customersAtStart").GetInt32()));
            Assert.Equal(body.GetProperty("revenue").GetDecimal(), of.Sum(g => g.GetProperty("revenue").GetDecimal()));
        }
        var total = body.GetProperty("acquisition").EnumerateArray().Single(a => a.GetProperty("channel").GetString() == "total");
        Assert.Equal(body.GetProperty("newCustomers").GetInt32(), total.GetProperty("newCustomers").GetInt32());
    }

    [Theory]
    [InlineData("from=2025-13-01&to=2026-01-01", "from")]
    [InlineData("to=2026-01-01", "from")]
    [InlineData("from=2025-01-01", "to")]
    [InlineData("from=2025-01-01&to=2025-01-01", "to")]
    [InlineData("from=2025-02-01&to=2025-01-01", "to")]
    [InlineData("from=2025-01-01&to=2025-04-01&activeWindowDays=0", "activeWindowDays")]
    [InlineData("from=2025-01-01&to=2025-04-01&activeWindowDays=many", "activeWindowDays")]
    [InlineData("from=2025-01-01&to=2025-04-01&segment=vip", "segment")]
    [InlineData("from=2025-01-01&to=2025-04-01&businessType=retail", "businessType")]
    [InlineData("from=2025-01-01&to=2025-04-01&groupBy=region", "groupBy")]
    public async Task Kpis_BadInput_400NamingTheParameter(string query, string field)
    {
        var viewer = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        var messages = await HttpAssert.FieldErrorAsync(await viewer.Http.GetAsync(Url("/api/v1/analytics/kpis?" + query)), field);

        Assert.Contains(messages, m => m.Contains(field, StringComparison.Ordinal) || m.Contains("date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trend_EightQuarters_ConsecutiveAndLastEqualsThePeriodRoute()
    {
        var analyst = await app.CreateAuthenticatedClientAsync(UserRole.Analyst);

        var trend = await HttpAssert.JsonAsync(await analyst.Http.GetAsync(Url($"/api/v1/analytics/kpis/trend?to={Iso(QuarterStart)}&unit=quarter")));
        var single = await HttpAssert.JsonAsync(await analyst.Http.GetAsync(Url($"/api/v1/analytics/kpis?from={Iso(QuarterStart.AddMonths(-3))}&to={Iso(QuarterStart)}")));

        var periods = trend.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal("quarter", trend.GetProperty("unit").GetString());
        Assert.Equal(8, periods.Count);
        for (var i = 1; i < periods.Count; i++)
        {
            Assert.Equal(periods[i - 1].GetProperty("to").GetString(), periods[i].GetProperty("from").GetString());
        }
        Assert.Equal(single.GetProperty("retentionRate").GetDouble(), periods[^1].GetProperty("retentionRate").GetDouble());
        Assert.Equal(single.GetProperty("revenue").GetDecimal(), periods[^1].GetProperty("revenue").GetDecimal());
        await HttpAssert.FieldErrorAsync(await analyst.Http.GetAsync(Url("/api/v1/analytics/kpis/trend?unit=decade")), "unit");
        await HttpAssert.FieldErrorAsync(await analyst.Http.GetAsync(Url("/api/v1/analytics/kpis/trend?periods=0")), "periods");
    }

    [Fact]
    public async Task Kpis_AccountManager_CountsOnlyOwnAndSharedAccounts()
    {
        var admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        var managerId = await app.ScalarAsync<long>("SELECT owner_user_id FROM accounts WHERE owner_user_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        var manager = await app.CreateAuthenticatedClientAsync(new TestUser(managerId, "", UserRole.AccountManager, ""));
        var query = $"/api/v1/analytics/kpis?from={Iso(QuarterStart.AddMonths(-12))}&to={Iso(QuarterStart)}";

        var all = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url(query)));
        var own = await HttpAssert.JsonAsync(await manager.Http.GetAsync(Url(query)));

        Assert.InRange(own.GetProperty("customersAtStart").GetInt32(), 1, all.GetProperty("customersAtStart").GetInt32() - 1);
        Assert.True(own.GetProperty("revenue").GetDecimal() < all.GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task Leads_DemoCompany_ScoredProspectsWithTopFeaturesAndModelQuality()
    {
        var analyst = await app.CreateAuthenticatedClientAsync(UserRole.Analyst);

        var body = await HttpAssert.JsonAsync(await analyst.Http.GetAsync(Url("/api/v1/acquisition/leads?pageSize=500")));

        var model = body.GetProperty("model");
        Assert.True(model.ValueKind == JsonValueKind.Object, body.GetProperty("unavailableReason").ToString());
        Assert.True(model.GetProperty("won").GetInt32() >= 5 && model.GetProperty("lost").GetInt32() >= 5);
        Assert.InRange(model.GetProperty("auc").GetDouble(), 0, 1);
        Assert.Equal("revenue_12m", body.GetProperty("valueBasis").GetString());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.Equal(body.GetProperty("totalCount").GetInt32(), items.Count);
        var scores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.All(items, i =>
        {
            Assert.InRange(i.GetProperty("score").GetDouble(), 0, 1);
            Assert.True(i.GetProperty("expectedValue").GetDouble() > 0);
            Assert.Equal(i.GetProperty("score").GetDouble() * i.GetProperty("expectedValue").GetDouble(), i.GetProperty("valueWeightedScore").GetDouble(), 6);
            var features = i.GetProperty("topFeatures").EnumerateArray().ToList();
            Assert.InRange(features.Count, 1, 3);
            Assert.All(features, f => Assert.False(string.IsNullOrEmpty(f.GetProperty("feature").GetString())));
        });
    }

    [Fact]
    public async Task LookAlikes_DemoCompany_ProspectsMostSimilarFirstWithTheirNearestCustomer()
    {
        var viewer = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        var body = await HttpAssert.JsonAsync(await viewer.Http.GetAsync(Url("/api/v1/acquisition/lookalikes?pageSize=10")));

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(10, items.Count);
        Assert.True(body.GetProperty("totalCount").GetInt32() >= 30);
        Assert.True(body.GetProperty("referenceCustomers").GetInt32() > 100);
        var similarities = items.Select(i => i.GetProperty("similarity").GetDouble()).ToList();
        Assert.Equal(similarities.OrderByDescending(s => s), similarities);
        Assert.All(items, i => Assert.NotEqual(i.GetProperty("account").GetProperty("id").GetInt64(), i.GetProperty("mostSimilarCustomer").GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task CrossSell_DemoAccounts_SuggestionsWithReasonAndInvisibleAccount404()
    {
        var admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        var ids = new List<long>();
        for (var page = 1; page <= 2; page++)
        {
            var list = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/accounts?segment=regular&pageSize=100&page={page}")));
            ids.AddRange(list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        }
        var suggested = 0;
        foreach (var id in ids.Take(60))
        {
            var body = await HttpAssert.JsonAsync(await admin.Http.GetAsync(Url($"/api/v1/accounts/{id}/cross-sell")));
            Assert.Equal(id, body.GetProperty("accountId").GetInt64());
            foreach (var s in body.GetProperty("items").EnumerateArray())
            {
                suggested++;
                Assert.True(s.GetProperty("lift").GetDouble() > 1);
                Assert.InRange(s.GetProperty("confidence").GetDouble(), 0, 1);
                Assert.InRange(s.GetProperty("support").GetDouble(), 0, 1);
                Assert.Contains(s.GetProperty("category").GetString()!, s.GetProperty("reason").GetString(), StringComparison.Ordinal);
                Assert.NotEqual(s.GetProperty("category").GetString(), s.GetProperty("becauseOf").GetString());
            }
        }
        Assert.True(suggested > 0);

        var stranger = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);
        await HttpAssert.ProblemAsync(await stranger.Http.GetAsync(Url($"/api/v1/accounts/{ids[0]}/cross-sell")), HttpStatusCode.NotFound);
    }
}
