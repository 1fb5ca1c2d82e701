using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Core.Data;
using Rapport.Core.Insights;

namespace Rapport.Web.Features.Insights;

/// <summary>
/// The analytics pages keep their state in the URL with the parameter names of the analytics API
/// (<c>?waveId=3&amp;segment=regular&amp;groupBy=businessType</c>), so a view can be bookmarked, shared and exported
/// with the same query.
/// </summary>
internal static class InsightsUrl
{
    public const string Loyalty = "/analytics/loyalty";
    public const string Phases = "/analytics/phases";
    public const string Drivers = "/analytics/drivers";
    public const string Competitors = "/analytics/competitors";
    public const string DrillDown = "/analytics/accounts";
    public const string Report = "/analytics/report";

    /// <summary>The filter as query parameters (groupBy only when grouped), without empty values.</summary>
    public static Dictionary<string, string?> Parameters(InsightFilter filter, bool withGroupBy = true)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        Add(query, "waveId", filter.WaveId?.ToString(CultureInfo.InvariantCulture));
        Add(query, "segment", filter.Segment is { } s ? EnumText.ToText(s) : null);
        Add(query, "businessType", filter.BusinessType is { } b ? EnumText.ToText(b) : null);
        Add(query, "region", filter.Region);
        Add(query, "industry", filter.Industry);
        Add(query, "keyAccount", filter.KeyAccount switch { true => "true", false => "false", null => null });
        Add(query, "buyingRole", filter.BuyingRole is { } r ? EnumText.ToText(r) : null);
        Add(query, "owner", filter.OwnerUserId?.ToString(CultureInfo.InvariantCulture));
        if (withGroupBy)
        {
            Add(query, "groupBy", InsightFilters.GroupByName(filter.GroupBy));
        }
        return query;
    }

    /// <summary><paramref name="path"/> with the filter and the extra parameters (null or empty extras are left out).</summary>
    public static string For(string path, InsightFilter filter, params (string Name, string? Value)[] extra) =>
        For(path, filter, withGroupBy: true, extra);

    public static string For(string path, InsightFilter filter, bool withGroupBy, params (string Name, string? Value)[] extra)
    {
        var query = Parameters(filter, withGroupBy);
        foreach (var (name, value) in extra)
        {
            Add(query, name, value);
        }
        return QueryHelpers.AddQueryString(path, query);
    }

    /// <summary>The drill-down to the accounts behind a figure: the same filters narrowed by a group, phase, touchpoint, competitor or NPS category.</summary>
    public static string DrillDownTo(InsightFilter filter, string? group = null, string? phase = null, string? touchpoint = null,
        string? competitor = null, string? category = null) =>
        For(DrillDown, group is null ? filter with { GroupBy = InsightGroupBy.None } : filter, withGroupBy: group is not null,
            ("group", group), ("phase", phase), ("touchpoint", touchpoint), ("competitor", competitor), ("category", category));

    /// <summary>True when the query string has a parameter without a value (what a submitted GET form sends for "any").</summary>
    public static bool HasEmptyParameters(string queryString) =>
        QueryHelpers.ParseQuery(queryString).Any(p => p.Value.All(string.IsNullOrEmpty));

    /// <summary>The same path and query without the empty parameters.</summary>
    public static string WithoutEmptyParameters(Uri uri)
    {
        var kept = QueryHelpers.ParseQuery(uri.Query)
            .Where(p => !p.Value.All(string.IsNullOrEmpty))
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()));
        return QueryHelpers.AddQueryString(uri.AbsolutePath, kept);
    }

    private static void Add(Dictionary<string, string?> query, string name, string? value)
    {
        // A group may legitimately be "" (blank region): only null leaves a parameter out for groups.
        if (name == "group" ? value is not null : !string.IsNullOrEmpty(value))
        {
            query[name] = value;
        }
    }
}
