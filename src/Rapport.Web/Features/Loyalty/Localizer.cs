using System.Globalization;
using Microsoft.Extensions.Localization;
using Rapport.Core.Loyalty;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Loyalty;

/// <summary>
/// Names the string resources of the loyalty program pages: <c>IStringLocalizer&lt;LoyaltyTexts&gt;</c> reads LoyaltyTexts.resx (English) and
/// LoyaltyTexts.de.resx next to this file (docs/ui.md, "Texts and languages").
/// </summary>
internal sealed class LoyaltyTexts;

/// <summary>The loyalty texts that depend on a number, and the names the program's master data has in both languages.</summary>
internal static class LoyaltyTextsExtensions
{
    /// <summary>Months, or whole years from two years on.</summary>
    public static string MonthsValue(this IStringLocalizer<LoyaltyTexts> l, int months) =>
        months >= 24 ? l["MonthsValue.Years", months / 12] : l["MonthsValue", months];

    public static string MissingForNextTier(this IStringLocalizer<LoyaltyTexts> l, string tier, string revenue, int months) =>
        months > 0 ? l["MissingForNextTier", tier, revenue, months] : l["MissingForNextTier.NoMonths", tier, revenue];

    public static string TierName(this IStringLocalizer<LoyaltyTexts> l, TierInfo tier) => l.RewardName(tier.NameEn, tier.NameDe);

    /// <summary>Master data named in both languages: the German name for a German UI.</summary>
    public static string RewardName(this IStringLocalizer<LoyaltyTexts> l, string en, string de) =>
        UiCultures.IsGerman(CultureInfo.CurrentUICulture) ? de : en;
}
