using System.Net;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Insights;

/// <summary>The analytics pages through the real HTTP pipeline on a database without survey answers.</summary>
public sealed class InsightsPagesTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>
{
    public static TheoryData<string> Views => new()
    {
        "/analytics/loyalty", "/analytics/phases", "/analytics/drivers", "/analytics/competitors", "/analytics/accounts", "/analytics/report",
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task View_NoWaves_ExplainsHowToGetAnswersAndLinksToSurveys(string path)
    {
        var html = await GetAsync(path, UserRole.AccountManager);

        Assert.Contains("No survey answers yet", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/surveys\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg viewBox", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loyalty_InvalidFilters_NamesEachParameter()
    {
        var html = await GetAsync("/analytics/loyalty?segment=vip&keyAccount=maybe", UserRole.Analyst);

        Assert.Contains("Some filters could not be used", html, StringComparison.Ordinal);
        Assert.Contains("segment: ", html, StringComparison.Ordinal);
        Assert.Contains("keyAccount: ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loyalty_NotSignedIn_RedirectsToLogin()
    {
        using var client = app.CreateBrowser();

        var response = await client.GetAsync(new Uri("/analytics/loyalty?groupBy=region", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/login?returnUrl=", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
    }

    private async Task<string> GetAsync(string path, UserRole role)
    {
        var user = await app.CreateUserAsync(role);
        var (_, cookie) = await app.LoginAsync(user.Email, user.Password);
        using var client = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie!);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
