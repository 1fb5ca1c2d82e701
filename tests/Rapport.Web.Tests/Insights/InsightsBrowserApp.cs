using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using Rapport.Core.Identity;
using Rapport.Demo;
using Rapport.Testing;
using Rapport.Web.Tests.Browser;
using Rapport.Web.Tests.Ui;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests.Insights;

/// <summary>
/// The real app on a Kestrel port over a fresh database holding the demo company with its two survey waves, and one
/// Chromium page signed in as an analyst, shared by the tests of a class (they run one after another).
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes the fields in IAsyncLifetime.DisposeAsync.")]
public sealed class InsightsBrowserApp : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private readonly TestDatabase database = new();
    // The factory the tests use derives from this one; disposing the root disposes both.
    private WebApplicationFactory<Program>? root;
    private WebApplicationFactory<Program>? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private UiSeed? seed;

    public string BaseUrl { get; private set; } = "";

    public IPage Page { get; private set; } = null!;

    public IBrowserContext Context { get; private set; } = null!;

    /// <summary>Ids of the two demo waves, oldest first.</summary>
    public IReadOnlyList<long> WaveIds { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        var seeded = await DemoSeeder.SeedAsync(database.DataSource,
            new DemoOptions { Accounts = 80, Seed = 42, AsOf = DateOnly.FromDateTime(DateTime.Today) });
        if (seeded.Summary is null)
        {
            throw new InvalidOperationException(seeded.Message);
        }
        WaveIds = await ListAsync("SELECT id FROM waves ORDER BY closes_on");
        seed = new UiSeed(database.ConnectionString);
        var analyst = await seed.AddUserAsync($"analyst-{Guid.NewGuid():N}@test.rapport", "Katrin Analyst", UserRole.Analyst, Password);

        root = new WebApplicationFactory<Program>();
        factory = root.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Rapport", database.ConnectionString);
            builder.UseSetting("Rapport:SeedDemoData", "false");
            builder.UseSetting("Rapport:Auth:LoginPermitLimit", "1000");
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        BaseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        Context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        Context.SetDefaultTimeout(20_000);
        Page = await Context.NewPageAsync();
        await Page.GotoAsync("/login");
        await Page.GetByLabel("E-mail").FillAsync(analyst.Email);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
        Directory.CreateDirectory(BrowserApp.ScreenshotDirectory);
    }

    /// <summary>Sets the UI language as the language switch does (its cookie), for the next page load.</summary>
    public Task UseLanguageAsync(string language) =>
        Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = BaseUrl }]);

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<long>> ListAsync(string sql, params object[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }
        var values = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }
        return values;
    }

    public async Task<string?> TextAsync(string sql, params object[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? null : (string)value;
    }

    public static string Screenshot(string name) => Path.Combine(BrowserApp.ScreenshotDirectory, name);

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        if (root is not null)
        {
            await root.DisposeAsync();
        }
        if (seed is not null)
        {
            await seed.DisposeAsync();
        }
        await database.DisposeAsync();
    }
}
