using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rapport.Core.Accounts;
using Rapport.Core.Identity;
using Rapport.Testing;
using Rapport.Web.Tests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests.Complaints;

/// <summary>Complaints and webhooks in Chromium: a complaint through the whole workflow (the last step in German), the
/// overdue highlight and the statistics, and the webhook admin page.</summary>
public sealed class ComplaintBrowserTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Manager_RecordsComplaintAndMovesItThroughWorkflow_LastStepInGerman()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var manager = await app.Seed.AddUserAsync($"kim-{tag}@test.rapport", "Kim Keller", UserRole.AccountManager, Password);
        var account = await app.Seed.AddAccountAsync($"B-{tag}", $"Brenner Verpackung {tag}", manager.Id, Segment.Regular, LifecyclePhase.Endangerment, BusinessType.Plant, keyAccount: true);
        var page = await app.NewPageAsync();
        await SignInAsync(page, manager.Email);

        // From the account page to the form, with the account filled in.
        await page.GotoAsync($"/accounts/{account.Id}");
        var panel = page.Locator("#complaints");
        await Expect(panel).ToContainTextAsync("No complaints from this account.");
        await panel.GetByRole(AriaRole.Link, new() { Name = "New complaint" }).ClickAsync();
        var newForm = page.Locator("#new-complaint");
        await Expect(newForm.GetByLabel("Account (external id)")).ToHaveValueAsync(account.ExternalId);
        await newForm.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Delivery" });
        await newForm.GetByLabel("Severity").SelectOptionAsync("high");
        await newForm.GetByLabel("Touchpoint").SelectOptionAsync(new SelectOptionValue { Label = "Logistics" });
        await newForm.GetByLabel("Business phase").SelectOptionAsync(new SelectOptionValue { Label = "Delivery" });
        await newForm.GetByLabel("Subject").FillAsync("Spare parts for line 2 two weeks late");
        await newForm.GetByLabel("Description").FillAsync("Gearbox parts promised for week 12 did not arrive.");
        await newForm.GetByRole(AriaRole.Button, new() { Name = "Record complaint" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/complaints/\d+\?done=created$"));
        await Expect(page.Locator("#complaint-done")).ToHaveTextAsync("Complaint recorded.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Spare parts for line 2 two weeks late", Level = 1 })).ToBeVisibleAsync();
        var header = page.Locator(".complaint-header");
        await Expect(header).ToContainTextAsync("Received");
        await Expect(header).ToContainTextAsync("High");

        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(header).ToContainTextAsync("Acknowledged");
        await page.GetByLabel("Note (optional)").FillAsync("Parts located at the carrier's hub.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start work" }).ClickAsync();
        await Expect(header).ToContainTextAsync("In progress");
        await page.GetByLabel("Root cause").FillAsync("Carrier missed the pick-up.");
        await page.GetByLabel("Resolution", new() { Exact = true }).FillAsync("Parts sent by express on Monday.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(page.Locator("#complaint-done")).ToContainTextAsync("Send the confirmation link");
        await Expect(page.GetByLabel("Confirmation link for the customer")).ToHaveValueAsync(new Regex("/c/[A-Za-z0-9_-]{43}$"));
        await page.ScreenshotAsync(new() { Path = Screenshot("complaint-resolved.png"), FullPage = true });

        // The customer's answer, recorded in German.
        await page.GetByRole(AriaRole.Button, new() { Name = "Language: Deutsch" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Antwort des Kunden" })).ToBeVisibleAsync();
        await page.GetByLabel("Zufriedenheit mit der Bearbeitung").SelectOptionAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kunde bestätigt" }).ClickAsync();
        await Expect(page.Locator("#complaint-done")).ToHaveTextAsync("Die Bestätigung des Kunden ist erfasst.");
        await Expect(header).ToContainTextAsync("Vom Kunden bestätigt");
        var history = page.Locator(".complaint-history li");
        await Expect(history).ToHaveCountAsync(5);
        await Expect(history.First).ToContainTextAsync("Vom Kunden bestätigt");
        await Expect(page.Locator(".complaint-history")).ToContainTextAsync("Parts located at the carrier's hub.");
        await Expect(page.GetByText("Die Beschwerde ist abgeschlossen")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("complaint-confirmed-de.png"), FullPage = true });

        // An overdue complaint (critical, received three weeks ago) is highlighted in the list, next to the statistics.
        await page.GotoAsync($"/complaints?new=1&for={account.ExternalId}");
        var form = page.Locator("#new-complaint");
        await form.GetByLabel("Kategorie").SelectOptionAsync("service");
        await form.GetByLabel("Schweregrad").SelectOptionAsync("critical");
        await form.GetByLabel("Eingegangen am").FillAsync(DateTime.Now.AddDays(-21).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("Betreff").FillAsync("Hotline not reachable");
        await form.GetByRole(AriaRole.Button, new() { Name = "Beschwerde erfassen" }).ClickAsync();
        await Expect(page.Locator(".complaint-header")).ToContainTextAsync("Überfällig");

        await page.GotoAsync($"/complaints?account={account.Id}");
        var overdueRow = page.Locator("tr.row-overdue");
        await Expect(overdueRow).ToHaveCountAsync(1);
        await Expect(overdueRow).ToContainTextAsync("Hotline not reachable");
        await Expect(page.Locator(".complaint-kpis")).ToContainTextAsync("Überfällig");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Nach Kategorie" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Nach Kontaktpunkt" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("complaint-list-de.png"), FullPage = true });
    }

    [Fact]
    public async Task Admin_CreatesWebhookSeesSecretOnceAndSendsTest()
    {
        await using var receiver = new WebhookReceiver();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await app.Seed.AddUserAsync($"ada-{tag}@test.rapport", "Ada Admin", UserRole.Admin, Password);
        var page = await app.NewPageAsync();
        await SignInAsync(page, admin.Email);

        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await page.GetByLabel("Receiver URL").FillAsync(receiver.Url);
        await page.GetByLabel("Complaint overdue").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create subscription" }).ClickAsync();

        var secret = page.Locator("#webhook-secret");
        await Expect(secret).ToHaveValueAsync(new Regex("^whsec_"));
        var row = page.Locator("tr", new() { HasText = receiver.Url });
        await Expect(row).ToContainTextAsync("Complaint overdue");
        await row.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await Expect(page.Locator("#webhook-message")).ToHaveTextAsync("Test event delivered (HTTP 200).");
        await Expect(page.Locator("#delivery-log")).ToContainTextAsync("Test event");
        await Expect(page.Locator("#webhook-secret")).ToHaveCountAsync(0);
        Assert.Single(receiver.Requests);
        await page.ScreenshotAsync(new() { Path = Screenshot("webhooks.png"), FullPage = true });
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
