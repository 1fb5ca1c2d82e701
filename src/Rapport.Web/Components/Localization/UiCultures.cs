using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Rapport.Web.Components.Localization;

/// <summary>The UI languages and how a request's language is chosen.</summary>
internal static class UiCultures
{
    public const string English = "en";
    public const string German = "de";

    public static readonly IReadOnlyList<string> Supported = [English, German];

    /// <summary>
    /// An explicit choice (the culture cookie) wins; then the signed-in user's preferred language; then the browser's
    /// Accept-Language; English when none of them names a supported language.
    /// </summary>
    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        options.DefaultRequestCulture = new RequestCulture(English);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new UserLanguageCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }

    /// <summary>The supported language for <paramref name="value"/> ("de-AT" → "de"), or null.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var language = value.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(language) ? language : null;
    }

    /// <summary>The value of the <c>.AspNetCore.Culture</c> cookie for a language.</summary>
    public static string CookieValue(string language) =>
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language));

    public static bool IsGerman(CultureInfo culture) => culture.TwoLetterISOLanguageName == German;
}
