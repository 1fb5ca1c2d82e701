using System.Net;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Auth;

public sealed class LoginTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        using var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        request.Headers.Add("Cookie", cookie);
        return await browser.SendAsync(request);
    }

    [Fact]
    public async Task Login_GoodPassword_IssuesCookieAndRedirectsToReturnUrl()
    {
        var user = await app.CreateUserAsync(UserRole.Analyst);

        var (response, cookie) = await app.LoginAsync(user.Email.ToUpperInvariant(), user.Password, "/accounts?segment=new");

        LoginForms.AssertRedirect(response, "/accounts?segment=new");
        Assert.NotNull(cookie);
        var me = await HttpAssert.JsonAsync(await GetWithCookieAsync("/api/v1/me", cookie));
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal("analyst", me.GetProperty("role").GetString());
        Assert.NotNull(await app.ScalarAsync<DateTime?>("SELECT last_login_at FROM users WHERE id = $1", user.Id));
    }

    [Fact]
    public async Task Login_BadPassword_IssuesNoCookieAndRedirectsToLoginWithError()
    {
        var user = await app.CreateUserAsync(UserRole.Viewer);

        var (response, cookie) = await app.LoginAsync(user.Email, user.Password + "x", "/accounts");

        LoginForms.AssertRedirect(response, $"/login?error=invalid&email={Uri.EscapeDataString(user.Email)}&returnUrl=%2Faccounts");
        Assert.Null(cookie);
    }

    [Fact]
    public async Task Login_UnknownUser_IssuesNoCookie()
    {
        var (response, cookie) = await app.LoginAsync("nobody@test.rapport", "whatever-password");

        LoginForms.AssertRedirect(response, "/login?error=invalid&email=nobody%40test.rapport");
        Assert.Null(cookie);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task Login_ForeignReturnUrl_RedirectsToRoot(string returnUrl)
    {
        var user = await app.CreateUserAsync(UserRole.Viewer);

        var (response, cookie) = await app.LoginAsync(user.Email, user.Password, returnUrl);

        LoginForms.AssertRedirect(response, "/");
        Assert.NotNull(cookie);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IssuesNoCookie()
    {
        var user = await app.CreateUserAsync(UserRole.Viewer);

        var (response, cookie) = await app.LoginAsync(user.Email, user.Password, withAntiforgery: false);

        LoginForms.AssertRedirect(response, "/login?error=expired");
        Assert.Null(cookie);
    }

    [Fact]
    public async Task Login_MustChangePassword_RedirectsToChangePasswordPage()
    {
        var user = await app.CreateUserAsync(UserRole.Admin);
        await app.ExecuteAsync("UPDATE users SET must_change_password = true WHERE id = $1", user.Id);

        var (response, cookie) = await app.LoginAsync(user.Email, user.Password, "/reports");

        LoginForms.AssertRedirect(response, "/change-password?returnUrl=%2Freports");
        Assert.NotNull(cookie);
    }

    [Fact]
    public async Task ChangePassword_CorrectCurrentPassword_ClearsFlagAndNewPasswordWorks()
    {
        var user = await app.CreateUserAsync(UserRole.AccountManager);
        await app.ExecuteAsync("UPDATE users SET must_change_password = true WHERE id = $1", user.Id);
        var (_, cookie) = await app.LoginAsync(user.Email, user.Password);
        var (form, afCookie) = LoginForms.Form(app, user.Id,
            ("currentPassword", user.Password), ("newPassword", "a brand new passphrase"), ("confirmPassword", "a brand new passphrase"));
        using var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/account/change-password")) { Content = form };
        request.Headers.Add("Cookie", $"{cookie}; {afCookie}");

        var response = await browser.SendAsync(request);

        LoginForms.AssertRedirect(response, "/");
        Assert.False(await app.ScalarAsync<bool>("SELECT must_change_password FROM users WHERE id = $1", user.Id));
        Assert.NotNull((await app.LoginAsync(user.Email, "a brand new passphrase")).AuthCookie);
        Assert.Null((await app.LoginAsync(user.Email, user.Password)).AuthCookie);
    }

    [Fact]
    public async Task Logout_WithAntiforgeryToken_EndsTheSession()
    {
        var user = await app.CreateUserAsync(UserRole.Viewer);
        var (_, cookie) = await app.LoginAsync(user.Email, user.Password);
        var (form, afCookie) = LoginForms.Form(app, user.Id);
        using var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/account/logout")) { Content = form };
        request.Headers.Add("Cookie", $"{cookie}; {afCookie}");

        var response = await browser.SendAsync(request);

        LoginForms.AssertRedirect(response, "/login?signedOut=true");
        var cleared = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rapport.auth=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_Anonymous_RedirectsToLoginWithReturnUrl()
    {
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync(Url("/accounts/17"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccounts%2F17", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Api_CookieOfViewer_WriteIsForbiddenWithProblemDetailsNotRedirect()
    {
        var user = await app.CreateUserAsync(UserRole.Viewer);
        var (_, cookie) = await app.LoginAsync(user.Email, user.Password);
        using var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/api/v1/accounts"))
        {
            Content = new StringContent("""{"externalId":"V-1","name":"V"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", cookie);

        var response = await browser.SendAsync(request);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Api_DeactivatedUserToken_Returns401()
    {
        var client = await app.CreateAuthenticatedClientAsync(UserRole.Analyst);
        await app.ExecuteAsync("UPDATE users SET is_active = false WHERE id = $1", client.User.Id);

        var response = await client.Http.GetAsync(Url("/api/v1/accounts"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}

/// <summary>Its own host: a permit limit of 3 logins per window.</summary>
public sealed class LoginRateLimitTests(LoginRateLimitTests.Factory app) : IClassFixture<LoginRateLimitTests.Factory>
{
    public sealed class Factory : RapportApplicationFactory
    {
        protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.UseSetting("Rapport:Auth:LoginPermitLimit", "3");
    }

    [Fact]
    public async Task Login_TooManyAttempts_RedirectsWithRateLimitedAndIssuesNoCookie()
    {
        var user = await app.CreateUserAsync(UserRole.Viewer);
        for (var i = 0; i < 3; i++)
        {
            await app.LoginAsync(user.Email, "wrong password " + i);
        }

        var (response, cookie) = await app.LoginAsync(user.Email, user.Password);

        LoginForms.AssertRedirect(response, "/login?error=rate_limited");
        Assert.Null(cookie);
    }
}
