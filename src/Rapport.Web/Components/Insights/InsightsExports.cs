using Rapport.Core.Insights;

namespace Rapport.Web.Components.Insights;

/// <summary>The download links of a view: the export routes of the analytics API with the page's own query.</summary>
internal static class InsightsExports
{
    /// <summary>The export of <paramref name="view"/> (loyalty, nps, quality, phases, drivers, competitors, trends) in <paramref name="format"/> (csv, xlsx).</summary>
    public static string For(string view, string format, InsightFilter filter, params (string Name, string? Value)[] extra) =>
        InsightsUrl.For($"/api/v1/analytics/{view}/export", filter, [("format", format), .. extra]);
}
