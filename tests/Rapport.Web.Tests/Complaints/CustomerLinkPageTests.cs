using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Complaints;

/// <summary>The customer's confirmation page /c/{token}: confirm, reopen, unknown token, language.</summary>
public sealed partial class CustomerLinkPageTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A resolved complaint; returns its id and the customer's link.</summary>
    private async Task<(long Id, string Link, AuthenticatedClient Admin)> ResolvedComplaintAsync()
    {
        var admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        var accountId = (await app.SeedAccountsAsync(1))[0];
        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsync("/api/v1/complaints", Json($$"""
            {"accountId":{{accountId}},"category":"service","severity":"high","subject":"Technician did not come"}
            """)), HttpStatusCode.Created);
        var id = created.GetProperty("complaint").GetProperty("id").GetInt64();
        foreach (var (action, body) in new[] { ("acknowledge", "{}"), ("start", "{}"), ("resolve", """{"rootCause":"Scheduling error","resolution":"A technician came on Tuesday and replaced the valve."}""") })
        {
            var result = await HttpAssert.JsonAsync(await admin.Http.PostAsync($"/api/v1/complaints/{id}/{action}", Json(body)));
            if (action == "resolve")
            {
                return (id, result.GetProperty("customerLink").GetString()!, admin);
            }
        }
        throw new InvalidOperationException("not reached");
    }

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<FormUrlEncodedContent> FormFromAsync(HttpResponseMessage page, params (string Key, string Value)[] fields)
    {
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        return new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]);
    }

    private async Task<string> StatusAsync(AuthenticatedClient admin, long id) =>
        (await HttpAssert.JsonAsync(await admin.Http.GetAsync($"/api/v1/complaints/{id}"))).GetProperty("complaint").GetProperty("status").GetString()!;

    [Fact]
    public async Task Confirm_WithSatisfaction_ThanksAndComplaintConfirmed()
    {
        var (id, link, admin) = await ResolvedComplaintAsync();
        using var browser = Browser();

        var page = await browser.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("lang=\"de\"", html, StringComparison.Ordinal);
        Assert.Contains("Technician did not come", html, StringComparison.Ordinal);
        Assert.Contains("replaced the valve", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Scheduling error", html, StringComparison.Ordinal);
        // Razor components encode non-ASCII characters as entities (&#xFC;); the browser shows the same text.
        Assert.Contains("Ist das Problem für Sie gelöst?", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        var posted = await browser.PostAsync(link + "?lang=de", await FormFromAsync(page, ("answer", "confirm"), ("satisfaction", "5"), ("note", "Danke")));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var thanks = await browser.GetStringAsync(posted.Headers.Location);

        Assert.Contains("Vielen Dank", thanks, StringComparison.Ordinal);
        Assert.Equal("confirmed", await StatusAsync(admin, id));
        var detail = await HttpAssert.JsonAsync(await admin.Http.GetAsync($"/api/v1/complaints/{id}"));
        Assert.Equal(5, detail.GetProperty("complaint").GetProperty("handlingSatisfaction").GetInt32());
        Assert.Equal("customer", detail.GetProperty("history").EnumerateArray().Last().GetProperty("actor").GetString());
        Assert.Contains("Bereits beantwortet", await browser.GetStringAsync(link), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopen_InEnglish_ComplaintReopenedWithReason()
    {
        var (id, link, admin) = await ResolvedComplaintAsync();
        using var browser = Browser();

        var page = await browser.GetAsync(link + "?lang=en");
        Assert.Contains("Is the problem solved for you?", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var posted = await browser.PostAsync(link + "?lang=en", await FormFromAsync(page, ("answer", "reopen"), ("note", "Valve leaks again")));
        var after = await browser.GetStringAsync(posted.Headers.Location);

        Assert.Contains("We are on it again", after, StringComparison.Ordinal);
        Assert.Equal("reopened", await StatusAsync(admin, id));
        var detail = await HttpAssert.JsonAsync(await admin.Http.GetAsync($"/api/v1/complaints/{id}"));
        var last = detail.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("reopened", "Valve leaks again"), (last.GetProperty("kind").GetString(), last.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task Confirm_WithoutSatisfaction_400AndStillResolved()
    {
        var (id, link, admin) = await ResolvedComplaintAsync();
        using var browser = Browser();
        var page = await browser.GetAsync(link + "?lang=en");

        var posted = await browser.PostAsync(link + "?lang=en", await FormFromAsync(page, ("answer", "confirm")));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("Please choose how satisfied you are", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("resolved", await StatusAsync(admin, id));
    }

    [Theory]
    [InlineData("/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/c/nonsense")]
    public async Task Get_UnknownToken_404Page(string path)
    {
        using var browser = Browser();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Link", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_ChangesNothing()
    {
        var (id, link, admin) = await ResolvedComplaintAsync();
        using var browser = Browser();

        var posted = await browser.PostAsync(link, new FormUrlEncodedContent([new("answer", "reopen")]));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("resolved", await StatusAsync(admin, id));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
