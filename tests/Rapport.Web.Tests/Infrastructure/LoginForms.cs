using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Rapport.Web.Tests.Infrastructure;

/// <summary>
/// Posts the forms the UI's login page posts: with a valid antiforgery token (made by the app's own IAntiforgery,
/// as the page's &lt;AntiforgeryToken/&gt; would) and the matching cookie.
/// </summary>
public static class LoginForms
{
    public static HttpClient CreateBrowser(this RapportApplicationFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>The form fields plus the antiforgery field and cookie for a request by <paramref name="userId"/> (null: anonymous).</summary>
    public static (FormUrlEncodedContent Form, string Cookie) Form(RapportApplicationFactory app, long? userId, params (string Key, string Value)[] fields)
    {
        var antiforgery = app.Services.GetRequiredService<IAntiforgery>();
        var context = new DefaultHttpContext { RequestServices = app.Services };
        if (userId is { } id)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString(CultureInfo.InvariantCulture))], "test"));
        }
        var tokens = antiforgery.GetTokens(context);
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Append(new KeyValuePair<string, string>(tokens.FormFieldName, tokens.RequestToken!));
        return (new FormUrlEncodedContent(all), "rapport.af=" + tokens.CookieToken);
    }

    /// <summary>POSTs /account/login; returns the response (a redirect) and the auth cookie, if one was issued.</summary>
    public static async Task<(HttpResponseMessage Response, string? AuthCookie)> LoginAsync(this RapportApplicationFactory app, string email, string password,
        string? returnUrl = null, bool withAntiforgery = true)
    {
        using var browser = app.CreateBrowser();
        var fields = new List<(string, string)> { ("email", email), ("password", password) };
        if (returnUrl is not null)
        {
            fields.Add(("returnUrl", returnUrl));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative));
        if (withAntiforgery)
        {
            var (form, cookie) = Form(app, null, [.. fields]);
            request.Content = form;
            request.Headers.Add("Cookie", cookie);
        }
        else
        {
            request.Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        }
        var response = await browser.SendAsync(request);
        var authCookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("rapport.auth=", StringComparison.Ordinal))
            : null;
        return (response, authCookie);
    }

    public static void AssertRedirect(HttpResponseMessage response, string location)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"Expected a redirect, got {(int)response.StatusCode}");
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }
}
