using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Core.Data;
using Rapport.Web.Components.Localization;
using Rapport.Web.Components.Shell;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Dashboard;
using Rapport.Web.Features.Identity;
using Rapport.Web.Features.Insights;
using Rapport.Web.Features.Retention;
using Rapport.Web.Features.Surveys;

namespace Rapport.Web.Components;

/// <summary>The Blazor UI (English and German).</summary>
internal static class UiSetup
{
    public static void AddRapportUi(this WebApplicationBuilder builder)
    {
        // Serves wwwroot from the build output in every environment, not only Development (a no-op when published).
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents();
        // Texts in .resx files next to their feature (e.g. Features/Surveys/RespondentTexts.resx), read through IStringLocalizer<T>.
        services.AddLocalization();
        services.AddCascadingAuthenticationState();
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);
        // IStringLocalizer<T> reads T's .resx files next to T (SharedTexts, EnumLabels, one per feature).
        services.AddLocalization();
        services.AddSingleton<InsightsLabels>();
        services.Configure<RequestLocalizationOptions>(UiCultures.Configure);
    }

    public static void MapRapportUi(this WebApplication app)
    {
        // Runs after authentication (Pipeline), so the user's preferred language can take part.
        app.UseRequestLocalization();
        // The login page needs its stylesheet before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        // Form binding makes the endpoint validate the antiforgery token the switch form sends.
        app.MapPost("/culture", SetCultureAsync).AllowAnonymous();
        app.MapRazorComponents<App>();
    }

    /// <summary>
    /// The language switch: remembers the choice in the culture cookie for a year and, for a signed-in user,
    /// as their preferred language, then returns to the page the switch was used on.
    /// </summary>
    private static async Task<IResult> SetCultureAsync(
        HttpContext http,
        [FromForm] string? culture,
        [FromForm] string? returnUrl,
        IDbContextFactory<RapportDbContext> dbFactory,
        CancellationToken cancellationToken)
    {
        var language = UiCultures.Normalize(culture);
        if (language is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unsupported language",
                detail: $"Field 'culture' must be one of: {string.Join(", ", UiCultures.Supported)}.");
        }
        http.Response.Cookies.Append(
            Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
            UiCultures.CookieValue(language),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
            });
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var user = await http.RequestServices.GetRequiredService<CallerAccessor>().GetAsync(cancellationToken);
            if (user is not null && user.Language != language)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await db.Users.Where(u => u.Id == user.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, language), cancellationToken);
            }
        }
        return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }
}
