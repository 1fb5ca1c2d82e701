using System.Globalization;
using MathNet.Numerics.Statistics;

namespace Rapport.Analytics.Drivers;

/// <summary>A named variable for key-driver analysis. <see cref="double.NaN"/> marks a missing value.</summary>
/// <param name="Name">Shown in results and error messages.</param>
/// <param name="Values">One value per respondent/row; NaN = missing (the row is dropped, complete cases only).</param>
public sealed record DriverColumn(string Name, IReadOnlyList<double> Values);

/// <summary>Options of <see cref="RelativeImportance.Analyze(DriverColumn, IReadOnlyList{DriverColumn}, DriverImportanceOptions?)"/>.</summary>
public sealed record DriverImportanceOptions
{
    /// <summary>The decomposition; <see cref="ImportanceMethod.RelativeWeights"/> by default.</summary>
    public ImportanceMethod Method { get; init; } = ImportanceMethod.RelativeWeights;

    /// <summary>Number of bootstrap resamples for percentile intervals; 0 (default) for none. Range 0..1,000,000.</summary>
    public int BootstrapResamples { get; init; }

    /// <summary>Seed of the bootstrap; the same seed and data always give the same intervals.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Coverage of the percentile intervals, in (0, 1); default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Threads used by the bootstrap; −1 (default) for all cores. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}

/// <summary>The importance of one driver.</summary>
/// <param name="Name">The driver's name.</param>
/// <param name="Weight">Raw weight: the part of R² attributed to the driver (0 ≤ weight ≤ R²).</param>
/// <param name="Share">Weight as a percentage of R² (weights' shares add up to 100); NaN when R² is 0.</param>
/// <param name="CiLow">Lower percentile-bootstrap bound of <paramref name="Weight"/>; NaN without bootstrap.</param>
/// <param name="CiHigh">Upper percentile-bootstrap bound of <paramref name="Weight"/>; NaN without bootstrap.</param>
public sealed record DriverWeight(string Name, double Weight, double Share, double CiLow, double CiHigh);

/// <summary>Result of a key-driver analysis (docs/definitions.md#key-drivers).</summary>
/// <param name="Method">The decomposition used.</param>
/// <param name="N">Complete cases the figures are computed on.</param>
/// <param name="ExcludedRows">Rows dropped because the target or a driver was missing.</param>
/// <param name="RSquared">R² of the OLS regression of the target on all drivers.</param>
/// <param name="Drivers">One entry per driver, in input order; weights sum to <paramref name="RSquared"/>.</param>
/// <param name="BootstrapResamples">Resamples requested (0 = no bootstrap).</param>
/// <param name="BootstrapFailures">
/// Resamples in which a driver was constant or the drivers collinear; they are left out of the intervals. When more
/// than 10% fail the intervals are not reported (NaN), since percentiles of the remaining resamples would be biased.
/// </param>
/// <param name="ConfidenceLevel">Coverage of the intervals.</param>
public sealed record DriverImportanceResult(
    ImportanceMethod Method,
    int N,
    int ExcludedRows,
    double RSquared,
    IReadOnlyList<DriverWeight> Drivers,
    int BootstrapResamples,
    int BootstrapFailures,
    double ConfidenceLevel);

/// <summary>
/// Relative importance of correlated drivers of a target (key-driver analysis, docs/definitions.md#key-drivers): Johnson's relative weights
/// and the exact Shapley value (LMG) decomposition of R², with seeded percentile-bootstrap intervals.
/// </summary>
/// <remarks>
/// Relative weights follow Johnson, J. W. (2000), Multivariate Behavioral Research 35(1), 1–19; the Shapley/LMG
/// decomposition Lindeman, Merenda &amp; Gold (1980) as implemented in Grömping (2006), J. Stat. Softw. 17(1). Both depend
/// on the data only through the correlation matrix, so they are invariant to shifting and (positive or negative)
/// scaling of any variable. Reproduces R's <c>rwa</c> and <c>relaimpo</c> (type "lmg") on mtcars to 1e-7.
/// Missing values (NaN) drop the row (complete cases); infinite values are rejected.
/// </remarks>
public static class RelativeImportance
{
    /// <summary>Largest number of drivers for the exact Shapley decomposition (2^k subsets).</summary>
    public const int MaxShapleyDrivers = 15;

