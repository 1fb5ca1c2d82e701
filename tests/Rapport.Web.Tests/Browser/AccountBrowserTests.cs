using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rapport.Core.Accounts;
using Rapport.Core.Identity;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests.Browser;

/// <summary>The UI end to end in Chromium: login, the account list and page, the language switch.</summary>
public sealed class AccountBrowserTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorAndStaysOnLoginPage()
    {
        var email = $"wrong-{Guid.NewGuid():N}@test.rapport";
        await app.Seed.AddUserAsync(email, "Walter Wrong", UserRole.Viewer, Password);
        var page = await app.NewPageAsync();

        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/login\\?error=invalid"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The e-mail address or the password is wrong.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Rapport" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AccountManager_SearchOpenAccountSwitchToGerman_SeesBuyingCenterAndGermanLabels()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var manager = await app.Seed.AddUserAsync($"anna-{tag}@test.rapport", "Anna Berger", UserRole.AccountManager, Password);
        var colleague = await app.Seed.AddUserAsync($"jonas-{tag}@test.rapport", "Jonas Keller", UserRole.AccountManager);
        var account = await app.Seed.AddAccountAsync($"NW-{tag}", $"Nordwind Fördertechnik {tag}", manager.Id, Segment.Regular, LifecyclePhase.Maturity, BusinessType.Plant, keyAccount: true);
        await app.Seed.AddAccountAsync($"NS-{tag}", $"Nordstern Antriebe {tag}", colleague.Id);
        await app.Seed.AddAccountAsync($"SW-{tag}", $"Südwind Hydraulik {tag}", manager.Id, Segment.New, LifecyclePhase.Exploration, BusinessType.Product);
        var decider = await app.Seed.AddContactAsync(account.Id, "Thomas", "Brandt", BuyingRole.Decider, true, (ConsentPurpose.Surveys, true));
        await app.Seed.AddContactAsync(account.Id, "Petra", "Hahn", BuyingRole.Buyer, active: false, (ConsentPurpose.Marketing, false));
        var today = DateOnly.FromDateTime(DateTime.Now);
        foreach (var (daysAgo, amount) in new[] { (20, 18_400m), (300, 25_100m), (700, 31_900m), (1100, 22_300m) })
        {
            await app.Seed.AddOrderAsync(account.Id, today.AddDays(-daysAgo), amount);
        }
        await app.Seed.AddInteractionAsync(account.Id, decider.Id, DateTimeOffset.Now.AddDays(-4), InteractionChannel.Meeting, "sales", "offer", "Annual price negotiation");
        await app.Seed.AddContractAsync(account.Id, today.AddYears(-2), today.AddDays(200), 90, autoRenew: true, 48_000m);

        var page = await app.NewPageAsync();

        // Signing in from a deep link returns there.
        await page.GotoAsync("/accounts");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Faccounts"));
        await page.GetByLabel("E-mail").FillAsync(manager.Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        var userChip = page.GetByLabel("Signed in as");
        await Expect(userChip).ToContainTextAsync("Anna Berger");
        await Expect(userChip).ToContainTextAsync("Account manager");

        // The colleague's account is not in this manager's list.
        var rows = page.Locator("table.table tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Screenshot("account-list.png"), FullPage = true });

        await page.GetByLabel("Search accounts").FillAsync("nordwind");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/accounts\\?q=nordwind$"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Showing 1–1 of 1");

        await page.GetByRole(AriaRole.Link, new() { Name = account.Name }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/accounts/{account.Id}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = account.Name, Level = 1 })).ToBeVisibleAsync();
        var buyingCenter = page.Locator("#buying-center");
        await Expect(buyingCenter.GetByRole(AriaRole.Heading, new() { Name = "Buying center" })).ToBeVisibleAsync();
        var deciderRow = buyingCenter.Locator("tr", new() { HasText = "Thomas Brandt" });
        await Expect(deciderRow).ToContainTextAsync("Decider");
        await Expect(deciderRow).ToContainTextAsync("Active");
        await Expect(buyingCenter.Locator("tr", new() { HasText = "Petra Hahn" })).ToContainTextAsync("Inactive");
        await Expect(page.Locator("#interactions")).ToContainTextAsync("Annual price negotiation");
        await Expect(page.Locator("#key-figures")).ToContainTextAsync("€43,500");
        await page.ScreenshotAsync(new() { Path = Screenshot("account-page.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Language: Deutsch" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/accounts/{account.Id}$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Kunden", Exact = true }).First).ToBeVisibleAsync();
        await Expect(buyingCenter.GetByRole(AriaRole.Columnheader, new() { Name = "Rolle im Buying Center" })).ToBeVisibleAsync();
        await Expect(deciderRow).ToContainTextAsync("Entscheider");
        await Expect(page.Locator("#interactions")).ToContainTextAsync("Kontaktpunkt: Verkauf");
        await Expect(page.Locator("#interactions")).ToContainTextAsync("Geschäftsphase: Angebot & Verhandlung");
        await Expect(page.Locator("#key-figures")).ToContainTextAsync("43.500 €");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("account-page-de.png"), FullPage = true });

        // The choice sticks: the next page is German too, and so is the user's saved preference.
        await page.GotoAsync("/accounts?q=nordwind");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kunden", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal("de", await app.Seed.PreferredLanguageAsync(manager.Id));

        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await page.GotoAsync($"/accounts/{account.Id}");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl="));
    }

    [Fact]
    public async Task AccountPage_AccountOfAnotherManager_IsNotFound()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var manager = await app.Seed.AddUserAsync($"am-{tag}@test.rapport", "Mia Manager", UserRole.AccountManager, Password);
        var foreign = await app.Seed.AddAccountAsync($"F-{tag}", $"Fremdfirma {tag}", ownerId: null);
        var page = await app.NewPageAsync();
        await SignInAsync(page, manager.Email);

        var response = await page.GotoAsync($"/accounts/{foreign.Id}");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Expect(page.GetByText(foreign.Name)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task OneTimePassword_AnyPage_LeadsToChangePasswordUntilReplaced()
    {
        var email = $"first-{Guid.NewGuid():N}@test.rapport";
        await app.Seed.AddUserAsync(email, "Frieda First", UserRole.Admin, "one-time password 42", mustChangePassword: true);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("one-time password 42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();

        await page.GotoAsync("/accounts");
        await Expect(page).ToHaveURLAsync(new Regex("/change-password\\?returnUrl=%2Faccounts$"));
        await page.GetByLabel("Current password").FillAsync("one-time password 42");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("my own long passphrase");
        await page.GetByLabel("Repeat the new password").FillAsync("my own long passphrase!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The two new passwords are not the same.");
        await page.ScreenshotAsync(new() { Path = Screenshot("change-password.png"), FullPage = true });

        await page.GetByLabel("Current password").FillAsync("one-time password 42");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("my own long passphrase");
        await page.GetByLabel("Repeat the new password").FillAsync("my own long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accounts", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task LoginPage_GermanBrowser_IsGermanByDefault()
    {
        var page = await app.NewPageAsync(locale: "de-DE");

        await page.GotoAsync("/login");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bei Rapport anmelden" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Passwort")).ToBeVisibleAsync();
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
