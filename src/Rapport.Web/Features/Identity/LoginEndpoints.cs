using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Identity;

namespace Rapport.Web.Features.Identity;

/// <summary>The form posted by the login page (<c>/login</c>, built by the UI).</summary>
public sealed class LoginForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>A checkbox: "on"/"true" keeps the cookie after the browser closes.</summary>
    public string? RememberMe { get; set; }
}

/// <summary>The form posted by the change-password page (<c>/change-password</c>, built by the UI).</summary>
public sealed class ChangePasswordForm
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>
/// Form endpoints of the cookie login. They answer with redirects (post/redirect/get); errors travel as
/// <c>?error=</c> codes the pages show: <c>invalid</c> (with <c>&amp;email=</c>), <c>expired</c> (stale form),
/// <c>rate_limited</c> for the login; <c>current</c>, <c>invalid</c>, <c>mismatch</c>, <c>expired</c> for the password
/// change. Logging out leads to <c>/login?signedOut=true</c>.
/// </summary>
internal static class LoginEndpoints
{
    public const string LoginPage = "/login";
    public const string ChangePasswordPage = "/change-password";
    public const string LoginRateLimit = "login";

    public static void MapLoginEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        account.MapPost("/login", LoginAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(LoginRateLimit);

        account.MapPost("/logout", LogoutAsync)
            .AllowAnonymous()
            .DisableAntiforgery();

        account.MapPost("/change-password", ChangePasswordAsync)
            .RequireAuthorization()
            .DisableAntiforgery()
            .RequireRateLimiting(LoginRateLimit);
    }

    // Antiforgery is validated by hand (instead of by form binding) so that a stale form redirects back to the page
    // with a message rather than ending in a bare 400.
    private static async Task<IResult> LoginAsync([FromForm] LoginForm form, HttpContext http, IAntiforgery antiforgery, UserDirectory users)
    {
        var returnUrl = LocalOrRoot(form.ReturnUrl);
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Redirect(WithQuery(LoginPage, "expired", returnUrl));
        }
        var user = await users.AuthenticateByPasswordAsync(form.Email ?? "", form.Password ?? "", http.RequestAborted);
        if (user is null)
        {
            // The e-mail goes back so that the page can fill it in again; the password never does.
            return Results.Redirect(WithQuery(LoginPage, "invalid", returnUrl, form.Email?.Trim()));
        }
        var persistent = form.RememberMe is "on" or "true";
        await http.SignInAsync(AuthSchemes.Cookie, UserClaims.Principal(user, AuthSchemes.Cookie),
            new AuthenticationProperties { IsPersistent = persistent });
        return Results.Redirect(user.MustChangePassword ? WithQuery(ChangePasswordPage, null, returnUrl) : returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Redirect("/");
        }
        await http.SignOutAsync(AuthSchemes.Cookie);
        return Results.Redirect(LoginPage + "?signedOut=true");
    }

    private static async Task<IResult> ChangePasswordAsync([FromForm] ChangePasswordForm form, HttpContext http, IAntiforgery antiforgery, UserDirectory users)
    {
        var returnUrl = LocalOrRoot(form.ReturnUrl);
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Redirect(WithQuery(ChangePasswordPage, "expired", returnUrl));
        }
        if (await http.RequestServices.GetRequiredService<CallerAccessor>().GetAsync(http.RequestAborted) is not { } current)
        {
            return Results.Redirect(WithQuery(LoginPage, null, returnUrl));
        }
        if (!string.Equals(form.NewPassword, form.ConfirmPassword, StringComparison.Ordinal))
        {
            return Results.Redirect(WithQuery(ChangePasswordPage, "mismatch", returnUrl));
        }
        var result = await users.ChangePasswordAsync(current.Id, form.CurrentPassword ?? "", form.NewPassword ?? "", http.RequestAborted);
        if (result.Error is { } failure)
        {
            return Results.Redirect(WithQuery(ChangePasswordPage, failure.Field == "currentPassword" ? "current" : "invalid", returnUrl));
        }
        // Re-issue the cookie so that the must-change flag in it is cleared.
        await http.SignInAsync(AuthSchemes.Cookie, UserClaims.Principal(result.Value!, AuthSchemes.Cookie));
        return Results.Redirect(returnUrl);
    }

    /// <summary>Only local paths are followed after login (no open redirects).</summary>
    public static string LocalOrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains("://", StringComparison.Ordinal)
        && !url.Any(char.IsControl)
            ? url
            : "/";

    private static string WithQuery(string page, string? error, string returnUrl, string? email = null)
    {
        var query = new List<string>(3);
        if (error is not null)
        {
            query.Add("error=" + Uri.EscapeDataString(error));
        }
        if (!string.IsNullOrEmpty(email) && email.Length <= 254)
        {
            query.Add("email=" + Uri.EscapeDataString(email));
        }
        if (returnUrl != "/")
        {
            query.Add("returnUrl=" + Uri.EscapeDataString(returnUrl));
        }
        return query.Count == 0 ? page : page + "?" + string.Join('&', query);
    }
}