    /// <summary>
    /// Importance of each driver of <paramref name="target"/> on the complete cases (rows where the target and every
    /// driver are not NaN).
    /// </summary>
    /// <param name="target">The dependent variable, e.g. overall satisfaction.</param>
    /// <param name="drivers">1..k drivers of the same length as the target; k ≤ 15 for Shapley.</param>
    /// <param name="options">Method and bootstrap; null for relative weights without bootstrap.</param>
    /// <exception cref="DegenerateDataException">
    /// Fewer than k + 2 complete cases, a constant target or driver, or a driver that is a linear combination of
    /// others (singular correlation matrix). The message names the variable.
    /// </exception>
    /// <exception cref="ArgumentException">Lengths differ, a value is infinite, or an option is out of range.</exception>
    public static DriverImportanceResult Analyze(DriverColumn target, IReadOnlyList<DriverColumn> drivers, DriverImportanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(drivers);
        options ??= new DriverImportanceOptions();
        ValidateOptions(options, drivers.Count);

        var names = drivers.Select(d => d.Name).ToArray();
        var sample = DriverSample.Build(target.Values, drivers.Select(d => d.Values).ToArray(), names, target.Name);
        var k = sample.K;
        var shapley = options.Method == ImportanceMethod.Shapley;
        var ws = new ImportanceWorkspace(k, shapley);
        if (!sample.TryCorrelations([], ws))
        {
            throw new DegenerateDataException("A variable is constant on the complete cases.");
        }
        var dependent = ImportanceKernels.FirstDependentDriver(ws.Rxx, k, ws.Cholesky);
        if (dependent >= 0)
        {
            throw new DegenerateDataException(DependentMessage(names, dependent));
        }
        if (!Compute(ws, shapley))
        {
            throw new DegenerateDataException("The predictor correlation matrix is singular: the drivers are collinear.");
        }
        var weights = (double[])ws.Weights.Clone();
        var r2 = weights.Sum();

        var low = Enumerable.Repeat(double.NaN, k).ToArray();
        var high = Enumerable.Repeat(double.NaN, k).ToArray();
        var failures = 0;
        if (options.BootstrapResamples > 0)
        {
            failures = Bootstrap(sample, options, low, high);
        }

        var result = new DriverWeight[k];
        for (var j = 0; j < k; j++)
        {
            var share = r2 > 0 ? 100.0 * weights[j] / r2 : double.NaN;
            result[j] = new DriverWeight(names[j], weights[j], share, low[j], high[j]);
        }
        return new DriverImportanceResult(options.Method, sample.N, sample.ExcludedRows, r2, result,
            options.BootstrapResamples, failures, options.ConfidenceLevel);
    }

