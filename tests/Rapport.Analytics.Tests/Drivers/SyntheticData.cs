using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Drivers;

namespace Rapport.Analytics.Tests.Drivers;

/// <summary>Correlated drivers and a noisy linear target, generated deterministically from a seed.</summary>
internal sealed record SyntheticData(int Seed, int K, int N)
{
    public static Arbitrary<SyntheticData> Arbitrary(int maxDrivers = 6) =>
        Gen.Choose(0, int.MaxValue - 1)
            .SelectMany(_ => Gen.Choose(1, maxDrivers), (seed, k) => (seed, k))
            .SelectMany(t => Gen.Choose(t.k + 8, 80), (t, n) => new SyntheticData(t.seed, t.k, n))
            .ToArbitrary();

    public (DriverColumn Target, DriverColumn[] Drivers) Build()
    {
        var random = new Random(Seed);
        var common = Enumerable.Range(0, N).Select(_ => Normal(random)).ToArray();
        var drivers = new DriverColumn[K];
        var y = new double[N];
        for (var j = 0; j < K; j++)
        {
            var loading = random.NextDouble();
            var beta = random.NextDouble() * 2 - 0.5;
            var x = new double[N];
            for (var i = 0; i < N; i++)
            {
                x[i] = Math.Round(loading * common[i] + Normal(random), 3);
                y[i] += beta * x[i];
            }
            drivers[j] = new DriverColumn($"x{j + 1}", x);
        }
        for (var i = 0; i < N; i++)
        {
            y[i] += Normal(random);
        }
        return (new DriverColumn("y", y), drivers);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
