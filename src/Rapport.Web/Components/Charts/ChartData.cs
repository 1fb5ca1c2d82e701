namespace Rapport.Web.Components.Charts;

/// <summary>A named series of a chart and the CSS class that colours it (e.g. <c>part-attachment</c>, <c>series-2</c>).</summary>
public sealed record ChartSeries(string Name, string CssClass);

/// <summary>
/// One bar of a stacked bar chart. <paramref name="Parts"/> holds one value per series; null when the group is
/// suppressed for anonymity (then only "fewer than N respondents" is shown). <paramref name="N"/> is the number of
/// respondents behind the bar, <paramref name="Href"/> the drill-down, <paramref name="Flag"/> a short warning shown
/// next to the bar (e.g. "captive"), <paramref name="Extra"/> a figure shown after the bar instead of the total (e.g. a mean).
/// </summary>
public sealed record StackedBar(string Label, int N, IReadOnlyList<double>? Parts, string? Href = null, string? Flag = null, string? Extra = null)
{
    public bool Suppressed => Parts is null;

    /// <summary>The sum of the finite parts; NaN when suppressed or when no part is known.</summary>
    public double Total => Parts is { } parts && parts.Any(double.IsFinite) ? parts.Where(double.IsFinite).Sum() : double.NaN;
}

/// <summary>
/// One bar of a horizontal bar chart with an optional interval (whisker). Null <paramref name="Value"/> with
/// <paramref name="Suppressed"/> shows "fewer than N respondents"; without it, "no answers".
/// </summary>
public sealed record BarItem(
    string Label, double? Value, int N, double? Lower = null, double? Upper = null, string? Href = null, bool Suppressed = false);

/// <summary>A point of a line chart: null <paramref name="Value"/> leaves a gap; <paramref name="Size"/> (0–1) scales the marker.</summary>
public sealed record LinePoint(double? Value, int N, double? Size = null, bool Suppressed = false);

/// <summary>A line of a line chart, one point per category of the chart.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<LinePoint> Points);

/// <summary>A point of the importance–performance matrix with its quadrant's name.</summary>
public sealed record QuadrantPoint(string Label, double X, double Y, int N, string Quadrant, string? Href = null);

/// <summary>
/// A heat-map cell: <paramref name="Value"/> is coloured; <paramref name="Involvement"/> (0–1) is printed under it;
/// <paramref name="Suppressed"/> hides a cell with fewer than the minimum respondents.
/// </summary>
public sealed record HeatCell(double? Value, int N, double? Involvement = null, bool Suppressed = false, string? Href = null);
