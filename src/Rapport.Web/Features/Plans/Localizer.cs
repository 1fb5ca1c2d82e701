using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Rapport.Web.Features.Plans;

/// <summary>
/// Names the string resources of the account plan pages: <c>IStringLocalizer&lt;PlanTexts&gt;</c> reads PlanTexts.resx (English) and
/// PlanTexts.de.resx next to this file (docs/ui.md, "Texts and languages").
/// </summary>
internal sealed class PlanTexts;

/// <summary>The plan texts that depend on a number.</summary>
internal static class PlanTextsExtensions
{
    /// <summary>A relationship strength 1–5 with the words at its ends and middle.</summary>
    public static string StrengthName(this IStringLocalizer<PlanTexts> p, int strength) => p["StrengthName." + OneToFive(strength)];

    /// <summary>A score 1–5 in words.</summary>
    public static string ScoreName(this IStringLocalizer<PlanTexts> p, int score) => p["ScoreName." + OneToFive(score)];

    public static string ReviewDueSince(this IStringLocalizer<PlanTexts> p, int days) =>
        days <= 0 ? p["ReviewDueSince.Today"] : p["ReviewDueSince", days];

    private static string OneToFive(int value) => Math.Clamp(value, 1, 5).ToString(CultureInfo.InvariantCulture);
}
