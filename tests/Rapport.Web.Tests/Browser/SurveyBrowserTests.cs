using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rapport.Core.Accounts;
using Rapport.Core.Identity;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests.Browser;

/// <summary>An analyst designs and runs a survey in Chromium: template, custom item, order, wave, invitations, progress.</summary>
public sealed class SurveyBrowserTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Password = "correct horse battery staple";

    private sealed record Words(
        string Locale, string Language, string Email, string PasswordLabel, string SignIn, string Surveys, string Name, string Create, string Created,
        string Code, string English, string German, string Scale, string Satisfaction, string AddItem, string Added, string MoveUp, string Moved,
        string WaveName, string CreateWave, string WaveCreated, string SearchAccounts, string Search, string Select, string InviteSelected,
        string Progress, string ProgressTitle, string ByAccount, string ByPhase);

    private static readonly Words EnglishWords = new(
        "en-US", "en", "E-mail", "Password", "Sign in", "Surveys", "Name", "Create from template", "The survey was created",
        "Code", "Question in English", "Question in German", "Scale", "Satisfaction 1–5", "Add item", "added at the end", "Move {0} up", "moved",
        "Name of the wave", "Create wave", "Wave created", "Search accounts", "Search", "Select {0}", "Invite selected accounts",
        "Progress view", "Progress: {0}", "By account", "By phase");

    private static readonly Words GermanWords = new(
        "de-DE", "de", "E-Mail", "Passwort", "Anmelden", "Befragungen", "Name", "Aus Vorlage anlegen", "Die Befragung wurde",
        "Code", "Frage auf Englisch", "Frage auf Deutsch", "Skala", "Zufriedenheit 1–5", "Frage hinzufügen", "hinzugefügt", "{0} nach oben", "verschoben",
        "Name der Welle", "Welle anlegen", "Welle angelegt", "Kunden suchen", "Suchen", "{0} auswählen", "Ausgewählte Kunden einladen",
        "Rücklauf", "Rücklauf: {0}", "Nach Kunde", "Nach Phase");

    [Fact]
    public Task AnalystFlow_English_DesignsInvitesAndSeesProgress() => RunAsync(EnglishWords);

    [Fact]
    public Task AnalystFlow_German_DesignsInvitesAndSeesProgress() => RunAsync(GermanWords);

    private async Task RunAsync(Words w)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var analyst = await app.Seed.AddUserAsync($"analyst-{tag}@test.rapport", "Lena Analyst", UserRole.Analyst, Password, w.Language);
        var account = await app.Seed.AddAccountAsync($"BR-{tag}", $"Bergmann Anlagenbau {tag}", keyAccount: true);
        await app.Seed.AddContactAsync(account.Id, "Thomas", "Brandt" + tag, BuyingRole.Decider, true, (ConsentPurpose.Surveys, true));
        await app.Seed.AddContactAsync(account.Id, "Sabine", "Kurz" + tag, BuyingRole.Buyer, true, (ConsentPurpose.Surveys, true));
        await app.Seed.AddContactAsync(account.Id, "Uwe", "Ohne" + tag, BuyingRole.User, true, (ConsentPurpose.Surveys, false));
        await app.Seed.AddContactAsync(account.Id, "Petra", "Weg" + tag, BuyingRole.User, active: false, (ConsentPurpose.Surveys, true));
        var page = await app.NewPageAsync(w.Locale);
        var code = "CUSTOM_PARTS_" + tag.ToUpperInvariant();
        var surveyName = $"{(w.Language == "de" ? "Beziehungsstudie" : "Relationship survey")} {tag}";

        await page.GotoAsync("/login");
        await page.GetByLabel(w.Email).FillAsync(analyst.Email);
        await page.GetByLabel(w.PasswordLabel).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = w.SignIn }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));

        // From the navigation to a new survey from the template.
        await page.GetByRole(AriaRole.Link, new() { Name = w.Surveys, Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/surveys$"));
        await page.GetByLabel(w.Name, new() { Exact = true }).FillAsync(surveyName);
        await page.GetByRole(AriaRole.Button, new() { Name = w.Create }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = surveyName, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(w.Created);

        // A custom item, then one place up.
        await page.GetByLabel(w.Code, new() { Exact = true }).FillAsync(code);
        await page.GetByLabel(w.Scale).SelectOptionAsync(new SelectOptionValue { Label = w.Satisfaction });
        await page.GetByLabel(w.English).FillAsync("How satisfied are you with the spare parts service?");
        await page.GetByLabel(w.German).FillAsync("Wie zufrieden sind Sie mit dem Ersatzteilservice?");
        await page.GetByRole(AriaRole.Button, new() { Name = w.AddItem }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(w.Added);
        var row = page.Locator($"#item-{code}");
        await Expect(row).ToContainTextAsync(w.Language == "de" ? "Ersatzteilservice" : "spare parts service");
        var rows = await page.Locator(".items-table tbody tr").CountAsync();
        await Expect(row.Locator("td").First).ToHaveTextAsync(rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = string.Format(System.Globalization.CultureInfo.InvariantCulture, w.MoveUp, code) }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(w.Moved);
        await Expect(row.Locator("td").First).ToHaveTextAsync((rows - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new() { Path = Screenshot($"survey-design-{w.Language}.png"), FullPage = true });

        // A wave open from today for four weeks (the form's defaults).
        await page.GetByLabel(w.WaveName).FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = w.CreateWave }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/surveys/waves/\\d+\\?done=wave-created$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(w.WaveCreated);

        // Invite the account found by search: two contacts with consent, one without, one inactive.
        await page.GetByLabel(w.SearchAccounts).FillAsync(tag);
        await page.GetByRole(AriaRole.Button, new() { Name = w.Search, Exact = true }).ClickAsync();
        await page.GetByLabel(string.Format(System.Globalization.CultureInfo.InvariantCulture, w.Select, account.Name)).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = w.InviteSelected }).ClickAsync();
        var result = page.Locator("#invite-result");
        await Expect(result.Locator("[data-count=created]")).ToHaveTextAsync("2");
        await Expect(result.Locator("[data-count=no-consent]")).ToHaveTextAsync("1");
        await Expect(result.Locator("[data-count=inactive]")).ToHaveTextAsync("1");
        await Expect(page.Locator("#status-counts [data-count=pending]")).ToHaveTextAsync("2");
        await Expect(page.Locator("#invitation-list tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#invitation-list input.link-field").First).ToHaveValueAsync(new Regex("/s/[A-Za-z0-9_-]{43}$"));
        await page.ScreenshotAsync(new() { Path = Screenshot($"survey-wave-{w.Language}.png"), FullPage = true });

        // The progress view.
        await page.GetByRole(AriaRole.Link, new() { Name = w.Progress }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = string.Format(System.Globalization.CultureInfo.InvariantCulture, w.ProgressTitle, "2026"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#progress-totals [data-count=invited]")).ToHaveTextAsync("2");
        await Expect(page.Locator("#progress-totals [data-count=completed]")).ToHaveTextAsync("0");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = w.ByPhase })).ToBeVisibleAsync();
        await Expect(page.Locator("#by-account")).ToContainTextAsync(account.Name);
        await Expect(page.Locator("#by-account").GetByRole(AriaRole.Heading, new() { Name = w.ByAccount })).ToBeVisibleAsync();
        await Expect(page.Locator("#by-status svg title")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Screenshot($"survey-progress-{w.Language}.png"), FullPage = true });
    }

    private string Screenshot(string name)
    {
        var path = Path.Combine(BrowserApp.ScreenshotDirectory, name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
