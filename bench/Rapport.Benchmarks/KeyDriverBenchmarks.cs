using BenchmarkDotNet.Attributes;
using Rapport.Analytics.Drivers;

namespace Rapport.Benchmarks;

/// <summary>
/// Key-driver analysis at survey scale (docs/definitions.md#key-drivers): Johnson's relative weights with 1,000 percentile-bootstrap
/// resamples on 5,000 respondents × 10 correlated drivers. Target: under 2 s.
/// </summary>
[MemoryDiagnoser]
public class KeyDriverBenchmarks
{
    private const int Rows = 5_000;
    private const int Drivers = 10;

    private DriverColumn _target = null!;
    private DriverColumn[] _drivers = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2024);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var common = Enumerable.Range(0, Rows).Select(_ => Normal()).ToArray();
        var y = new double[Rows];
        _drivers = new DriverColumn[Drivers];
        for (var j = 0; j < Drivers; j++)
        {
            var x = new double[Rows];
            var beta = 0.1 + 0.05 * j;
            for (var i = 0; i < Rows; i++)
            {
                // Survey-like 1–5 ratings that share a halo factor.
                x[i] = Math.Clamp(Math.Round(3 + 0.6 * common[i] + Normal()), 1, 5);
                y[i] += beta * x[i];
            }
            _drivers[j] = new DriverColumn($"d{j + 1}", x);
        }
        for (var i = 0; i < Rows; i++)
        {
            y[i] += Normal();
        }
        _target = new DriverColumn("satisfaction", y);
    }

    [Benchmark(Description = "relative weights + 1,000 bootstrap resamples, 5,000 rows x 10 drivers")]
    public DriverImportanceResult RelativeWeightsWithBootstrap() =>
        RelativeImportance.Analyze(_target, _drivers, new DriverImportanceOptions { BootstrapResamples = 1_000, Seed = 7 });

    [Benchmark(Description = "Shapley/LMG + 1,000 bootstrap resamples, 5,000 rows x 10 drivers")]
    public DriverImportanceResult ShapleyWithBootstrap() =>
        RelativeImportance.Analyze(_target, _drivers,
            new DriverImportanceOptions { Method = ImportanceMethod.Shapley, BootstrapResamples = 1_000, Seed = 7 });
}
