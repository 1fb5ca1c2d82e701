using MathNet.Numerics.Statistics;

namespace Rapport.Analytics.Survey;

/// <summary>Quadrants of the importance–performance grid (docs/definitions.md#phases-and-touchpoints).</summary>
public enum ImportancePerformanceQuadrant
{
    /// <summary>High importance, high performance: strengths to keep.</summary>
    StrengthToKeep,

    /// <summary>High importance, low performance: priorities to improve.</summary>
    PriorityToImprove,

    /// <summary>Low importance, low performance: secondary.</summary>
    Secondary,

    /// <summary>Low importance, high performance: possible over-investment.</summary>
    PossibleOverInvestment,
}

/// <summary>An item (e.g. a touchpoint in a phase) to place in the importance–performance grid.</summary>
/// <param name="Name">Label of the item.</param>
/// <param name="Importance">Impact, e.g. a relative weight; NaN when unknown.</param>
/// <param name="Performance">Performance, e.g. mean satisfaction; NaN when unknown or suppressed.</param>
public sealed record ImportancePerformanceInput(string Name, double Importance, double Performance);

/// <summary>An item with its quadrant.</summary>
/// <param name="Name">Label of the item.</param>
/// <param name="Importance">As given.</param>
/// <param name="Performance">As given.</param>
/// <param name="Quadrant">Null when importance or performance is NaN (the item is not placed).</param>
public sealed record ImportancePerformanceItem(string Name, double Importance, double Performance, ImportancePerformanceQuadrant? Quadrant);

/// <summary>The grid: the medians it is split at and the items.</summary>
/// <param name="ImportanceMedian">Median importance of the placed items; NaN when none.</param>
/// <param name="PerformanceMedian">Median performance of the placed items; NaN when none.</param>
/// <param name="Items">The items in input order.</param>
public sealed record ImportancePerformanceGrid(double ImportanceMedian, double PerformanceMedian, IReadOnlyList<ImportancePerformanceItem> Items);

/// <summary>
/// Importance–performance analysis (Martilla, J. A. &amp; James, J. C. (1977). Importance-performance analysis.
/// Journal of Marketing 41(1), 77–79) with the quadrants split at the medians of the placed items, as docs/definitions.md#phases-and-touchpoints
/// prescribes (data-centred, so every grid has items on both sides).
/// </summary>
public static class ImportancePerformance
{
    /// <summary>Places the items whose importance and performance are both known.</summary>
    /// <remarks>A value equal to the median counts as high, so an odd middle item lands on the "high" side.</remarks>
    public static ImportancePerformanceGrid Classify(IEnumerable<ImportancePerformanceInput> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        var placed = list.Where(i => !double.IsNaN(i.Importance) && !double.IsNaN(i.Performance)).ToList();
        var importanceMedian = placed.Count == 0 ? double.NaN : placed.Select(i => i.Importance).Median();
        var performanceMedian = placed.Count == 0 ? double.NaN : placed.Select(i => i.Performance).Median();
        var result = list.Select(i =>
        {
            ImportancePerformanceQuadrant? quadrant = null;
            if (!double.IsNaN(i.Importance) && !double.IsNaN(i.Performance))
            {
                var important = i.Importance >= importanceMedian;
                var performing = i.Performance >= performanceMedian;
                quadrant = (important, performing) switch
                {
                    (true, true) => ImportancePerformanceQuadrant.StrengthToKeep,
                    (true, false) => ImportancePerformanceQuadrant.PriorityToImprove,
                    (false, false) => ImportancePerformanceQuadrant.Secondary,
                    _ => ImportancePerformanceQuadrant.PossibleOverInvestment,
                };
            }
            return new ImportancePerformanceItem(i.Name, i.Importance, i.Performance, quadrant);
        }).ToList();
        return new ImportancePerformanceGrid(importanceMedian, performanceMedian, result);
    }
}
