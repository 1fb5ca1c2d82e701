using Microsoft.Extensions.Localization;

namespace Rapport.Web.Components.Localization;

/// <summary>
/// Names the string resources of the shell and the words several pages share: <c>IStringLocalizer&lt;SharedTexts&gt;</c> reads SharedTexts.resx (English) and
/// SharedTexts.de.resx next to this file (docs/ui.md, "Texts and languages").
/// </summary>
internal sealed class SharedTexts;

/// <summary>The shared texts whose wording depends on a number (docs/ui.md, "Texts and languages").</summary>
internal static class SharedTextsExtensions
{
    /// <summary>"1 day", "12 days".</summary>
    public static string Days(this IStringLocalizer<SharedTexts> t, int days) => t.Count("Days", days);

    /// <summary>"in 1 day", "in 12 days".</summary>
    public static string InDays(this IStringLocalizer<SharedTexts> t, int days) => t.Count("InDays", days);

    /// <summary>"today", "yesterday", "12 days ago".</summary>
    public static string DaysAgo(this IStringLocalizer<SharedTexts> t, int days) =>
        days == 0 ? t["DaysAgo.Zero"] : t.Count("DaysAgo", days);

    /// <summary>
    /// The singular <c>key.One</c> for a count of 1, else <c>key</c> formatted with the count: both languages of the
    /// UI only distinguish one from many.
    /// </summary>
    public static string Count(this IStringLocalizer texts, string key, long count) =>
        count == 1 ? texts[key + ".One"] : texts[key, count];

    /// <summary>
    /// The text <c>key.code</c> for a code the texts know, else <paramref name="fallback"/> (custom codes such as
    /// own survey items have no text and show as they are).
    /// </summary>
    public static string Known(this IStringLocalizer texts, string key, string code, string fallback)
    {
        var text = texts[key + "." + code];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
