using Rapport.Analytics.Drivers;

namespace Rapport.Analytics.Tests.Drivers;

public class RelativeImportanceTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void Analyze_MtcarsJohnsonRelativeWeights_MatchesPublishedRwa()
    {
        var result = RelativeImportance.Analyze(MtCars.Column("mpg"), MtCars.Many("cyl", "disp", "hp", "gear"));

        Assert.Equal(ImportanceMethod.RelativeWeights, result.Method);
        Assert.Equal(32, result.N);
        Assert.Equal(0.7791896, result.RSquared, Tolerance);
        double[] expected = [0.2284797, 0.2221469, 0.2321744, 0.0963886];
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.Equal(expected[j], result.Drivers[j].Weight, Tolerance);
            Assert.Equal(100 * expected[j] / 0.7791896, result.Drivers[j].Share, 1e-4);
            Assert.True(double.IsNaN(result.Drivers[j].CiLow));
        }
        Assert.Equal(["cyl", "disp", "hp", "gear"], result.Drivers.Select(d => d.Name));
    }

    [Fact]
    public void Analyze_MtcarsShapley_MatchesPublishedRelaimpoLmg()
    {
        var result = RelativeImportance.Analyze(MtCars.Column("mpg"), MtCars.Many("am", "vs", "cyl"),
            new DriverImportanceOptions { Method = ImportanceMethod.Shapley });

        Assert.Equal(0.7619773, result.RSquared, Tolerance);
        Assert.Equal(0.1774892, result.Drivers[0].Weight, Tolerance);
        Assert.Equal(0.2027032, result.Drivers[1].Weight, Tolerance);
        Assert.Equal(0.3817849, result.Drivers[2].Weight, Tolerance);
    }
}
