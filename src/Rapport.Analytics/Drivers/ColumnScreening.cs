namespace Rapport.Analytics.Drivers;

/// <summary>
/// Picks a usable driver set from candidates that may be constant or collinear (e.g. contact indicators that are
/// all 1 in a subgroup): candidates are taken in order, skipping any that is constant or a linear combination of
/// those already taken. Assumes complete data (no NaN).
/// </summary>
internal static class ColumnScreening
{
    public static List<int> SelectIndependent(IReadOnlyList<double[]> columns)
    {
        var chosen = new List<int>();
        var standardized = new List<double[]>();
        var cholesky = new List<double[]>();
        foreach (var (column, index) in columns.Select((c, i) => (c, i)))
        {
            var z = Standardize(column);
            if (z is null)
            {
                continue;
            }
            var n = z.Length;
            if (!TryExtend(cholesky, i =>
                {
                    var other = standardized[i];
                    var r = 0.0;
                    for (var t = 0; t < n; t++)
                    {
                        r += z[t] * other[t];
                    }
                    return r / n;
                }))
            {
                continue;
            }
            standardized.Add(z);
            chosen.Add(index);
        }
        return chosen;
    }

    /// <summary>
    /// The same screening on accumulated cross-products: <paramref name="candidates"/> are variable indices of
    /// <paramref name="moments"/> in the order they are tried; returns the positions (in <paramref name="candidates"/>)
    /// of those taken.
    /// </summary>
    public static List<int> SelectIndependent(CrossProductAccumulator moments, IReadOnlyList<int> candidates)
    {
        var chosen = new List<int>();
        var sds = new List<double>();
        var cholesky = new List<double[]>();
        if (moments.Count < 2)
        {
            return chosen;
        }
        for (var c = 0; c < candidates.Count; c++)
        {
            var index = candidates[c];
            if (moments.IsConstant(index))
            {
                continue;
            }
            var sd = Math.Sqrt(moments.Covariance(index, index));
            if (!TryExtend(cholesky, i => moments.Covariance(index, candidates[chosen[i]]) / (sd * sds[i])))
            {
                continue;
            }
            sds.Add(sd);
            chosen.Add(c);
        }
        return chosen;
    }

    /// <summary>
    /// Extends the Cholesky factor of the chosen columns' correlation matrix by a candidate whose correlation with the
    /// i-th chosen column is <paramref name="correlation"/>(i); false, leaving the factor as it is, when the candidate is
    /// (nearly) a linear combination of the chosen ones.
    /// </summary>
    private static bool TryExtend(List<double[]> cholesky, Func<int, double> correlation)
    {
        var m = cholesky.Count;
        var row = new double[m + 1];
        var zz = 0.0;
        for (var i = 0; i < m; i++)
        {
            var r = correlation(i);
            for (var l = 0; l < i; l++)
            {
                r -= cholesky[i][l] * row[l];
            }
            row[i] = r / cholesky[i][i];
            zz += row[i] * row[i];
        }
        var d2 = 1 - zz;
        if (d2 <= ImportanceKernels.DependenceTolerance)
        {
            return false;
        }
        row[m] = Math.Sqrt(d2);
        cholesky.Add(row);
        return true;
    }

    private static double[]? Standardize(double[] column)
    {
        var n = column.Length;
        if (n < 2)
        {
            return null;
        }
        var mean = column.Average();
        var ss = 0.0;
        foreach (var x in column)
        {
            ss += (x - mean) * (x - mean);
        }
        var sd = Math.Sqrt(ss / n);
        if (!(sd > 1e-12 * Math.Max(1, Math.Abs(mean))))
        {
            return null;
        }
        return column.Select(x => (x - mean) / sd).ToArray();
    }
}