    /// <summary>
    /// Importance of drivers from accumulated cross-products (one pass over the rows, no rows held): the same figures as
    /// <see cref="Analyze(DriverColumn, IReadOnlyList{DriverColumn}, DriverImportanceOptions?)"/> on the columns that were
    /// added to <paramref name="moments"/> (equal up to rounding, about 1e-12), without bootstrap intervals.
    /// </summary>
    /// <param name="moments">The rows: every value finite (impute or drop incomplete rows before adding them).</param>
    /// <param name="target">Index of the dependent variable in <paramref name="moments"/>.</param>
    /// <param name="drivers">1..k distinct indices of the drivers, none equal to <paramref name="target"/>; k ≤ 15 for Shapley.</param>
    /// <param name="targetName">Name of the target, used in error messages.</param>
    /// <param name="driverNames">One name per driver, in the order of <paramref name="drivers"/>.</param>
    /// <param name="method">Relative weights (Johnson 2000) or exact Shapley/LMG.</param>
    /// <returns>
    /// The decomposition with <see cref="DriverImportanceResult.N"/> = rows added, no excluded rows and NaN intervals.
    /// </returns>
    /// <exception cref="DegenerateDataException">
    /// Fewer than k + 2 rows, a constant target or driver, or a driver that is a linear combination of others.
    /// </exception>
    /// <exception cref="ArgumentException">An index is out of range or repeated, or the names do not match the drivers.</exception>
    public static DriverImportanceResult Analyze(CrossProductAccumulator moments, int target, IReadOnlyList<int> drivers, string targetName,
        IReadOnlyList<string> driverNames, ImportanceMethod method = ImportanceMethod.RelativeWeights)
    {
        ArgumentNullException.ThrowIfNull(moments);
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(targetName);
        ArgumentNullException.ThrowIfNull(driverNames);
        var k = drivers.Count;
        if (k == 0)
        {
            throw new ArgumentException("At least one driver is needed.", nameof(drivers));
        }
        if (driverNames.Count != k)
        {
            throw new ArgumentException($"{driverNames.Count} driver names were given for {k} drivers.", nameof(driverNames));
        }
        var variables = new[] { target }.Concat(drivers).ToArray();
        if (variables.Any(v => v < 0 || v >= moments.Variables) || variables.Distinct().Count() != variables.Length)
        {
            throw new ArgumentException($"Target and drivers must be distinct indices from 0 to {moments.Variables - 1}.", nameof(drivers));
        }
        ValidateOptions(new DriverImportanceOptions { Method = method }, k);
        var n = moments.Count;
        if (n < k + 2)
        {
            throw new DegenerateDataException(string.Create(CultureInfo.InvariantCulture,
                $"Only {n} complete cases for {k} driver(s); at least {k + 2} are needed."));
        }
        var sd = new double[k + 1];
        for (var c = 0; c <= k; c++)
        {
            var mean = moments.Mean(variables[c]);
            sd[c] = Math.Sqrt(Math.Max(0, moments.Covariance(variables[c], variables[c])));
            if (!(sd[c] > 1e-12 * Math.Max(Math.Abs(mean), sd[c])))
            {
                var label = c == 0 ? $"The target '{targetName}'" : $"Driver '{driverNames[c - 1]}'";
                throw new DegenerateDataException(string.Create(CultureInfo.InvariantCulture, $"{label} is constant on the {n} complete cases."));
            }
        }
        var shapley = method == ImportanceMethod.Shapley;
        var ws = new ImportanceWorkspace(k, shapley);
        for (var a = 0; a < k; a++)
        {
            ws.Rxy[a] = moments.Covariance(target, drivers[a]) / (sd[0] * sd[a + 1]);
            ws.Rxx[a * k + a] = 1.0;
            for (var b = a + 1; b < k; b++)
            {
                var r = moments.Covariance(drivers[a], drivers[b]) / (sd[a + 1] * sd[b + 1]);
                ws.Rxx[a * k + b] = r;
                ws.Rxx[b * k + a] = r;
            }
        }
        var dependent = ImportanceKernels.FirstDependentDriver(ws.Rxx, k, ws.Cholesky);
        if (dependent >= 0)
        {
            throw new DegenerateDataException(DependentMessage(driverNames, dependent));
        }
        if (!Compute(ws, shapley))
        {
            throw new DegenerateDataException("The predictor correlation matrix is singular: the drivers are collinear.");
        }
        var r2 = ws.Weights.Sum();
        var result = new DriverWeight[k];
        for (var j = 0; j < k; j++)
        {
            result[j] = new DriverWeight(driverNames[j], ws.Weights[j], r2 > 0 ? 100.0 * ws.Weights[j] / r2 : double.NaN, double.NaN, double.NaN);
        }
        return new DriverImportanceResult(method, (int)Math.Min(n, int.MaxValue), 0, r2, result, 0, 0, 0.95);
    }

