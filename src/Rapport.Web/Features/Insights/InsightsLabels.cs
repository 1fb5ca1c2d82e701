using System.Globalization;
using Microsoft.Extensions.Localization;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Insights;
using Rapport.Web.Components.Localization;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Dashboard;
using Rapport.Web.Features.Identity;
using Rapport.Web.Features.Retention;
using Rapport.Web.Features.Surveys;

namespace Rapport.Web.Features.Insights;

/// <summary>
/// Names for people of what the analytics return as codes: group values, groupings, phases and touchpoints. A service
/// (pages inject it) because it reads the shared, analysis and enum texts.
/// </summary>
internal sealed class InsightsLabels(
    IStringLocalizer<SharedTexts> t, IStringLocalizer<InsightsTexts> l, IStringLocalizer<EnumLabels> e)
{
    /// <summary>The master-data name in the current language.</summary>
    public static string Name(string nameEn, string nameDe) =>
        UiCultures.IsGerman(CultureInfo.CurrentUICulture) && !string.IsNullOrWhiteSpace(nameDe) ? nameDe : nameEn;

    /// <summary>What the groups are split by ("segment", "buying role").</summary>
    public string GroupByName(InsightGroupBy groupBy) => groupBy switch
    {
        InsightGroupBy.Segment => t["Segment"],
        InsightGroupBy.BusinessType => t["BusinessType"],
        InsightGroupBy.Region => t["Region"],
        InsightGroupBy.Industry => t["Industry"],
        InsightGroupBy.KeyAccount => t["KeyAccount"],
        InsightGroupBy.BuyingRole => t["BuyingRole"],
        InsightGroupBy.Owner => t["Owner"],
        _ => l["NoGroups"],
    };

    /// <summary>A group's value for people: "Regular customer", "Decider", the owner's name; "All respondents" for null.</summary>
    public string Group(InsightGroupBy groupBy, string? key, InsightFilterOptions? options = null)
    {
        if (key is null)
        {
            return l["Overall"];
        }
        if (key.Length == 0)
        {
            return l["NotSpecified"];
        }
        return groupBy switch
        {
            InsightGroupBy.Segment when EnumText.TryParse<Segment>(key, out var s) => e.Label(s),
            InsightGroupBy.BusinessType when EnumText.TryParse<BusinessType>(key, out var b) => e.Label(b),
            InsightGroupBy.BuyingRole when EnumText.TryParse<BuyingRole>(key, out var r) => e.Label(r),
            InsightGroupBy.KeyAccount => key == "true" ? t["KeyAccounts"] : l["OtherAccounts"],
            InsightGroupBy.Owner => options?.Owners.FirstOrDefault(o => string.Equals(o.Email, key, StringComparison.OrdinalIgnoreCase))?.Name ?? key,
            _ => key,
        };
    }

    /// <summary>A buying role, or "role unknown".</summary>
    public string Role(BuyingRole? role) => role is { } r ? e.Label(r) : l["UnknownRole"];

    /// <summary>A buying role given as text ("" = unknown).</summary>
    public string Role(string? role) =>
        EnumText.TryParse<BuyingRole>(role, out var r) ? e.Label(r) : l["UnknownRole"];
}
