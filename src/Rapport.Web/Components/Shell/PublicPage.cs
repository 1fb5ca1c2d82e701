using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Rapport.Web.Components.Shell;

/// <summary>
/// Renders a public page component (see <see cref="PublicLayout"/>) from a minimal-API endpoint in a given language.
/// The respondent and complaint pages speak the contact's language whatever the request's culture is, and resource
/// lookups read <see cref="CultureInfo.CurrentUICulture"/>, so the culture is set around the render.
/// </summary>
internal static class PublicPage
{
    /// <summary>The languages of the public pages; anything else is English.</summary>
    public static string Language(string? language) => language == "de" ? "de" : "en";

    /// <summary>The language a page links to as the alternative.</summary>
    public static string OtherLanguage(string language) => language == "de" ? "en" : "de";

    public static IResult Render<TComponent>(string language, IReadOnlyDictionary<string, object?> parameters,
        int statusCode = StatusCodes.Status200OK) where TComponent : IComponent =>
        new CultureResult(CultureInfo.GetCultureInfo(Language(language)),
            new RazorComponentResult<TComponent>(parameters) { StatusCode = statusCode });

    private sealed class CultureResult(CultureInfo culture, IResult inner) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                await inner.ExecuteAsync(httpContext);
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
                CultureInfo.CurrentUICulture = previousUi;
            }
        }
    }
}
