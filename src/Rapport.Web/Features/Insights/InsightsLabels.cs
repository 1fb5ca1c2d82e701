using System.Globalization;
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

/// <summary>Names for people of what the analytics return as codes: group values, groupings, phases and touchpoints.</summary>
internal static class InsightsLabels
{
    private static UiText T => UiText.Current;

    private static InsightsText L => InsightsText.Current;

    /// <summary>The master-data name in the current language.</summary>
    public static string Name(string nameEn, string nameDe) =>
        UiCultures.IsGerman(CultureInfo.CurrentUICulture) && !string.IsNullOrWhiteSpace(nameDe) ? nameDe : nameEn;

    /// <summary>What the groups are split by ("segment", "buying role").</summary>
    public static string GroupByName(InsightGroupBy groupBy) => groupBy switch
    {
        InsightGroupBy.Segment => T.Segment,
        InsightGroupBy.BusinessType => T.BusinessType,
        InsightGroupBy.Region => T.Region,
        InsightGroupBy.Industry => T.Industry,
        InsightGroupBy.KeyAccount => T.KeyAccount,
        InsightGroupBy.BuyingRole => T.BuyingRole,
        InsightGroupBy.Owner => T.Owner,
        _ => L.NoGroups,
    };

    /// <summary>A group's value for people: "Regular customer", "Decider", the owner's name; "All respondents" for null.</summary>
    public static string Group(InsightGroupBy groupBy, string? key, InsightFilterOptions? options = null)
    {
        if (key is null)
        {
            return L.Overall;
        }
        if (key.Length == 0)
        {
            return L.NotSpecified;
        }
        return groupBy switch
        {
            InsightGroupBy.Segment when EnumText.TryParse<Segment>(key, out var s) => T.SegmentName(s),
            InsightGroupBy.BusinessType when EnumText.TryParse<BusinessType>(key, out var b) => T.BusinessTypeName(b),
            InsightGroupBy.BuyingRole when EnumText.TryParse<BuyingRole>(key, out var r) => T.BuyingRoleName(r),
            InsightGroupBy.KeyAccount => key == "true" ? T.KeyAccounts : L.OtherAccounts,
            InsightGroupBy.Owner => options?.Owners.FirstOrDefault(o => string.Equals(o.Email, key, StringComparison.OrdinalIgnoreCase))?.Name ?? key,
            _ => key,
        };
    }

    /// <summary>A buying role, or "role unknown".</summary>
    public static string Role(BuyingRole? role) => role is { } r ? T.BuyingRoleName(r) : L.UnknownRole;

    /// <summary>A buying role given as text ("" = unknown).</summary>
    public static string Role(string? role) =>
        EnumText.TryParse<BuyingRole>(role, out var r) ? T.BuyingRoleName(r) : L.UnknownRole;
}
