using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Testing;
using Rapport.Web.Tests.Ui;

namespace Rapport.Web.Tests.Browser;

/// <summary>
/// The real app on a Kestrel port of 127.0.0.1 over a fresh, migrated database (demo seed off), plus Debian's
/// Chromium driven by Playwright. One per browser test class.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes the fields in IAsyncLifetime.DisposeAsync.")]
public sealed class BrowserApp : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    // The factory the tests use derives from this one; disposing the root disposes both.
    private WebApplicationFactory<Program>? root;
    private WebApplicationFactory<Program>? factory;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    internal UiSeed Seed { get; private set; } = null!;

    public string ConnectionString => database.ConnectionString;

    /// <summary>Where the tests leave their screenshots for a human to look at.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(Path.GetTempPath(), "rapport-ui-screenshots");

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        Seed = new UiSeed(database.ConnectionString);
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
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.Single().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh browser profile (no cookies) with the given browser language.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
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
        if (Seed is not null)
        {
            await Seed.DisposeAsync();
        }
        await database.DisposeAsync();
    }
}
