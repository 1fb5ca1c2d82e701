using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests.Insights;

/// <summary>The survey analytics end to end in Chromium on the demo company's two waves (issue #5).</summary>
public sealed class InsightsBrowserTests(InsightsBrowserApp app, ITestOutputHelper output) : IClassFixture<InsightsBrowserApp>
{
    private IPage Page => app.Page;

    private long LatestWave => app.WaveIds[^1];

    [Fact]
    public async Task Views_EnglishAndGerman_RenderChartsWithRespondentCountsAndFollowFilters()
    {
        await app.UseLanguageAsync("en");

        await Page.GotoAsync("/analytics/loyalty");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Loyalty", Level = 1 })).ToBeVisibleAsync();
        var makeUp = Page.Locator("figure.chart-stacked svg").First;
        await Expect(makeUp).ToBeVisibleAsync();
        await Expect(makeUp.Locator("title").First).ToHaveTextAsync("Loyalty index and its make-up");
        await Expect(makeUp.Locator("rect.part-attachment").First).ToBeVisibleAsync();
        await Expect(makeUp).ToContainTextAsync("n = ");
        await Expect(Page.Locator(".insights-wave")).ToContainTextAsync("respondents");
        // The menu lists the analytics views now that their pages exist.
        foreach (var route in new[] { "/analytics/loyalty", "/analytics/phases", "/analytics/drivers", "/analytics/competitors" })
        {
            await Expect(Page.Locator($"nav.nav a[href='{route}']")).ToHaveCountAsync(1);
        }
        await Page.ScreenshotAsync(new() { Path = Screenshot("insights-loyalty.png"), FullPage = true });

        await Page.GotoAsync("/analytics/phases");
        await Expect(Page.Locator("figure.chart-heatmap svg rect.heat-cell").First).ToBeVisibleAsync();
        await Expect(Page.Locator("figure.chart-heatmap")).ToContainTextAsync("n=");
        await Expect(Page.Locator("figure.chart-lines svg polyline").First).ToBeAttachedAsync();
        await Page.ScreenshotAsync(new() { Path = Screenshot("insights-phases.png"), FullPage = true });

        await Page.GotoAsync("/analytics/drivers?phase=operation");
        await Expect(Page.Locator("figure.chart-bars svg rect.chart-bar").First).ToBeVisibleAsync();
        await Expect(Page.Locator("figure.chart-quadrant svg circle.chart-point").First).ToBeVisibleAsync();
        await Expect(Page.Locator("figure.chart-bars").First).ToContainTextAsync("n = ");
        await Page.ScreenshotAsync(new() { Path = Screenshot("insights-drivers.png"), FullPage = true });

        await Page.GotoAsync("/analytics/competitors");
        await Expect(Page.Locator("figure.chart-stacked").First).ToBeVisibleAsync();
        await Expect(Page.Locator("main")).ToContainTextAsync("ServiTec Industrieservice GmbH");
        await Page.ScreenshotAsync(new() { Path = Screenshot("insights-competitors.png"), FullPage = true });

        // German, then a filter: the loyalty view compared by business type.
        await Page.GotoAsync("/analytics/loyalty");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Language: Deutsch" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Kundentreue", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator("figure.chart-stacked svg title").First).ToHaveTextAsync("Kundentreue-Index und seine Zusammensetzung");
        await Page.GetByLabel("Vergleichen nach").SelectOptionAsync("businessType");
        await Page.GetByLabel("Rolle im Buying Center").SelectOptionAsync("decider");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Anwenden" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("groupBy=businessType"));
        await Expect(Page).ToHaveURLAsync(new Regex("buyingRole=decider"));
        Assert.DoesNotContain("segment=", Page.Url, StringComparison.Ordinal);
        await Expect(Page.Locator("figure.chart-stacked svg").First).ToContainTextAsync("Anlagengeschäft");
        await Expect(Page.Locator("figure.chart-stacked svg").First).ToContainTextAsync("n = ");
        await Expect(Page.GetByLabel("Rolle im Buying Center")).ToHaveValueAsync("decider");
        await Page.ScreenshotAsync(new() { Path = Screenshot("insights-loyalty-de.png"), FullPage = true });
        await app.UseLanguageAsync("en");
    }

    [Fact]
    public async Task AnonymousSurvey_GroupOfFourRespondents_IsHidden()
    {
        await app.UseLanguageAsync("en");
        var counts = await RespondentsPerAccountAsync(LatestWave);
        var four = SubsetSummingTo(counts, 4) ?? throw new InvalidOperationException("No accounts with four respondents in all.");
        var ids = four.Select(c => c.AccountId).ToArray();
        var regions = new Dictionary<long, string?>();
        foreach (var id in ids)
        {
            regions[id] = (await app.TextAsync("SELECT region FROM accounts WHERE id = $1", id));
        }
        await app.ExecuteAsync("UPDATE surveys SET anonymous = true WHERE id = (SELECT survey_id FROM waves WHERE id = $1)", LatestWave);
        await app.ExecuteAsync("UPDATE accounts SET region = 'Testland' WHERE id = ANY($1)", ids);
        try
        {
            await Page.GotoAsync($"/analytics/loyalty?waveId={LatestWave}&groupBy=region");
            await Expect(Page.Locator(".insights-anonymity")).ToContainTextAsync("fewer than 5 respondents are hidden");
            var row = Page.Locator("table.insights-table tbody tr", new() { HasText = "Testland" });
            await Expect(row).ToContainTextAsync("fewer than 5 respondents");
            await Expect(row).Not.ToContainTextAsync("n = ");
            var chartRow = Page.Locator("figure.chart-stacked svg g.chart-row", new() { HasText = "Testland" });
            await Expect(chartRow).ToContainTextAsync("fewer than 5 respondents");
            await Expect(chartRow.Locator("rect.chart-part")).ToHaveCountAsync(0);
            await Expect(chartRow).Not.ToContainTextAsync("n = 4");
            await Page.ScreenshotAsync(new() { Path = Screenshot("insights-anonymous.png"), FullPage = true });

            // Its drill-down lists nothing, and no view lists individual respondents.
            await Page.GotoAsync($"/analytics/accounts?waveId={LatestWave}&groupBy=region&group=Testland");
            await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Fewer than 5 respondents are behind this figure");
            await Expect(Page.Locator("table.drill-accounts")).ToHaveCountAsync(0);
            await Page.GotoAsync($"/analytics/accounts?waveId={LatestWave}");
            await Expect(Page.Locator("table.drill-accounts tbody tr").First).ToBeVisibleAsync();
            await Expect(Page.Locator("table.drill-respondents")).ToHaveCountAsync(0);
            await Expect(Page.Locator("main")).ToContainTextAsync("individual respondents are never listed");
        }
        finally
        {
            await app.ExecuteAsync("UPDATE surveys SET anonymous = false WHERE id = (SELECT survey_id FROM waves WHERE id = $1)", LatestWave);
            foreach (var (id, region) in regions)
            {
                await app.ExecuteAsync("UPDATE accounts SET region = $2 WHERE id = $1", id, (object?)region ?? DBNull.Value);
            }
        }
    }

    [Fact]
    public async Task DrillDown_FromAHeatMapCell_ListsTheAccountsAndRespondents()
    {
        await app.UseLanguageAsync("en");
        await Page.GotoAsync($"/analytics/phases?waveId={LatestWave}");
        await Page.Locator("figure.chart-heatmap svg a.chart-link").First.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/analytics/accounts\\?.*phase=.*touchpoint="));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Accounts behind the figure", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator("section", new() { HasText = "Figure" }).First).ToContainTextAsync("Touchpoint");
        await Expect(Page.Locator("table.drill-accounts tbody tr").First).ToBeVisibleAsync();
        await Expect(Page.Locator("table.drill-respondents tbody tr").First).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Screenshot("insights-drilldown.png"), FullPage = true });

        await Page.Locator("table.drill-accounts tbody tr a").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/accounts/\\d+#loyalty$"));
    }

    [Fact]
    public async Task Report_LatestWave_HasOnePagePerViewAndTheExportsDownload()
    {
        await app.UseLanguageAsync("en");
        await Page.GotoAsync($"/analytics/report?waveId={LatestWave}");
        var sections = Page.Locator("section.report-page");
        await Expect(sections).ToHaveCountAsync(4);
        for (var i = 0; i < 4; i++)
        {
            await Expect(sections.Nth(i).Locator("svg").First).ToBeAttachedAsync();
        }
        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(Page.Locator("aside.sidebar")).ToBeHiddenAsync();
        Assert.Equal("page", await sections.Nth(1).EvaluateAsync<string>("e => getComputedStyle(e).breakBefore"));
        await Page.ScreenshotAsync(new() { Path = Screenshot("insights-report-print.png"), FullPage = true });
        await Page.EmulateMediaAsync(new() { Media = Media.Screen });

        await Page.GotoAsync($"/analytics/loyalty?waveId={LatestWave}");
        var csv = await Page.Locator(".insights-exports a", new() { HasText = "CSV" }).First.GetAttributeAsync("href");
        var xlsx = await Page.Locator(".insights-exports a", new() { HasText = "XLSX" }).First.GetAttributeAsync("href");
        var csvResponse = await Page.APIRequest.GetAsync(csv!);
        Assert.Equal(200, csvResponse.Status);
        Assert.StartsWith("text/csv", csvResponse.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("loyalty", await csvResponse.TextAsync(), StringComparison.OrdinalIgnoreCase);
        var xlsxResponse = await Page.APIRequest.GetAsync(xlsx!);
        Assert.Equal(200, xlsxResponse.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Headers["content-type"]);
        Assert.Equal((byte)'P', (await xlsxResponse.BodyAsync())[0]);
    }

    [Fact]
    public async Task AccountPage_DecliningKeyAccount_ShowsLoyaltyOverTheWaves()
    {
        await app.UseLanguageAsync("en");
        var id = (await app.ListAsync("SELECT id FROM accounts WHERE external_id = 'K-10001'")).Single();
        await Page.GotoAsync($"/accounts/{id}");

        var panel = Page.Locator("#loyalty");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Loyalty and survey answers" })).ToBeVisibleAsync();
        await Expect(panel.Locator("figure.chart-stacked svg g.chart-row")).ToHaveCountAsync(2);
        await Expect(panel.Locator("figure.chart-bars svg")).ToBeVisibleAsync();
        await Expect(panel).ToContainTextAsync("Would recommend (0–10)");
        await Expect(Page.Locator("nav.section-nav a[href$='#loyalty']")).ToBeVisibleAsync();
        await panel.ScreenshotAsync(new() { Path = Screenshot("insights-account.png") });
    }

    private async Task<List<(long AccountId, int Respondents)>> RespondentsPerAccountAsync(long waveId)
    {
        var ids = await app.ListAsync(
            "SELECT account_id FROM response_answers WHERE wave_id = $1 AND submitted_at IS NOT NULL GROUP BY account_id ORDER BY account_id", waveId);
        var result = new List<(long, int)>();
        foreach (var id in ids)
        {
            var n = (await app.ListAsync(
                "SELECT count(DISTINCT respondent_key) FROM response_answers WHERE wave_id = $1 AND account_id = $2 AND submitted_at IS NOT NULL", waveId, id)).Single();
            result.Add((id, (int)n));
        }
        return result;
    }

    /// <summary>Some accounts whose respondents add up to exactly <paramref name="target"/>.</summary>
    private static List<(long AccountId, int Respondents)>? SubsetSummingTo(List<(long AccountId, int Respondents)> accounts, int target)
    {
        var reach = new List<(long, int)>?[target + 1];
        reach[0] = [];
        foreach (var account in accounts.Where(a => a.Respondents <= target))
        {
            for (var sum = target; sum >= account.Respondents; sum--)
            {
                if (reach[sum] is null && reach[sum - account.Respondents] is { } before)
                {
                    reach[sum] = [.. before, account];
                }
            }
        }
        return reach[target];
    }

    private string Screenshot(string name)
    {
        var path = InsightsBrowserApp.Screenshot(name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
