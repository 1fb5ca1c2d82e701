using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Drivers;

namespace Rapport.Analytics.Tests.Drivers;

public class RelativeImportanceTests
{
    private const double Tolerance = 1e-6;

    private static readonly DriverImportanceOptions Shapley = new() { Method = ImportanceMethod.Shapley };

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
            Assert.True(double.IsNaN(result.Drivers[j].CiHigh));
        }
        Assert.Equal(["cyl", "disp", "hp", "gear"], result.Drivers.Select(d => d.Name));
    }

    [Fact]
    public void Analyze_MtcarsShapley_MatchesPublishedRelaimpoLmg()
    {
        var result = RelativeImportance.Analyze(MtCars.Column("mpg"), MtCars.Many("am", "vs", "cyl"), Shapley);

        Assert.Equal(ImportanceMethod.Shapley, result.Method);
        Assert.Equal(0.7619773, result.RSquared, Tolerance);
        Assert.Equal(0.1774892, result.Drivers[0].Weight, Tolerance);
        Assert.Equal(0.2027032, result.Drivers[1].Weight, Tolerance);
        Assert.Equal(0.3817849, result.Drivers[2].Weight, Tolerance);
    }

    [Fact]
    public void Analyze_BothMethodsOnSameDrivers_ShareTheModelRSquared()
    {
        var weights = RelativeImportance.Analyze(MtCars.Column("mpg"), MtCars.Many("am", "vs", "cyl"));
        var shapley = RelativeImportance.Analyze(MtCars.Column("mpg"), MtCars.Many("cyl", "disp", "hp", "gear"), Shapley);

        Assert.Equal(0.7619773, weights.RSquared, Tolerance);
        Assert.Equal(0.7791896, shapley.RSquared, Tolerance);
    }

    [Fact]
    public void RelativeWeights_FromCorrelationMatrix_MatchesRawDataAnalysis()
    {
        var names = new[] { "cyl", "disp", "hp", "gear" };
        var y = MtCars.Column("mpg").Values.ToArray();
        var x = names.Select(n => MtCars.Column(n).Values.ToArray()).ToArray();
        var rxx = new double[4, 4];
        var rxy = new double[4];
        for (var i = 0; i < 4; i++)
        {
            rxy[i] = MathNet.Numerics.Statistics.Correlation.Pearson(x[i], y);
            for (var j = 0; j < 4; j++)
            {
                rxx[i, j] = i == j ? 1 : MathNet.Numerics.Statistics.Correlation.Pearson(x[i], x[j]);
            }
        }

        var weights = RelativeImportance.RelativeWeights(rxx, rxy);
        var shapley = RelativeImportance.Shapley(rxx, rxy);

        Assert.Equal([0.2284797, 0.2221469, 0.2321744, 0.0963886], weights.Select(w => Math.Round(w, 7)));
        Assert.Equal(0.7791896, RelativeImportance.RSquared(rxx, rxy), Tolerance);
        Assert.Equal(0.7791896, shapley.Sum(), Tolerance);
    }

    [Fact]
    public void Analyze_SingleDriver_WeightIsSquaredCorrelation()
    {
        var r = MathNet.Numerics.Statistics.Correlation.Pearson(MtCars.Column("wt").Values, MtCars.Column("mpg").Values);

        var weights = RelativeImportance.Analyze(MtCars.Column("mpg"), MtCars.Many("wt"));
        var shapley = RelativeImportance.Analyze(MtCars.Column("mpg"), MtCars.Many("wt"), Shapley);

        Assert.Equal(r * r, weights.Drivers[0].Weight, 1e-12);
        Assert.Equal(r * r, shapley.Drivers[0].Weight, 1e-12);
        Assert.Equal(100, shapley.Drivers[0].Share, 1e-9);
    }

    [Fact]
    public void Analyze_RowsWithMissingValues_UsesCompleteCasesOnly()
    {
        var mpg = MtCars.Column("mpg").Values.ToArray();
        var hp = MtCars.Column("hp").Values.ToArray();
        mpg[3] = double.NaN;
        hp[7] = double.NaN;
        var complete = Enumerable.Range(0, 32).Where(i => i != 3 && i != 7).ToArray();

        var withGaps = RelativeImportance.Analyze(new DriverColumn("mpg", mpg), [MtCars.Column("cyl"), new DriverColumn("hp", hp)]);
        var dropped = RelativeImportance.Analyze(
            new DriverColumn("mpg", complete.Select(i => mpg[i]).ToArray()),
            [new DriverColumn("cyl", complete.Select(i => MtCars.Column("cyl").Values[i]).ToArray()),
             new DriverColumn("hp", complete.Select(i => hp[i]).ToArray())]);

        Assert.Equal(30, withGaps.N);
        Assert.Equal(2, withGaps.ExcludedRows);
        Assert.Equal(dropped.Drivers[0].Weight, withGaps.Drivers[0].Weight, 1e-12);
        Assert.Equal(dropped.RSquared, withGaps.RSquared, 1e-12);
    }

    [Fact]
    public void Analyze_ConstantDriver_ThrowsNamingIt()
    {
        var constant = new DriverColumn("flat", Enumerable.Repeat(3.0, 32).ToArray());

        var ex = Assert.Throws<DegenerateDataException>(() =>
            RelativeImportance.Analyze(MtCars.Column("mpg"), [MtCars.Column("hp"), constant]));

        Assert.Contains("'flat'", ex.Message);
        Assert.Contains("constant", ex.Message);
    }

    [Fact]
    public void Analyze_ConstantTarget_ThrowsNamingIt()
    {
        var ex = Assert.Throws<DegenerateDataException>(() =>
            RelativeImportance.Analyze(new DriverColumn("score", Enumerable.Repeat(1.0, 32).ToArray()), MtCars.Many("hp")));

        Assert.Contains("'score'", ex.Message);
    }

    [Fact]
    public void Analyze_FewerRowsThanDriversPlusTwo_Throws()
    {
        var y = new DriverColumn("y", [1.0, 2, 4, 3]);
        var drivers = new[] { new DriverColumn("a", [1.0, 0, 2, 5]), new DriverColumn("b", [3.0, 1, 1, 2]), new DriverColumn("c", [0.0, 1, 0, 1]) };

        var ex = Assert.Throws<DegenerateDataException>(() => RelativeImportance.Analyze(y, drivers));

        Assert.Contains("4 complete cases for 3 driver(s)", ex.Message);
        Assert.Contains("at least 5", ex.Message);
    }

    [Theory]
    [InlineData(ImportanceMethod.RelativeWeights)]
    [InlineData(ImportanceMethod.Shapley)]
    public void Analyze_DriverIsSumOfOthers_ThrowsSingularNamingIt(ImportanceMethod method)
    {
        var cyl = MtCars.Column("cyl").Values;
        var gear = MtCars.Column("gear").Values;
        var sum = new DriverColumn("cylPlusGear", cyl.Zip(gear, (a, b) => 2 * a - b).ToArray());

        var ex = Assert.Throws<DegenerateDataException>(() => RelativeImportance.Analyze(
            MtCars.Column("mpg"), [MtCars.Column("cyl"), MtCars.Column("gear"), sum], new DriverImportanceOptions { Method = method }));

        Assert.Contains("'cylPlusGear'", ex.Message);
        Assert.Contains("singular", ex.Message);
    }

    [Fact]
    public void Analyze_ShapleyWithSixteenDrivers_RejectsMethod()
    {
        var (target, _) = new SyntheticData(1, 1, 40).Build();
        var drivers = Enumerable.Range(0, 16).Select(j => new DriverColumn($"d{j}", new SyntheticData(j + 10, 1, 40).Build().Drivers[0].Values)).ToArray();

        Assert.Throws<ArgumentOutOfRangeException>(() => RelativeImportance.Analyze(target, drivers, Shapley));
    }

    [Fact]
    public void Analyze_ShapleyWithFifteenDrivers_SumsToRSquaredQuickly()
    {
        var (target, drivers) = new SyntheticData(42, 15, 200).Build();

        var shapley = RelativeImportance.Analyze(target, drivers, Shapley);
        var weights = RelativeImportance.Analyze(target, drivers);

        Assert.Equal(weights.RSquared, shapley.RSquared, 1e-10);
        Assert.Equal(shapley.RSquared, shapley.Drivers.Sum(d => d.Weight), 1e-10);
    }

    [Fact]
    public void Analyze_BootstrapSameSeed_GivesIdenticalIntervals()
    {
        var options = new DriverImportanceOptions { BootstrapResamples = 300, Seed = 11 };
        var first = RelativeImportance.Analyze(MtCars.Column("mpg"), MtCars.Many("cyl", "disp", "hp", "gear"), options);
        var second = RelativeImportance.Analyze(MtCars.Column("mpg"), MtCars.Many("cyl", "disp", "hp", "gear"),
            options with { MaxDegreeOfParallelism = 1 });
        var other = RelativeImportance.Analyze(MtCars.Column("mpg"), MtCars.Many("cyl", "disp", "hp", "gear"), options with { Seed = 12 });

        Assert.Equal(first.Drivers.Select(d => (d.CiLow, d.CiHigh)), second.Drivers.Select(d => (d.CiLow, d.CiHigh)));
        Assert.NotEqual(first.Drivers.Select(d => d.CiLow), other.Drivers.Select(d => d.CiLow));
        Assert.Equal(300, first.BootstrapResamples);
        Assert.Equal(0, first.BootstrapFailures);
    }

    [Theory]
    [InlineData(ImportanceMethod.RelativeWeights)]
    [InlineData(ImportanceMethod.Shapley)]
    public void Analyze_BootstrapOnReasonableData_IntervalsContainEstimates(ImportanceMethod method)
    {
        var (target, drivers) = new SyntheticData(5, 4, 300).Build();

        var result = RelativeImportance.Analyze(target, drivers,
            new DriverImportanceOptions { Method = method, BootstrapResamples = 400, Seed = 3 });

        Assert.All(result.Drivers, d =>
        {
            Assert.True(d.CiLow <= d.Weight && d.Weight <= d.CiHigh, $"{d.Name}: {d.Weight} not in [{d.CiLow}, {d.CiHigh}]");
            Assert.True(d.CiHigh - d.CiLow > 0);
        });
    }

    [Fact]
    public void Analyze_BootstrapWithMostlyDegenerateResamples_ReportsNoIntervals()
    {
        // A binary driver with a single 1: most resamples leave it out and make it constant.
        var rare = new double[30];
        rare[4] = 1;
        var (target, drivers) = new SyntheticData(8, 1, 30).Build();

        var result = RelativeImportance.Analyze(target, [drivers[0], new DriverColumn("rare", rare)],
            new DriverImportanceOptions { BootstrapResamples = 200 });

        Assert.True(result.BootstrapFailures > 20);
        Assert.True(double.IsNaN(result.Drivers[1].CiLow));
        Assert.False(double.IsNaN(result.Drivers[1].Weight));
    }

    [Fact]
    public void RelativeWeightsAndShapley_RandomData_SumToRSquared()
    {
        var property = Prop.ForAll(SyntheticData.Arbitrary(), data =>
        {
            var (target, drivers) = data.Build();
            var weights = RelativeImportance.Analyze(target, drivers);
            var shapley = RelativeImportance.Analyze(target, drivers, Shapley);
            var r2 = weights.RSquared;
            return Math.Abs(weights.Drivers.Sum(d => d.Weight) - r2) < 1e-9
                && Math.Abs(shapley.Drivers.Sum(d => d.Weight) - r2) < 1e-9
                && Math.Abs(shapley.RSquared - r2) < 1e-9
                && r2 is >= 0 and <= 1
                && weights.Drivers.All(d => d.Weight >= -1e-12)
                && Math.Abs(weights.Drivers.Sum(d => d.Share) - 100) < 1e-6;
        });
        Check.QuickThrowOnFailure(property);
    }

    [Fact]
    public void RelativeWeightsAndShapley_PositiveScalingAndShifting_LeaveWeightsUnchanged()
    {
        var gen = SyntheticData.Arbitrary().Generator
            .SelectMany(_ => Gen.Choose(1, 1000), (data, scale) => (data, scale))
            .SelectMany(_ => Gen.Choose(-1000, 1000), (t, shift) => (t.data, t.scale, shift));
        var property = Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (target, drivers) = t.data.Build();
            var factor = t.scale / 7.0;
            var moved = drivers.Select((d, j) => new DriverColumn(d.Name,
                d.Values.Select(x => x * factor * (j + 1) + t.shift).ToArray())).ToArray();
            var movedTarget = new DriverColumn(target.Name, target.Values.Select(y => y / factor - t.shift).ToArray());
            foreach (var method in new[] { ImportanceMethod.RelativeWeights, ImportanceMethod.Shapley })
            {
                var options = new DriverImportanceOptions { Method = method };
                var a = RelativeImportance.Analyze(target, drivers, options);
                var b = RelativeImportance.Analyze(movedTarget, moved, options);
                for (var j = 0; j < drivers.Length; j++)
                {
                    if (Math.Abs(a.Drivers[j].Weight - b.Drivers[j].Weight) > 1e-8)
                    {
                        return false;
                    }
                }
            }
            return true;
        });
        Check.QuickThrowOnFailure(property);
    }
}
