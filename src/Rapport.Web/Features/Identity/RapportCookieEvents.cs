using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Core.Data;

namespace Rapport.Web.Features.Identity;

/// <summary>
/// Cookie behaviour: API requests get 401/403 problem details instead of redirects, and a cookie is re-checked
/// against the database every few minutes so that deactivating a user or changing a role takes effect.
/// </summary>
internal sealed class RapportCookieEvents(IOptions<RapportAuthOptions> options, TimeProvider clock) : CookieAuthenticationEvents
{
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (!AuthProblems.IsApiRequest(context.Request))
        {
            return base.RedirectToLogin(context);
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "A login or a bearer token is required.");
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        AuthProblems.IsApiRequest(context.Request)
            ? AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Your role does not allow this.")
            : base.RedirectToAccessDenied(context);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var issued = context.Properties.IssuedUtc;
        var now = clock.GetUtcNow();
        if (issued is not null && now - issued.Value < TimeSpan.FromMinutes(options.Value.RevalidateMinutes))
        {
            return;
        }
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var db = context.HttpContext.RequestServices.GetRequiredService<RapportDbContext>();
        var user = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            ? await db.Users.FirstOrDefaultAsync(u => u.Id == userId, context.HttpContext.RequestAborted)
            : null;
        if (user is null || !user.IsActive)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }
        context.ReplacePrincipal(UserClaims.Principal(user, AuthSchemes.Cookie));
        context.ShouldRenew = true;
    }
}