    /// <summary>
    /// Johnson's relative weights from correlations: with <c>R = V Λ V'</c>, <c>Λ* = V Λ^{1/2} V'</c>,
    /// <c>β* = Λ*^{-1} r_xy</c>, weight <c>ε_j = Σ_m Λ*_jm² β*_m²</c>; <c>Σ ε_j = R²</c>.
    /// </summary>
    /// <param name="predictorCorrelations">k×k symmetric correlation matrix of the drivers (unit diagonal), positive definite.</param>
    /// <param name="targetCorrelations">k correlations of the drivers with the target, each in [−1, 1].</param>
    /// <returns>The k raw weights.</returns>
    /// <exception cref="DegenerateDataException">The matrix is singular (collinear drivers).</exception>
    public static double[] RelativeWeights(double[,] predictorCorrelations, double[] targetCorrelations)
        => FromCorrelations(predictorCorrelations, targetCorrelations, shapley: false);

    /// <summary>
    /// Exact Shapley/LMG decomposition from correlations: the increase in R² when a driver is added, averaged over all
    /// k! orders, computed from the R² of all 2^k subsets.
    /// </summary>
    /// <param name="predictorCorrelations">k×k symmetric correlation matrix of the drivers (unit diagonal), k ≤ 15.</param>
    /// <param name="targetCorrelations">k correlations of the drivers with the target.</param>
    /// <returns>The k raw weights; they sum to the full-model R².</returns>
    /// <exception cref="DegenerateDataException">The matrix is singular (collinear drivers).</exception>
    public static double[] Shapley(double[,] predictorCorrelations, double[] targetCorrelations)
        => FromCorrelations(predictorCorrelations, targetCorrelations, shapley: true);

    /// <summary>R² of the regression on all drivers: <c>r_xy' R^{-1} r_xy</c>.</summary>
    /// <exception cref="DegenerateDataException">The matrix is singular (collinear drivers).</exception>
    public static double RSquared(double[,] predictorCorrelations, double[] targetCorrelations)
    {
        var ws = Load(predictorCorrelations, targetCorrelations, shapley: false);
        var k = ws.K;
        if (ImportanceKernels.FirstDependentDriver(ws.Rxx, k, ws.Cholesky) >= 0)
        {
            throw new DegenerateDataException("The predictor correlation matrix is singular: the drivers are collinear.");
        }
        // ||L^{-1} r||² with R = L L'
        var r2 = 0.0;
        for (var i = 0; i < k; i++)
        {
            var s = ws.Rxy[i];
            for (var l = 0; l < i; l++)
            {
                s -= ws.Cholesky[i * k + l] * ws.Temp[l];
            }
            ws.Temp[i] = s / ws.Cholesky[i * k + i];
            r2 += ws.Temp[i] * ws.Temp[i];
        }
        return r2;
    }

    private static double[] FromCorrelations(double[,] rxx, double[] rxy, bool shapley)
    {
        var ws = Load(rxx, rxy, shapley);
        if (ImportanceKernels.FirstDependentDriver(ws.Rxx, ws.K, ws.Cholesky) >= 0 || !Compute(ws, shapley))
        {
            throw new DegenerateDataException("The predictor correlation matrix is singular: the drivers are collinear.");
        }
        return (double[])ws.Weights.Clone();
    }

