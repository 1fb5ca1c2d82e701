extern alias cli;

using System.Globalization;
using System.Text.Json;
using cli::Rapport.Cli.Infrastructure;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Retention;

/// <summary><c>GET /api/v1/analytics/kpis</c> against <c>rapport analyze kpis</c> on the orders exported with <c>rapport export orders</c>.</summary>
public sealed class KpisCliEquivalenceTests(DemoOrdersOnlyApp app) : IClassFixture<DemoOrdersOnlyApp>
{
    private static readonly string[] Fields =
    [
        "customersAtStart", "newCustomers", "customersAtEnd", "retainedCustomers", "retentionRate", "churnRate",
        "repeatPurchaseRate", "crossSellRate", "upSellRate", "revenue", "revenueRetention",
    ];

    private static async Task<(int Exit, string Out, string Err)> CliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Kpis_ExportedDemoOrders_EveryFieldEqualsTheCli()
    {
        var admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        var file = Path.Combine(Path.GetTempPath(), $"rapport-kpi-orders-{Guid.NewGuid():N}.csv");
        try
        {
            var export = await CliAsync("export", "orders", file, "--connection", app.ConnectionString);
            Assert.True(export.Exit == 0, export.Err);

            var today = DemoCompanyApp.Today;
            var quarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
            var cases = new (DateOnly From, DateOnly To, int Window)[]
            {
                (quarter.AddMonths(-3), quarter, 365),
                (quarter.AddMonths(-12), quarter, 365),
                (quarter.AddMonths(-9), quarter.AddMonths(-7), 90),
                (today.AddDays(-45), today.AddDays(20), 30),
                (quarter.AddYears(-3), quarter.AddYears(-3).AddDays(1), 1),
            };
            var customersSeen = 0;
            foreach (var (from, to, window) in cases)
            {
                var f = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var t = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var cliRun = await CliAsync("analyze", "kpis", "--input", file, "--customer-col", "account_external_id", "--date-col", "order_date",
                    "--amount-col", "net_amount", "--category-col", "product_category", "--from", f, "--to", t,
                    "--active-window-days", window.ToString(CultureInfo.InvariantCulture), "--json");
                Assert.True(cliRun.Exit == 0, cliRun.Err);
                using var cliJson = JsonDocument.Parse(cliRun.Out);
                var api = await HttpAssert.JsonAsync(await admin.Http.GetAsync(new Uri($"/api/v1/analytics/kpis?from={f}&to={t}&activeWindowDays={window}", UriKind.Relative)));

                customersSeen += cliJson.RootElement.GetProperty("customersAtStart").GetInt32();
                foreach (var field in Fields)
                {
                    var expected = cliJson.RootElement.GetProperty(field);
                    var actual = api.GetProperty(field);
                    var context = $"{field} for [{f}, {t}), W = {window}: CLI {expected}, API {actual}";
                    Assert.True(expected.ValueKind == actual.ValueKind, context);
                    if (expected.ValueKind == JsonValueKind.Number)
                    {
                        Assert.True(Math.Abs(expected.GetDouble() - actual.GetDouble()) <= 1e-9, context);
                    }
                }
                Assert.Equal(cliJson.RootElement.GetProperty("revenue").GetDecimal(), api.GetProperty("revenue").GetDecimal());
            }
            Assert.True(customersSeen > 100, $"Only {customersSeen} customers at the starts of the periods: the comparison would prove little.");
        }
        finally
        {
            File.Delete(file);
            admin.Http.Dispose();
        }
    }
}
