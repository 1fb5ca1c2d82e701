using Rapport.Analytics.Acquisition;

namespace Rapport.Analytics.Tests.Acquisition;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void Auc_PerfectlySeparable_One() =>
        Assert.Equal(1.0, ClassificationMetrics.Auc([0.1, 0.2, 0.3, 0.8, 0.9], [false, false, false, true, true]));

    [Fact]
    public void Auc_TieBetweenClasses_CountsHalf()
    {
        // Pairs (positive, negative): (0.4, 0.1) 1, (0.4, 0.4) ½, (0.8, 0.1) 1, (0.8, 0.4) 1 → 3.5 / 4.
        Assert.Equal(0.875, ClassificationMetrics.Auc([0.1, 0.4, 0.4, 0.8], [false, true, false, true]));
        Assert.Equal(0.5, ClassificationMetrics.Auc([0.3, 0.3, 0.3], [true, false, true]));
    }

    [Fact]
    public void Auc_OneClassOnly_Null() => Assert.Null(ClassificationMetrics.Auc([0.2, 0.7], [true, true]));

    [Fact]
    public void Brier_HandComputed() =>
        Assert.Equal(0.065, ClassificationMetrics.Brier([0.8, 0.3], [true, false])!.Value, 12);

    [Fact]
    public void Reliability_FourBins_CountsMeansAndRates()
    {
        var bins = ClassificationMetrics.Reliability([0.1, 0.2, 0.6, 0.7, 1.0], [false, true, true, true, true], bins: 4);

        Assert.Equal([2, 0, 2, 1], bins.Select(b => b.Count));
        Assert.Equal(0.15, bins[0].MeanPredicted!.Value, 12);
        Assert.Equal(0.5, bins[0].ObservedRate);
        Assert.Null(bins[1].MeanPredicted);
        Assert.Equal(1.0, bins[3].ObservedRate);
        Assert.Equal(0.75, bins[3].Low);
    }
}
