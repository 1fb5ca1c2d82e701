using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Ui;

/// <summary>
/// The staff pages rendered through the real app in English and German, with every localizer recording the keys it
/// could not find: a mistyped or forgotten key shows as its own name on the page, so none may occur.
/// </summary>
public sealed class MissingTextsTests(MissingTextsTests.RecordingFactory app) : IClassFixture<MissingTextsTests.RecordingFactory>
{
    private static readonly string[] Pages =
    [
        "/", "/accounts", "/surveys", "/analytics/loyalty", "/analytics/phases", "/analytics/drivers",
        "/analytics/competitors", "/retention/portfolio", "/retention/risks", "/retention/kpis", "/retention/acquisition",
        "/complaints", "/loyalty", "/plans", "/tasks", "/admin/webhooks", "/change-password",
    ];

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task StaffPages_EachLanguage_ShowNoMissingText(string language)
    {
        var admin = await app.CreateUserAsync(UserRole.Admin);
        var accountIds = await app.SeedAccountsAsync(3);
        var (_, cookie) = await app.LoginAsync(admin.Email, admin.Password);
        using var client = app.CreateBrowser();
        app.Missing.Clear();

        foreach (var path in Pages.Append($"/accounts/{accountIds[0]}"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("Cookie", $"{cookie}; .AspNetCore.Culture={Uri.EscapeDataString($"c={language}|uic={language}")}");
            var response = await client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Contains($"<html lang=\"{language}\"", html, StringComparison.Ordinal);
        }

        Assert.Empty(app.Missing);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task LoginPage_EachLanguage_ShowsNoMissingText(string language)
    {
        using var client = app.CreateBrowser();
        app.Missing.Clear();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/login", UriKind.Relative));
        request.Headers.Add("Cookie", $".AspNetCore.Culture={Uri.EscapeDataString($"c={language}|uic={language}")}");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(app.Missing);
    }

    [Fact]
    public void RecordingFactory_UnknownKey_IsRecorded()
    {
        app.Missing.Clear();
        var texts = app.Services.GetRequiredService<IStringLocalizer<Rapport.Web.Components.Localization.SharedTexts>>();

        Assert.False(texts["Accounts"].ResourceNotFound);
        Assert.True(texts["NoSuchKey"].ResourceNotFound);

        Assert.Equal(["SharedTexts:NoSuchKey (" + CultureInfo.CurrentUICulture.Name + ")"], app.Missing);
    }

    /// <summary>The app with a localizer factory that notes every key a lookup did not find.</summary>
    public sealed class RecordingFactory : RapportApplicationFactory
    {
        public ConcurrentQueue<string> Missing { get; } = new();

        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton<IStringLocalizerFactory>(sp =>
                new RecordingLocalizerFactory(
                    new ResourceManagerStringLocalizerFactory(sp.GetRequiredService<IOptions<LocalizationOptions>>(), sp.GetRequiredService<ILoggerFactory>()),
                    Missing)));
    }

    private sealed class RecordingLocalizerFactory(IStringLocalizerFactory inner, ConcurrentQueue<string> missing) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new RecordingLocalizer(inner.Create(resourceSource), resourceSource.Name, missing);

        public IStringLocalizer Create(string baseName, string location) => new RecordingLocalizer(inner.Create(baseName, location), baseName, missing);
    }

    private sealed class RecordingLocalizer(IStringLocalizer inner, string resource, ConcurrentQueue<string> missing) : IStringLocalizer
    {
        public LocalizedString this[string name] => Record(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Record(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private LocalizedString Record(LocalizedString text)
        {
            if (text.ResourceNotFound)
            {
                missing.Enqueue($"{resource}:{text.Name} ({CultureInfo.CurrentUICulture.Name})");
            }
            return text;
        }
    }
}
