using System.Globalization;

namespace Rapport.Analytics.Drivers;

/// <summary>
/// The complete cases of a target and its drivers, standardised once (full-sample mean and SD) and stored row-major
/// (column 0 = target) so that correlations of any row multiset are one cache-friendly pass of cross-products.
/// </summary>
internal sealed class DriverSample
{
    private DriverSample(int n, int k, double[] data, int excluded)
    {
        N = n;
        K = k;
        Data = data;
        ExcludedRows = excluded;
    }

    public int N { get; }
    public int K { get; }
    public int M => K + 1;
    public double[] Data { get; }
    public int ExcludedRows { get; }

    /// <summary>Complete cases of the columns; validates lengths, finiteness, case count and constant columns.</summary>
    public static DriverSample Build(IReadOnlyList<double> target, IReadOnlyList<IReadOnlyList<double>> drivers, IReadOnlyList<string> names, string targetName)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(names);
        var k = drivers.Count;
        if (k == 0)
        {
            throw new ArgumentException("At least one driver is needed.", nameof(drivers));
        }
        if (names.Count != k)
        {
            throw new ArgumentException($"{names.Count} driver names were given for {k} drivers.", nameof(names));
        }
        var rows = target.Count;
        for (var j = 0; j < k; j++)
        {
            if (drivers[j].Count != rows)
            {
                throw new ArgumentException(
                    $"Driver '{names[j]}' has {drivers[j].Count} values but the target has {rows}.", nameof(drivers));
            }
        }

        var m = k + 1;
        var complete = new List<int>(rows);
        for (var i = 0; i < rows; i++)
        {
            var ok = CheckValue(target[i], targetName, i);
            for (var j = 0; j < k && ok; j++)
            {
                ok = CheckValue(drivers[j][i], names[j], i);
            }
            if (ok)
            {
                complete.Add(i);
            }
        }

        var n = complete.Count;
        if (n < k + 2)
        {
            throw new DegenerateDataException(string.Create(CultureInfo.InvariantCulture,
                $"Only {n} complete cases for {k} driver(s); at least {k + 2} are needed."));
        }

        var data = new double[n * m];
        for (var c = 0; c < m; c++)
        {
            var column = c == 0 ? target : drivers[c - 1];
            var mean = 0.0;
            for (var r = 0; r < n; r++)
            {
                mean += column[complete[r]];
            }
            mean /= n;
            var ss = 0.0;
            for (var r = 0; r < n; r++)
            {
                var d = column[complete[r]] - mean;
                ss += d * d;
            }
            var sd = Math.Sqrt(ss / n);
            var scale = Math.Max(Math.Abs(mean), sd);
            if (!(sd > 1e-12 * scale))
            {
                var label = c == 0 ? $"The target '{targetName}'" : $"Driver '{names[c - 1]}'";
                throw new DegenerateDataException($"{label} is constant on the {n} complete cases.");
            }
            for (var r = 0; r < n; r++)
            {
                data[r * m + c] = (column[complete[r]] - mean) / sd;
            }
        }
        return new DriverSample(n, k, data, rows - n);
    }

    private static bool CheckValue(double value, string name, int row)
    {
        if (double.IsNaN(value))
        {
            return false;
        }
        if (double.IsInfinity(value))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"'{name}' is infinite in row {row} (0-based)."));
        }
        return true;
    }

    /// <summary>
    /// Correlations of the rows listed in <paramref name="rows"/> (all rows when empty): predictor correlations
    /// into <c>ws.Rxx</c> (k×k) and target correlations into <c>ws.Rxy</c>. Returns false if a variable is constant
    /// on these rows.
    /// </summary>
    public bool TryCorrelations(ReadOnlySpan<int> rows, ImportanceWorkspace ws)
    {
        var m = M;
        var sums = ws.Sums;
        var cross = ws.Cross;
        Array.Clear(sums);
        Array.Clear(cross);
        var data = Data;
        var count = rows.IsEmpty ? N : rows.Length;
        for (var t = 0; t < count; t++)
        {
            var offset = (rows.IsEmpty ? t : rows[t]) * m;
            var row = data.AsSpan(offset, m);
            for (var a = 0; a < m; a++)
            {
                var va = row[a];
                sums[a] += va;
                var crossRow = cross.AsSpan(a * m, m);
                for (var b = a; b < m; b++)
                {
                    crossRow[b] += va * row[b];
                }
            }
        }
        return TryFinishCorrelations(count, ws);
    }

    internal bool TryFinishCorrelations(int count, ImportanceWorkspace ws)
    {
        var m = M;
        var k = K;
        var sums = ws.Sums;
        var cross = ws.Cross;
        // Sums become means, the diagonal of cross becomes standard deviations; data are standardised, so the
        // cancellation in E[xy] − E[x]E[y] is harmless.
        for (var a = 0; a < m; a++)
        {
            sums[a] /= count;
        }
        for (var a = 0; a < m; a++)
        {
            var variance = cross[a * m + a] / count - sums[a] * sums[a];
            if (!(variance > 1e-12))
            {
                return false;
            }
            cross[a * m + a] = Math.Sqrt(variance);
        }
        for (var a = 0; a < m; a++)
        {
            for (var b = a + 1; b < m; b++)
            {
                var cov = cross[a * m + b] / count - sums[a] * sums[b];
                var r = cov / (cross[a * m + a] * cross[b * m + b]);
                if (a == 0)
                {
                    ws.Rxy[b - 1] = r;
                }
                else
                {
                    ws.Rxx[(a - 1) * k + (b - 1)] = r;
                    ws.Rxx[(b - 1) * k + (a - 1)] = r;
                }
            }
        }
        for (var j = 0; j < k; j++)
        {
            ws.Rxx[j * k + j] = 1.0;
        }
        return true;
    }
}
