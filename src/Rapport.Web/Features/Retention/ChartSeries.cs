namespace Rapport.Web.Features.Retention;

/// <summary>One line of a <see cref="KpiLineChart"/>: a name, a CSS modifier for its colour, a value per x label (null = undefined).</summary>
public sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<double?> Values);