    private static ImportanceWorkspace Load(double[,] rxx, double[] rxy, bool shapley)
    {
        ArgumentNullException.ThrowIfNull(rxx);
        ArgumentNullException.ThrowIfNull(rxy);
        var k = rxy.Length;
        if (k == 0 || rxx.GetLength(0) != k || rxx.GetLength(1) != k)
        {
            throw new ArgumentException($"The predictor correlation matrix must be {k}×{k} with k ≥ 1.", nameof(rxx));
        }
        if (shapley && k > MaxShapleyDrivers)
        {
            throw new ArgumentOutOfRangeException(nameof(rxy), k, $"Exact Shapley needs at most {MaxShapleyDrivers} drivers.");
        }
        var ws = new ImportanceWorkspace(k, shapley);
        for (var i = 0; i < k; i++)
        {
            if (!double.IsFinite(rxy[i]) || Math.Abs(rxy[i]) > 1 + 1e-12)
            {
                throw new ArgumentException($"Target correlation {i} is not in [−1, 1].", nameof(rxy));
            }
            ws.Rxy[i] = rxy[i];
            for (var j = 0; j < k; j++)
            {
                var v = rxx[i, j];
                if (!double.IsFinite(v) || Math.Abs(v - rxx[j, i]) > 1e-12 || (i == j && Math.Abs(v - 1) > 1e-12))
                {
                    throw new ArgumentException("The predictor correlation matrix must be symmetric with a unit diagonal.", nameof(rxx));
                }
                ws.Rxx[i * k + j] = v;
            }
        }
        return ws;
    }

    private static bool Compute(ImportanceWorkspace ws, bool shapley)
        => shapley ? ImportanceKernels.TryShapley(ws) : ImportanceKernels.TryRelativeWeights(ws);

    private static void ValidateOptions(DriverImportanceOptions options, int k)
    {
        if (options.Method == ImportanceMethod.Shapley && k > MaxShapleyDrivers)
        {
            throw new ArgumentOutOfRangeException(nameof(options), k,
                $"Exact Shapley/LMG supports at most {MaxShapleyDrivers} drivers; use relative weights for {k}.");
        }
        if (options.BootstrapResamples is < 0 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BootstrapResamples, "Bootstrap resamples must be in 0..1,000,000.");
        }
        if (!(options.ConfidenceLevel is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ConfidenceLevel, "The confidence level must be in (0, 1).");
        }
        if (options.MaxDegreeOfParallelism == 0 || options.MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be −1 or positive.");
        }
    }

    private static string DependentMessage(IReadOnlyList<string> names, int dependent)
    {
        if (dependent == 0)
        {
            return $"Driver '{names[0]}' is constant.";
        }
        var before = string.Join(", ", names.Take(dependent).Select(n => $"'{n}'"));
        return $"Driver '{names[dependent]}' is a linear combination of {before} (singular correlation matrix); remove one of them.";
    }

    /// <summary>Percentile intervals into low/high; returns the number of degenerate resamples.</summary>
    private static int Bootstrap(DriverSample sample, DriverImportanceOptions options, double[] low, double[] high)
    {
        var k = sample.K;
        var n = sample.N;
        var resamples = options.BootstrapResamples;
        var shapley = options.Method == ImportanceMethod.Shapley;
        var draws = new double[resamples * k];
        var ok = new bool[resamples];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, resamples, parallel,
            () => new ImportanceWorkspace(k, shapley) { Counts = new int[n] },
            (b, _, ws) =>
            {
                var rng = new BootstrapRandom(options.Seed, b);
                var counts = ws.Counts;
                Array.Clear(counts);
                for (var t = 0; t < n; t++)
                {
                    counts[rng.NextIndex(n)]++;
                }
                if (sample.TryCorrelations(counts, ws) && Compute(ws, shapley))
                {
                    Array.Copy(ws.Weights, 0, draws, b * k, k);
                    ok[b] = true;
                }
                return ws;
            },
            _ => { });

        var good = ok.Count(x => x);
        var failures = resamples - good;
        if (good == 0 || failures > 0.1 * resamples)
        {
            return failures;
        }
        var alpha = 1 - options.ConfidenceLevel;
        var column = new double[good];
        for (var j = 0; j < k; j++)
        {
            var c = 0;
            for (var b = 0; b < resamples; b++)
            {
                if (ok[b])
                {
                    column[c++] = draws[b * k + j];
                }
            }
            Array.Sort(column);
            low[j] = SortedArrayStatistics.QuantileCustom(column, alpha / 2, QuantileDefinition.R7);
            high[j] = SortedArrayStatistics.QuantileCustom(column, 1 - alpha / 2, QuantileDefinition.R7);
        }
        return failures;
    }
}
