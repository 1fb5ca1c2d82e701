using System.Globalization;
using System.Numerics;

namespace Rapport.Analytics.Drivers;

/// <summary>
/// The complete cases of a target and its drivers, standardised once (full-sample mean and SD) and stored row-major
/// (column 0 = target), each row padded with zeros to a multiple of the SIMD width, so that the correlations of any
/// weighted row multiset (a bootstrap resample) are one sequential, vectorised pass of cross-products.
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
    public int Stride => StrideFor(K);
    public double[] Data { get; }

    /// <summary>Row length: k + 1 rounded up to a multiple of <see cref="Vector{T}.Count"/>.</summary>
    public static int StrideFor(int k)
    {
        var width = Vector<double>.Count;
        return (k + 1 + width - 1) / width * width;
    }
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

        var stride = StrideFor(k);
        var data = new double[n * stride];
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
                data[r * stride + c] = (column[complete[r]] - mean) / sd;
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
    /// Correlations of the rows weighted by <paramref name="counts"/> (how often each row was drawn; all rows once
    /// when empty): predictor correlations into <c>ws.Rxx</c> (k×k) and target correlations into <c>ws.Rxy</c>.
    /// Returns false if a variable is constant on these rows.
    /// </summary>
    /// <remarks>
    /// Weighting by multiplicity instead of visiting the drawn indices touches each distinct row once (about 63% of
    /// them in a bootstrap sample) in memory order, and the full padded row is accumulated with SIMD.
    /// </remarks>
    public bool TryCorrelations(ReadOnlySpan<int> counts, ImportanceWorkspace ws)
    {
        var m = M;
        var stride = Stride;
        var width = Vector<double>.Count;
        var sums = ws.Sums.AsSpan();
        var cross = ws.Cross.AsSpan();
        sums.Clear();
        cross.Clear();
        var data = Data.AsSpan();
        var total = 0L;
        for (var i = 0; i < N; i++)
        {
            double weight;
            if (counts.IsEmpty)
            {
                weight = 1;
            }
            else
            {
                var c = counts[i];
                if (c == 0)
                {
                    continue;
                }
                weight = c;
            }
            total += (long)weight;
            var row = data.Slice(i * stride, stride);
            for (var v = 0; v < stride; v += width)
            {
                var x = new Vector<double>(row.Slice(v, width));
                var acc = new Vector<double>(sums.Slice(v, width));
                (acc + x * weight).CopyTo(sums.Slice(v, width));
            }
            for (var a = 0; a < m; a++)
            {
                var wa = row[a] * weight;
                var crossRow = cross.Slice(a * stride, stride);
                for (var v = 0; v < stride; v += width)
                {
                    var x = new Vector<double>(row.Slice(v, width));
                    var acc = new Vector<double>(crossRow.Slice(v, width));
                    (acc + x * wa).CopyTo(crossRow.Slice(v, width));
                }
            }
        }
        return TryFinishCorrelations((int)total, ws);
    }

    internal bool TryFinishCorrelations(int count, ImportanceWorkspace ws)
    {
        var m = M;
        var k = K;
        var stride = Stride;
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
            var variance = cross[a * stride + a] / count - sums[a] * sums[a];
            if (!(variance > 1e-12))
            {
                return false;
            }
            cross[a * stride + a] = Math.Sqrt(variance);
        }
        for (var a = 0; a < m; a++)
        {
            for (var b = a + 1; b < m; b++)
            {
                var cov = cross[a * stride + b] / count - sums[a] * sums[b];
                var r = cov / (cross[a * stride + a] * cross[b * stride + b]);
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
