using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;
using Rapport.Core.Identity;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;
using Rapport.Demo;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests.Browser;

/// <summary>
/// The retention pages in Chromium on the scored demo company: the portfolio board, the risk list, the health panel on
/// the declining key account's page, and "my tasks" with marking a task done — as the account manager who owns it.
/// </summary>
public sealed class RetentionBrowserTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task AccountManager_PortfolioRisksHealthAndTasks_ScoredDemoCompany()
    {
        var (manager, accountId) = await SeedAndScoreAsync();
        var page = await app.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail").FillAsync(manager.Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));

        // Portfolio board: every phase as a card, the flows of the backfilled year as a matrix.
        await page.GetByRole(AriaRole.Link, new() { Name = "Portfolio" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/retention/portfolio$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio by lifecycle phase", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("article.phase-card")).ToHaveCountAsync(7);
        await Expect(page.Locator("article.phase-card-endangerment .phase-count")).Not.ToHaveTextAsync("0");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Flows between phases" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Accounts by phase" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("retention-portfolio.png"), FullPage = true });

        // Risk list: by CLV at risk, then sorted by P(alive), lowest first.
        await page.GetByRole(AriaRole.Link, new() { Name = "Risk list", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Risk list", Level = 1 })).ToBeVisibleAsync();
        var rows = page.Locator("table.risk-table tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("retention-risks.png"), FullPage = true });
        await page.Locator("table.risk-table thead").GetByRole(AriaRole.Link, new() { Name = "P(alive)" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=palive&dir=asc"));
        await Expect(page.Locator("th[aria-sort=ascending]")).ToContainTextAsync("P(alive)");

        // The declining key account: endangered, with its signals and the P(alive) chart in the health panel.
        await page.GotoAsync($"/accounts/{accountId}");
        var health = page.Locator("#health");
        await Expect(health.GetByRole(AriaRole.Heading, new() { Name = "Account health" })).ToBeVisibleAsync();
        await Expect(health.Locator(".health-reason")).ToContainTextAsync("Endangerment");
        await Expect(health.Locator(".signal-list")).ToContainTextAsync("Key contact left");
        await Expect(health.Locator(".signal-list")).ToContainTextAsync("Revenue falling");
        await Expect(health.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^P\\(alive\\) over time") })).ToBeVisibleAsync();
        await Expect(health.Locator(".phase-history li").First).ToBeVisibleAsync();
        await health.ScreenshotAsync(new() { Path = Screenshot("retention-health-panel.png") });

        // My tasks: mark the first one done; it moves to the done tab.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tasks", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My tasks", Level = 1 })).ToBeVisibleAsync();
        var tasks = page.Locator("li.task-item");
        var before = await tasks.CountAsync();
        Assert.True(before > 0, "The manager should have tasks from the signals of the declining key account.");
        var title = await tasks.First.Locator(".task-title").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("retention-tasks.png"), FullPage = true });
        await tasks.First.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Mark done") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tasks$"));
        await Expect(tasks).ToHaveCountAsync(before - 1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Done", Exact = true }).ClickAsync();
        await Expect(page.Locator("li.task-item .task-title").First).ToHaveTextAsync(title);
    }

    /// <summary>
    /// Seeds the demo company as of today, hands the declining key account to a manager who can sign in, and scores —
    /// through the coordinator, like the CLI (the host's worker may take the run instead; either way it completes).
    /// </summary>
    private async Task<(Core.Identity.User Manager, long AccountId)> SeedAndScoreAsync()
    {
        await using var db = await app.Seed.Factory.CreateDbContextAsync();
        await using var dataSource = NpgsqlDataSource.Create(app.ConnectionString);
        var seeded = await DemoSeeder.SeedAsync(dataSource, new DemoOptions { Accounts = 60, Seed = 5, AsOf = DateOnly.FromDateTime(DateTime.UtcNow) });
        Assert.True(seeded.Succeeded, seeded.Message);
        var manager = await app.Seed.AddUserAsync($"keyaccounts-{Guid.NewGuid():N}@test.rapport", "Kira Keymann", UserRole.AccountManager, Password);
        var account = await db.Accounts.AsTracking().SingleAsync(a => a.ExternalId == DemoStories.DecliningKeyAccountId);
        account.OwnerUserId = manager.Id;
        await db.SaveChangesAsync();

        var coordinator = new ScoringCoordinator(dataSource, TimeProvider.System);
        var request = await coordinator.RequestAsync(ScoringTrigger.Cli, coordinator.Today);
        for (var i = 0; i < 600; i++)
        {
            await coordinator.TryRunNextAsync(new ScoringOptions());
            var status = await db.ScoringRuns.Where(r => r.Id == request.RunId).Select(r => r.Status).SingleAsync();
            if (status is ScoringRunStatus.Succeeded or ScoringRunStatus.Failed)
            {
                Assert.Equal(ScoringRunStatus.Succeeded, status);
                return (manager, account.Id);
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The scoring run did not finish.");
    }

    private string Screenshot(string name)
    {
        var path = Path.Combine(BrowserApp.ScreenshotDirectory, name);
        output.WriteLine($"Screenshot: {path}");
        return path;
    }
}
