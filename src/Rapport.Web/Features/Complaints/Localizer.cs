using Microsoft.Extensions.Localization;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Complaints;

/// <summary>
/// Names the string resources of the complaint pages for staff: <c>IStringLocalizer&lt;ComplaintsTexts&gt;</c> reads ComplaintsTexts.resx (English) and
/// ComplaintsTexts.de.resx next to this file (docs/ui.md, "Texts and languages").
/// </summary>
internal sealed class ComplaintsTexts;

/// <summary>The complaint texts that depend on a number or a field.</summary>
internal static class ComplaintsTextsExtensions
{
    public static string ComplaintsCount(this IStringLocalizer<ComplaintsTexts> c, int count) => c.Count("ComplaintsCount", count);

    /// <summary>The chart's description; the group name ("Category") is lower case mid-sentence in both languages.</summary>
    public static string ChartSummary(this IStringLocalizer<ComplaintsTexts> c, string group) =>
        c["ChartSummary", group.ToLowerInvariant()];

    /// <summary>Days with one decimal below ten, whole days from ten on.</summary>
    public static string DaysValue(this IStringLocalizer<ComplaintsTexts> c, double days) =>
        days < 10 ? c["DaysValue.Small", days] : c["DaysValue", days];

    /// <summary>"1 – very dissatisfied" … "5 – very satisfied"; values above 5 count as 5.</summary>
    public static string SatisfactionLabel(this IStringLocalizer<ComplaintsTexts> c, int value) =>
        c["SatisfactionLabel." + Math.Clamp(value, 1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>The form's text for a refused field, else the API's message.</summary>
    public static string FieldProblem(this IStringLocalizer<ComplaintsTexts> c, string field, string message) =>
        c.Known("FieldProblem", field, message);
}
