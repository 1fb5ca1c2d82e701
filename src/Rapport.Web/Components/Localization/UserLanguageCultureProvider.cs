using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Dashboard;
using Rapport.Web.Features.Identity;
using Rapport.Web.Features.Insights;
using Rapport.Web.Features.Retention;
using Rapport.Web.Features.Surveys;

namespace Rapport.Web.Components.Localization;

/// <summary>Uses the signed-in user's <c>preferred_language</c> when no culture cookie has been set.</summary>
internal sealed class UserLanguageCultureProvider : RequestCultureProvider
{
    /// <summary>A claim carrying the language, when the sign-in puts one on the principal (saves the lookup).</summary>
    public const string ClaimType = "preferred_language";

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var principal = httpContext.User;
        if (principal.Identity?.IsAuthenticated != true || httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return null;
        }
        var language = UiCultures.Normalize(principal.FindFirst(ClaimType)?.Value);
        if (language is null)
        {
            var callers = httpContext.RequestServices.GetService<CallerAccessor>();
            var user = callers is null ? null : await callers.GetAsync(httpContext.RequestAborted);
            language = UiCultures.Normalize(user?.Language);
        }
        return language is null ? null : new ProviderCultureResult(language);
    }
}
