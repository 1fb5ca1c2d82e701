using System.Globalization;
using Microsoft.Extensions.Localization;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Retention;

/// <summary>
/// Names the string resources of the retention, KPI and acquisition pages: <c>IStringLocalizer&lt;RetentionTexts&gt;</c> reads RetentionTexts.resx (English) and
/// RetentionTexts.de.resx next to this file (docs/ui.md, "Texts and languages").
/// </summary>
internal sealed class RetentionTexts;

/// <summary>The retention texts that depend on a number or a code.</summary>
internal static class RetentionTextsExtensions
{
    /// <summary>The trend's caption; English writes the unit ("Months") in lower case mid-sentence, German keeps its nouns.</summary>
    public static string TrendIntro(this IStringLocalizer<RetentionTexts> r, string unit, int count) =>
        r["TrendIntro", UiCultures.IsGerman(CultureInfo.CurrentUICulture) ? unit : unit.ToLowerInvariant(), count];

    public static string WithoutCost(this IStringLocalizer<RetentionTexts> r, int count) => r.Count("WithoutCost", count);

    /// <summary>Why a period form was refused, by the field at fault.</summary>
    public static string PeriodError(this IStringLocalizer<RetentionTexts> r, string field) =>
        r.Known("PeriodError", field, r["PeriodError.Other"]);

    public static string ValueBasis(this IStringLocalizer<RetentionTexts> r, string basis) =>
        basis == "clv" ? r["ValueBasis.clv"] : r["ValueBasis.Other"];

    public static string FeatureName(this IStringLocalizer<RetentionTexts> r, string feature) => r.Known("FeatureName", feature, feature);

    public static string EvidenceKindName(this IStringLocalizer<RetentionTexts> r, string kind) => r.Known("EvidenceKindName", kind, kind);

    /// <summary>A duration in the largest fitting unit: days up to two months, months up to two years, then years.</summary>
    public static string DurationDays(this IStringLocalizer<RetentionTexts> r, double days) => days switch
    {
        < 1 => r["DurationDays.LessThanADay"],
        < 60 => r["DurationDays.Days", days],
        < 730 => r["DurationDays.Months", days / 30.4375],
        _ => r["DurationDays.Years", days / 365.25],
    };
}
