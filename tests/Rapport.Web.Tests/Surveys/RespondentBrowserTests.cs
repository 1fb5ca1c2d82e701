using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Testing;

namespace Rapport.Web.Tests.Surveys;

/// <summary>The app on a loopback Kestrel port for a real browser and real sockets.</summary>
public sealed class KestrelSurveyApp : IAsyncDisposable
{
    private readonly SurveyWebFactory _factory;

    private KestrelSurveyApp(SurveyWebFactory factory, string baseUrl)
    {
        _factory = factory;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static KestrelSurveyApp Start(string connectionString)
    {
        var factory = new SurveyWebFactory(connectionString);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelSurveyApp(factory, address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}

/// <summary>Invites contacts to an open wave of a fresh standard survey.</summary>
internal static class WebSurveyScenario
{
    public static async Task<List<(string Token, long InvitationId)>> InviteAsync(TestDatabase db, int contacts, string language)
    {
        await using var ctx = new RapportDbContext(DataServiceCollectionExtensions.CreateOptions(db.DataSource));
        var designer = new SurveyDesigner(ctx);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var survey = (await designer.CreateSurveyAsync(new CreateSurveyRequest("Web " + Guid.NewGuid().ToString("N"), SurveyTemplate.RelationshipStandard), null)).Value;
        var wave = (await designer.CreateWaveAsync(survey, new CreateWaveRequest("w", today.AddDays(-1), today.AddDays(30)))).Value;
        var key = Guid.NewGuid().ToString("N")[..10];
        var account = new Account { ExternalId = "B-" + key, Name = "Browser " + key };
        ctx.Accounts.Add(account);
        await ctx.SaveChangesAsync();
        for (var i = 0; i < contacts; i++)
        {
            var contact = new Contact { AccountId = account.Id, ExternalId = $"BC-{key}-{i}", LastName = "Muster", Language = language };
            ctx.Contacts.Add(contact);
            await ctx.SaveChangesAsync();
            ctx.Consents.Add(new Consent { ContactId = contact.Id, AccountId = account.Id, Purpose = ConsentPurpose.Surveys, Granted = true, Source = "test" });
        }
        await ctx.SaveChangesAsync();
        var invitations = new SurveyInvitations(ctx, await InvitationTokens.LoadAsync(ctx, null), TimeProvider.System);
        await invitations.CreateAsync(wave, new CreateInvitationsRequest([account.Id], null));
        return (await invitations.ListAsync(wave, 1, 500)).Value!.Items.Select(r => (r.Link![3..], r.Id)).ToList();
    }
}

public sealed class RespondentBrowserTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private sealed record Words(string Yes, string Commissioning, string FieldService, string Next, string VerySatisfied, string Satisfied, string Submit, string Thanks, string Contacts);

    private static readonly Words German = new("Ja", "Inbetriebnahme", "Außendienst", "Weiter", "5 – Sehr zufrieden", "4 – Zufrieden", "Antworten absenden", "Vielen Dank!", "Ihre Kontakte");
    private static readonly Words English = new("Yes", "Commissioning", "Field service", "Next", "5 – Very satisfied", "4 – Satisfied", "Submit answers", "Thank you!", "Your contacts");

    [Fact]
    public async Task RespondentFlow_GermanAndEnglish_CompletesInChromium()
    {
        await using var app = KestrelSurveyApp.Start(db.ConnectionString);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        });
        foreach (var (language, words) in new[] { ("de", German), ("en", English) })
        {
            var (token, invitationId) = (await WebSurveyScenario.InviteAsync(db, 1, language)).Single();
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
            var page = await context.NewPageAsync();

            await page.GotoAsync($"{app.BaseUrl}/s/{token}");
            Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
            await page.GetByRole(AriaRole.Group, new() { Name = words.Commissioning }).GetByLabel(words.Yes, new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = words.Next }).ClickAsync();

            await page.GetByRole(AriaRole.Heading, new() { Name = words.Contacts }).WaitForAsync();
            await page.GetByLabel(words.FieldService, new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = words.Next }).ClickAsync();

            await page.GetByRole(AriaRole.Group, new() { Name = words.FieldService }).GetByLabel(words.VerySatisfied).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = words.Next }).ClickAsync();

            await page.GetByRole(AriaRole.Group, new() { Name = words.Commissioning }).First.GetByLabel(words.Satisfied, new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = words.Next }).ClickAsync();

            await page.GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = words.Next }).ClickAsync();

            await page.Locator("textarea").FillAsync("Mehr Außendienst / more field service");
            await page.GetByRole(AriaRole.Button, new() { Name = words.Submit }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = words.Thanks }).WaitForAsync();
            await context.CloseAsync();

            await using var ctx = new RapportDbContext(DataServiceCollectionExtensions.CreateOptions(db.DataSource));
            var answers = await ctx.ResponseAnswers.Where(a => a.InvitationId == invitationId).ToListAsync();
            Assert.Equal(5m, answers.Single(a => a.ItemCode == "TP_SAT").Value);
            Assert.Equal(4m, answers.Single(a => a.ItemCode == "PH_SAT").Value);
            Assert.Equal(9m, answers.Single(a => a.ItemCode == "LOY_RECOMMEND").Value);
            Assert.Equal("Mehr Außendienst / more field service", answers.Single(a => a.ItemCode == "OPEN_IMPROVE").Text);
            Assert.All(answers, a => Assert.NotNull(a.SubmittedAt));
        }
    }
}
