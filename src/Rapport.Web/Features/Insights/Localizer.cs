using Microsoft.Extensions.Localization;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Insights;

/// <summary>
/// Names the string resources of the survey analysis pages: <c>IStringLocalizer&lt;InsightsTexts&gt;</c> reads InsightsTexts.resx (English) and
/// InsightsTexts.de.resx next to this file (docs/ui.md, "Texts and languages").
/// </summary>
internal sealed class InsightsTexts;

/// <summary>The analysis texts that depend on a code or a missing value.</summary>
internal static class InsightsTextsExtensions
{
    public static string IntervalMethod(this IStringLocalizer<InsightsTexts> l, string method) =>
        method == "adjusted-wald" ? l["IntervalMethod.adjusted-wald"] : l["IntervalMethod.Other"];

    public static string MethodName(this IStringLocalizer<InsightsTexts> l, string method) =>
        method == "shapley" ? l["MethodName.shapley"] : l["MethodName.Other"];

    public static string DriverChartTitle(this IStringLocalizer<InsightsTexts> l, string? phase) =>
        phase is null ? l["DriverChartTitle.Overall"] : l["DriverChartTitle", phase];

    /// <summary>The short name of a standard questionnaire item; other items show their code.</summary>
    public static string ItemName(this IStringLocalizer<InsightsTexts> l, string code) => l.Known("ItemName", code, code);
}
