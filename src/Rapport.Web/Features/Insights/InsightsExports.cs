using Rapport.Core.Insights;

namespace Rapport.Web.Features.Insights;

/// <summary>
/// One downloadable table of a page: an analytics API route (<c>/api/v1/analytics/{View}</c>) that answers
/// <c>?format=csv|xlsx</c> with the page's own filters, plus the route's extra parameters (phase, bootstrap, drill-down target).
/// </summary>
public sealed record InsightsExport(string View, string Label, params (string Name, string? Value)[] Extra)
{
    internal string Href(string format, InsightFilter filter) =>
        InsightsUrl.For($"/api/v1/analytics/{View}", filter, [.. Extra, ("format", format)]);
}
