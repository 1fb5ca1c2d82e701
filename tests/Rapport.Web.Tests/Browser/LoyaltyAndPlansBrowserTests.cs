using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rapport.Core.Accounts;
using Rapport.Core.Identity;
using Rapport.Core.Loyalty;
using Rapport.Core.Retention;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace Rapport.Web.Tests.Browser;

/// <summary>The loyalty account page and the plan page end to end in Chromium, with plain POST forms.</summary>
public sealed class LoyaltyAndPlansBrowserTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task AccountManager_EnrolGrantRedeemThenPlanActionAndGerman_PagesFollowTheLedgerAndTheTask()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var manager = await app.Seed.AddUserAsync($"julia-{tag}@test.rapport", "Julia Becker", UserRole.AccountManager, Password);
        var account = await app.Seed.AddAccountAsync($"KA-{tag}", $"Brenner Verpackung {tag}", manager.Id, keyAccount: true);
        await app.Seed.AddContactAsync(account.Id, "Hamza", "Freigang", BuyingRole.Buyer, true, (ConsentPurpose.Loyalty, true));
        await using (var db = await app.Seed.Factory.CreateDbContextAsync())
        {
            db.Rewards.Add(new Reward { Kind = RewardKind.Training, NameEn = $"On-site training day {tag}", NameDe = $"Schulungstag vor Ort {tag}", PointsCost = 300 });
            await db.SaveChangesAsync();
        }
        var page = await app.NewPageAsync();
        await SignInAsync(page, manager.Email);

        // Loyalty: enrol, grant, redeem; a second redemption does not fit the balance.
        await page.GotoAsync($"/loyalty/accounts/{account.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not enrolled" })).ToBeVisibleAsync();
        await page.GetByLabel("Program contact").SelectOptionAsync(new SelectOptionValue { Label = "Hamza Freigang" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The account is enrolled.");
        await Expect(page.Locator(".loyalty-contact")).ToContainTextAsync("Hamza Freigang");

        await page.Locator("#grant-points").FillAsync("500");
        await page.Locator("#grant-reason").FillAsync("Goodwill after the delayed delivery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("done=granted"));
        await Expect(page.Locator("#loyalty-balance")).ToHaveTextAsync("500 pts");

        await page.Locator("#redeem-reward").SelectOptionAsync(new SelectOptionValue { Label = $"On-site training day {tag} — 300 pts" });
        await page.Locator("#redeem-note").FillAsync("Operator course in March");
        await page.GetByRole(AriaRole.Button, new() { Name = "Redeem", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The reward was redeemed.");
        await Expect(page.Locator("#loyalty-balance")).ToHaveTextAsync("200 pts");
        await Expect(page.Locator("#redemptions")).ToContainTextAsync("to deliver");
        await Expect(page.Locator("#statement-closing")).ToHaveTextAsync("200");
        await Expect(page.Locator("#ledger-table tbody tr")).ToHaveCountAsync(2);

        await page.Locator("#redeem-reward").SelectOptionAsync(new SelectOptionValue { Label = $"On-site training day {tag} — 300 pts" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Redeem", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The balance does not cover this reward.");
        await Expect(page.Locator("#loyalty-balance")).ToHaveTextAsync("200 pts");
        await page.ScreenshotAsync(new() { Path = Screenshot("loyalty-account.png"), FullPage = true });

        // Plans: create the key account's plan, add an action — it becomes the owner's task.
        await page.GotoAsync("/plans");
        await page.GetByLabel("Key account").SelectOptionAsync(new SelectOptionValue { Label = $"{account.Name} ({account.ExternalId})" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create plan" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/plans/\\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Special-Relationship-Agenda");
        await Expect(page.Locator("#map-table")).ToContainTextAsync("not covered");

        await page.Locator("#action-title").FillAsync("Invite the new technical director to the plant");
        await page.Locator("#action-due").FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
        var actionRow = page.Locator("#actions-table tr", new() { HasText = "Invite the new technical director" });
        await Expect(actionRow).ToContainTextAsync("open");
        await Expect(actionRow).ToContainTextAsync("Julia Becker");
        await using (var db = await app.Seed.Factory.CreateDbContextAsync())
        {
            var task = await db.Tasks.SingleAsync(t => t.AccountId == account.Id && t.Origin == TaskOrigin.Plan);
            Assert.Equal(manager.Id, task.OwnerUserId);
            Assert.StartsWith("plan-action:", task.OriginKey, StringComparison.Ordinal);
        }
        await page.ScreenshotAsync(new() { Path = Screenshot("plan-page.png"), FullPage = true });

        // Once in German.
        await page.GetByRole(AriaRole.Button, new() { Name = "Language: Deutsch" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Maßnahmen" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Tiefenstruktur (verborgen)" })).ToBeVisibleAsync();
        await Expect(actionRow).ToContainTextAsync("offen");
        await page.GotoAsync($"/loyalty/accounts/{account.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prämie einlösen" })).ToBeVisibleAsync();
        await Expect(page.Locator("#loyalty-balance")).ToHaveTextAsync("200 Pkt.");
        await page.ScreenshotAsync(new() { Path = Screenshot("loyalty-account-de.png"), FullPage = true });
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
    }

    private string Screenshot(string name)
    {
        var path = Path.Combine(BrowserApp.ScreenshotDirectory, name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
