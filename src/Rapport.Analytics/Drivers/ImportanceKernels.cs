using System.Numerics;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Rapport.Analytics.Drivers;

/// <summary>
/// Buffers for one thread of importance computations on k drivers. Every array is sized once, so a bootstrap
/// resample costs no allocations beyond what the eigen solver needs internally.
/// </summary>
internal sealed class ImportanceWorkspace
{
    public ImportanceWorkspace(int driverCount, bool shapley)
    {
        var k = driverCount;
        K = k;
        Rxx = new double[k * k];
        Rxy = new double[k];
        EigenInput = new double[k * k];
        EigenVectors = new double[k * k];
        EigenBlock = new double[k * k];
        EigenValues = new Complex[k];
        RootLambda = new double[k];
        Temp = new double[k];
        Beta = new double[k];
        Cholesky = new double[k * k];
        W = new double[k];
        Members = new int[k];
        SubsetR2 = shapley ? new double[1 << k] : [];
        Weights = new double[k];
        Stride = DriverSample.StrideFor(k);
        Sums = new double[Stride];
        Cross = new double[(k + 1) * Stride];
        Counts = [];
    }

    public int K { get; }
    public double[] Rxx { get; }
    public double[] Rxy { get; }
    public double[] EigenInput { get; }
    public double[] EigenVectors { get; }
    public double[] EigenBlock { get; }
    public Complex[] EigenValues { get; }
    public double[] RootLambda { get; }
    public double[] Temp { get; }
    public double[] Beta { get; }
    public double[] Cholesky { get; }
    public double[] W { get; }
    public int[] Members { get; }
    public double[] SubsetR2 { get; }
    public double[] Weights { get; }
    public int Stride { get; }
    public double[] Sums { get; }
    public double[] Cross { get; }

    /// <summary>Bootstrap multiplicities per row (sized by the caller that resamples).</summary>
    public int[] Counts { get; set; }
}

/// <summary>The numerical cores of the key-driver methods (docs/definitions.md#key-drivers) on correlation matrices held in flat, row-major arrays.</summary>
internal static class ImportanceKernels
{
    /// <summary>
    /// Residual variance (1 − R² of a driver on the drivers before it) below which a driver counts as an exact
    /// linear combination. Rounding leaves about 1e-15 for truly dependent columns; 1e-10 also catches
    /// near-duplicates whose weights would be meaningless.
    /// </summary>
    public const double DependenceTolerance = 1e-10;

    /// <summary>
    /// Index of the first driver that is (numerically) a linear combination of the drivers before it, or −1.
    /// Incremental Cholesky of the correlation matrix in the given order.
    /// </summary>
    public static int FirstDependentDriver(ReadOnlySpan<double> rxx, int k, Span<double> cholesky)
    {
        for (var j = 0; j < k; j++)
        {
            var zz = 0.0;
            for (var i = 0; i < j; i++)
            {
                var s = rxx[i * k + j];
                for (var l = 0; l < i; l++)
                {
                    s -= cholesky[i * k + l] * cholesky[j * k + l];
                }
                var z = s / cholesky[i * k + i];
                cholesky[j * k + i] = z;
                zz += z * z;
            }
            var d2 = rxx[j * k + j] - zz;
            if (d2 <= DependenceTolerance)
            {
                return j;
            }
            cholesky[j * k + j] = Math.Sqrt(d2);
        }
        return -1;
    }

