using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Drivers;

namespace Rapport.Analytics.Tests.Drivers;

public class CrossProductAccumulatorTests
{
    private static CrossProductAccumulator Accumulate(DriverColumn target, IReadOnlyList<DriverColumn> drivers, double shift = 0)
    {
        var moments = new CrossProductAccumulator(drivers.Count + 1);
        var row = new double[drivers.Count + 1];
        for (var i = 0; i < target.Values.Count; i++)
        {
            row[0] = target.Values[i] + shift;
            for (var j = 0; j < drivers.Count; j++)
            {
                row[j + 1] = drivers[j].Values[i] + shift;
            }
            moments.Add(row);
        }
        return moments;
    }

    private static DriverImportanceResult FromMoments(CrossProductAccumulator moments, IReadOnlyList<DriverColumn> drivers,
        ImportanceMethod method = ImportanceMethod.RelativeWeights) =>
        RelativeImportance.Analyze(moments, 0, Enumerable.Range(1, drivers.Count).ToList(), "y", drivers.Select(d => d.Name).ToList(), method);

    [Fact]
    public void Analyze_MtcarsCrossProducts_EqualsColumnAnalysis()
    {
        var drivers = MtCars.Many("cyl", "disp", "hp", "gear");
        var expected = RelativeImportance.Analyze(MtCars.Column("mpg"), drivers);

        var actual = FromMoments(Accumulate(MtCars.Column("mpg"), drivers), drivers);

        Assert.Equal(expected.N, actual.N);
        Assert.Equal(expected.RSquared, actual.RSquared, 1e-12);
        for (var j = 0; j < drivers.Length; j++)
        {
            Assert.Equal(expected.Drivers[j].Name, actual.Drivers[j].Name);
            Assert.Equal(expected.Drivers[j].Weight, actual.Drivers[j].Weight, 1e-12);
            Assert.Equal(expected.Drivers[j].Share, actual.Drivers[j].Share, 1e-9);
        }
        Assert.Equal(0.7791896, actual.RSquared, 1e-6);
    }

    [Fact]
    public void Analyze_ShapleyFromCrossProducts_EqualsColumnAnalysis()
    {
        var drivers = MtCars.Many("am", "vs", "cyl");
        var expected = RelativeImportance.Analyze(MtCars.Column("mpg"), drivers, new DriverImportanceOptions { Method = ImportanceMethod.Shapley });

        var actual = FromMoments(Accumulate(MtCars.Column("mpg"), drivers), drivers, ImportanceMethod.Shapley);

        Assert.Equal(ImportanceMethod.Shapley, actual.Method);
        for (var j = 0; j < drivers.Length; j++)
        {
            Assert.Equal(expected.Drivers[j].Weight, actual.Drivers[j].Weight, 1e-12);
        }
    }

    [Fact]
    public void Covariance_FarFromZero_KeepsPrecision()
    {
        var moments = new CrossProductAccumulator(2);
        for (var i = 0; i < 1000; i++)
        {
            moments.Add([1e9 + (i % 2), 1e9 - (i % 2)]);
        }

        Assert.Equal(0.25, moments.Covariance(0, 0), 1e-9);
        Assert.Equal(-0.25, moments.Covariance(0, 1), 1e-9);
        Assert.Equal(1e9 + 0.5, moments.Mean(0), 1e-6);
    }

    [Fact]
    public void Analyze_ConstantDriver_ThrowsNamingIt()
    {
        var moments = new CrossProductAccumulator(3);
        for (var i = 0; i < 10; i++)
        {
            moments.Add([i, i % 3, 4]);
        }

        var ex = Assert.Throws<DegenerateDataException>(() => RelativeImportance.Analyze(moments, 0, [1, 2], "y", ["a", "b"]));
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSparse_RowsDifferingFromTheOrigin_EqualDenseRows()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            double[] origin = [3.2, 0, 0, 4.1];
            var sparse = new CrossProductAccumulator(origin);
            var dense = new CrossProductAccumulator(4);
            for (var i = 0; i < 50; i++)
            {
                var row = (double[])origin.Clone();
                var indices = Enumerable.Range(0, 4).Where(_ => random.Next(2) == 0).ToArray();
                foreach (var j in indices)
                {
                    row[j] = random.Next(1, 6);
                }
                sparse.AddSparse(indices, indices.Select(j => row[j]).ToArray());
                dense.Add(row);
            }
            return sparse.Count == dense.Count && Enumerable.Range(0, 4).All(a =>
                Math.Abs(sparse.Mean(a) - dense.Mean(a)) < 1e-12
                && Enumerable.Range(0, 4).All(b => Math.Abs(sparse.Covariance(a, b) - dense.Covariance(a, b)) < 1e-12));
        });
        Check.QuickThrowOnFailure(property);
    }

    [Fact]
    public void AddSparse_WithoutOrigin_Throws()
    {
        var moments = new CrossProductAccumulator(2);

        Assert.Throws<InvalidOperationException>(() => moments.AddSparse([0], [1.0]));
    }

    [Fact]
    public void Add_NaN_Throws()
    {
        var moments = new CrossProductAccumulator(2);

        Assert.Throws<ArgumentException>(() => moments.Add([1, double.NaN]));
        Assert.Equal(0, moments.Count);
    }

    [Fact]
    public void Analyze_RandomData_EqualsColumnAnalysisAndWeightsSumToRSquared()
    {
        var property = Prop.ForAll(SyntheticData.Arbitrary(), data =>
        {
            var (target, drivers) = data.Build();
            DriverImportanceResult expected;
            try
            {
                expected = RelativeImportance.Analyze(target, drivers);
            }
            catch (DegenerateDataException)
            {
                return true;
            }
            // Shifted far from zero: the accumulator must not lose the correlations to cancellation.
            var actual = FromMoments(Accumulate(target, drivers, shift: 1000), drivers);
            return Math.Abs(actual.RSquared - expected.RSquared) < 1e-9
                && Math.Abs(actual.Drivers.Sum(d => d.Weight) - actual.RSquared) < 1e-12
                && actual.Drivers.All(d => d.Weight >= 0)
                && actual.Drivers.Zip(expected.Drivers).All(p => Math.Abs(p.First.Weight - p.Second.Weight) < 1e-9);
        });
        Check.QuickThrowOnFailure(property);
    }
}
