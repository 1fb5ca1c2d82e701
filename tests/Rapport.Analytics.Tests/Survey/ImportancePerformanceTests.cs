using Rapport.Analytics.Survey;

namespace Rapport.Analytics.Tests.Survey;

public class ImportancePerformanceTests
{
    [Fact]
    public void Classify_FourItems_SplitsAtMedians()
    {
        var grid = ImportancePerformance.Classify(
        [
            new("logistics", 0.40, 4.5),
            new("sales", 0.30, 3.0),
            new("accounting", 0.10, 3.2),
            new("engineering", 0.05, 4.0),
            new("service", double.NaN, 4.8),
        ]);

        Assert.Equal(0.2, grid.ImportanceMedian, 1e-12);
        Assert.Equal(3.6, grid.PerformanceMedian, 1e-12);
        Assert.Equal(
            [
                ImportancePerformanceQuadrant.StrengthToKeep,
                ImportancePerformanceQuadrant.PriorityToImprove,
                ImportancePerformanceQuadrant.Secondary,
                ImportancePerformanceQuadrant.PossibleOverInvestment,
                null,
            ],
            grid.Items.Select(i => i.Quadrant));
    }

    [Fact]
    public void Classify_NothingPlaceable_GivesNaNMedians()
    {
        var grid = ImportancePerformance.Classify([new("x", double.NaN, 3)]);

        Assert.True(double.IsNaN(grid.ImportanceMedian));
        Assert.Null(grid.Items[0].Quadrant);
    }
}