    /// <summary>
    /// Johnson's relative weights from <c>ws.Rxx</c> and <c>ws.Rxy</c> into <c>ws.Weights</c>.
    /// Returns false when the predictor correlation matrix is singular.
    /// </summary>
    public static bool TryRelativeWeights(ImportanceWorkspace ws)
    {
        var k = ws.K;
        Array.Copy(ws.Rxx, ws.EigenInput, k * k);
        // Symmetric input: row-major and column-major layouts coincide, so MathNet's column-major solver applies.
        LinearAlgebraControl.Provider.EigenDecomp(true, k, ws.EigenInput, ws.EigenVectors, ws.EigenValues, ws.EigenBlock);

        var lambdaMax = ws.EigenValues[k - 1].Real;
        for (var l = 0; l < k; l++)
        {
            var lambda = ws.EigenValues[l].Real;
            if (!(lambda > DependenceTolerance * Math.Max(1.0, lambdaMax)))
            {
                return false;
            }
            ws.RootLambda[l] = Math.Sqrt(lambda);
        }

        var v = ws.EigenVectors; // column-major: v[row + col*k], column l = eigenvector l
        // t = Λ^{-1/2} V' r_xy, β* = V t  (β* = Λ*^{-1} r_xy with Λ* = V Λ^{1/2} V')
        for (var l = 0; l < k; l++)
        {
            var s = 0.0;
            for (var j = 0; j < k; j++)
            {
                s += v[j + l * k] * ws.Rxy[j];
            }
            ws.Temp[l] = s / ws.RootLambda[l];
        }
        for (var m = 0; m < k; m++)
        {
            var s = 0.0;
            for (var l = 0; l < k; l++)
            {
                s += v[m + l * k] * ws.Temp[l];
            }
            ws.Beta[m] = s * s;
        }
        // ε_j = Σ_m Λ*_jm² β*_m²
        for (var j = 0; j < k; j++)
        {
            var e = 0.0;
            for (var m = 0; m < k; m++)
            {
                var lam = 0.0;
                for (var l = 0; l < k; l++)
                {
                    lam += v[j + l * k] * ws.RootLambda[l] * v[m + l * k];
                }
                e += lam * lam * ws.Beta[m];
            }
            ws.Weights[j] = e;
        }
        return true;
    }

    /// <summary>
    /// Exact Shapley/LMG weights into <c>ws.Weights</c>: R² of all 2^k subsets once (each from its parent subset by
    /// one Cholesky row, O(|S|²)), then the order-averaged increments. Returns false when the drivers are dependent.
    /// </summary>
    public static bool TryShapley(ImportanceWorkspace ws)
    {
        var k = ws.K;
        ws.SubsetR2[0] = 0.0;
        if (!ExtendSubsets(ws, 0, 0, -1))
        {
            return false;
        }

        // γ(s) = s!(k−s−1)!/k! = 1 / (k · C(k−1, s))
        Span<double> gamma = stackalloc double[k];
        var binomial = 1.0;
        for (var s = 0; s < k; s++)
        {
            gamma[s] = 1.0 / (k * binomial);
            binomial = binomial * (k - 1 - s) / (s + 1);
        }

        Array.Clear(ws.Weights);
        var r2 = ws.SubsetR2;
        var full = 1 << k;
        for (var mask = 0; mask < full; mask++)
        {
            var size = BitOperations.PopCount((uint)mask);
            if (size == k)
            {
                continue;
            }
            var g = gamma[size];
            var baseR2 = r2[mask];
            for (var j = 0; j < k; j++)
            {
                var bit = 1 << j;
                if ((mask & bit) == 0)
                {
                    ws.Weights[j] += g * (r2[mask | bit] - baseR2);
                }
            }
        }
        return true;
    }

    private static bool ExtendSubsets(ImportanceWorkspace ws, int mask, int depth, int last)
    {
        var k = ws.K;
        var rxx = ws.Rxx;
        var chol = ws.Cholesky;
        var w = ws.W;
        var members = ws.Members;
        var rowBase = depth * k;
        for (var j = last + 1; j < k; j++)
        {
            var zz = 0.0;
            var zw = 0.0;
            for (var i = 0; i < depth; i++)
            {
                var s = rxx[members[i] * k + j];
                for (var l = 0; l < i; l++)
                {
                    s -= chol[i * k + l] * chol[rowBase + l];
                }
                var z = s / chol[i * k + i];
                chol[rowBase + i] = z;
                zz += z * z;
                zw += z * w[i];
            }
            var d2 = 1.0 - zz;
            if (d2 <= DependenceTolerance)
            {
                return false;
            }
            var d = Math.Sqrt(d2);
            chol[rowBase + depth] = d;
            var wn = (ws.Rxy[j] - zw) / d;
            w[depth] = wn;
            var next = mask | (1 << j);
            ws.SubsetR2[next] = ws.SubsetR2[mask] + wn * wn;
            members[depth] = j;
            if (!ExtendSubsets(ws, next, depth + 1, j))
            {
                return false;
            }
        }
        return true;
    }
}
