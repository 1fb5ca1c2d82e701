using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;
using Rapport.Core.Identity;
using Rapport.Demo;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests.Browser;

/// <summary>The browser app over the demo company (400 accounts as of today).</summary>
public sealed class DemoBrowserApp : IAsyncLifetime
{
    public BrowserApp App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        // The app's database, addressed through the shared test cluster (the context's connection string carries no password).
        await using var db = await App.Seed.Factory.CreateDbContextAsync();
        var cluster = await Rapport.Testing.TestPostgres.GetClusterAsync();
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionStringFor(db.Database.GetDbConnection().Database));
        var seeded = await DemoSeeder.SeedAsync(dataSource, new DemoOptions { AsOf = DateOnly.FromDateTime(DateTime.Now) });
        Assert.True(seeded.Succeeded, seeded.Message);
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

/// <summary>The KPI dashboard, the acquisition page and the cross-sell panel in Chromium, in English and German.</summary>
public sealed class KpiAcquisitionBrowserTests(DemoBrowserApp demo) : IClassFixture<DemoBrowserApp>
{
    private const string Password = "correct horse battery staple";

    private BrowserApp App => demo.App;

    private static string Screenshot(string name) => Path.Combine(BrowserApp.ScreenshotDirectory, name);

    private async Task<IPage> SignInAsync(UserRole role)
    {
        var email = $"kpi-{Guid.NewGuid():N}@test.rapport";
        await App.Seed.AddUserAsync(email, "Karla Kennzahl", role, Password);
        var page = await App.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task KpiDashboard_ChangePeriodAndSwitchToGerman_TilesChartAndTablesFollow()
    {
        var page = await SignInAsync(UserRole.Analyst);

        await page.GetByRole(AriaRole.Link, new() { Name = "KPIs" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/retention/kpis$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Retention KPIs", Level = 1 })).ToBeVisibleAsync();
        var retention = page.Locator("[data-kpi=retention] .kpi-value");
        await Expect(retention).ToHaveTextAsync(new Regex(@"^\d+(\.\d)?\s?%$"));
        await Expect(page.Locator("[data-kpi=churn] .kpi-help")).ToContainTextAsync("1 − retention rate");
        var chart = page.GetByTestId("kpi-trend-chart").Locator("svg[role=img]");
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart.Locator("polyline").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("kpi-by-segment").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.GetByTestId("kpi-acquisition")).ToContainTextAsync("Trade fair");
        await page.ScreenshotAsync(new() { Path = Screenshot("kpis.png"), FullPage = true });

        // Another period through the form: the last twelve months with a 90-day window, by year.
        var month = new DateOnly(DateTime.Now.Year, DateTime.Now.Month, 1);
        await page.GetByLabel("From").FillAsync(month.AddMonths(-12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("To (exclusive)").FillAsync(month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Active window (days)").FillAsync("90");
        await page.GetByLabel("Trend by").SelectOptionAsync("year");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"from={month.AddMonths(-12):yyyy-MM-dd}.*window=90.*trend=year"));
        await Expect(page.GetByTestId("kpi-period")).ToContainTextAsync("active window 90 days");
        await Expect(page.GetByTestId("kpi-trend-chart").Locator("tbody tr")).ToHaveCountAsync(5);

        await page.GetByRole(AriaRole.Button, new() { Name = "Language: Deutsch" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kennzahlen der Kundenbindung", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("window=90"));
        await Expect(page.Locator("[data-kpi=retention] .kpi-label")).ToHaveTextAsync("Bindungsquote");
        await Expect(page.Locator("[data-kpi=retention] .kpi-value")).ToHaveTextAsync(new Regex(@"^\d+(,\d)?\s?%$"));
        await Expect(page.GetByTestId("kpi-trend-chart").Locator("svg[role=img] > title")).ToHaveTextAsync("Bindungs-, Wiederkauf- und Cross-Selling-Quote je Zeitraum");
        await Expect(page.GetByTestId("kpi-by-segment")).ToContainTextAsync("Stammkunde");
        await Expect(page.GetByTestId("kpi-acquisition")).ToContainTextAsync("Messe");
        await page.ScreenshotAsync(new() { Path = Screenshot("kpis-de.png"), FullPage = true });
    }

    [Fact]
    public async Task KpiDashboard_ToBeforeFrom_ShowsTheErrorInsteadOfFigures()
    {
        var page = await SignInAsync(UserRole.Viewer);

        await page.GotoAsync("/retention/kpis?from=2025-06-01&to=2025-01-01");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'To' must be after 'From'.");
        await Expect(page.Locator("[data-kpi]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Acquisition_LeadsAndLookAlikes_ListedAndAccountPageShowsCrossSell()
    {
        var page = await SignInAsync(UserRole.Admin);

        await page.GetByRole(AriaRole.Link, new() { Name = "Acquisition" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/retention/acquisition$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lead scores" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("lead-model")).ToContainTextAsync("AUC on held-out leads");
        var leads = page.GetByTestId("lead-scores").Locator("tbody tr");
        await Expect(leads.First).ToBeVisibleAsync();
        await Expect(leads.First.Locator(".feature").First).ToBeVisibleAsync();
        await Expect(leads.First.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", new Regex(@"^Chance to win: \d+\s?%$"));
        await Expect(page.GetByTestId("look-alikes").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("acquisition.png") });

        // A regular customer's page carries the cross-sell panel.
        await page.GotoAsync("/accounts?segment=regular");
        await page.Locator("table.table tbody tr a.row-title").First.ClickAsync();
        var panel = page.GetByTestId("cross-sell");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Cross-sell" })).ToBeVisibleAsync();
        await panel.ScreenshotAsync(new() { Path = Screenshot("account-cross-sell.png") });
    }
}
