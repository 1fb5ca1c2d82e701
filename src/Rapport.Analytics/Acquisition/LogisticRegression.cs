using MathNet.Numerics.LinearAlgebra;

namespace Rapport.Analytics.Acquisition;

/// <summary>A fitted logistic regression: <c>P(y = 1 | x) = σ(Intercept + Σ_j Coefficients[j]·x_j)</c>.</summary>
/// <param name="Intercept">β₀ (not penalised).</param>
/// <param name="Coefficients">β₁…β_p on the scale of the columns passed in.</param>
/// <param name="Iterations">Newton (IRLS) iterations used.</param>
/// <param name="Converged">Whether the largest step fell below the tolerance.</param>
/// <param name="PenalizedLogLikelihood">Σ log-likelihood − λ/2 Σ β_j² at the solution.</param>
public sealed record LogisticFit(double Intercept, IReadOnlyList<double> Coefficients, int Iterations, bool Converged, double PenalizedLogLikelihood)
{
    /// <summary>The linear predictor (log-odds) for <paramref name="x"/>.</summary>
    public double Logit(ReadOnlySpan<double> x)
    {
        var eta = Intercept;
        for (var j = 0; j < Coefficients.Count; j++)
        {
            eta += Coefficients[j] * x[j];
        }
        return eta;
    }

    /// <summary>P(y = 1 | x).</summary>
    public double Probability(ReadOnlySpan<double> x) => LogisticRegression.Sigmoid(Logit(x));
}

/// <summary>
/// L2-regularised (ridge) logistic regression fitted by Newton–Raphson, i.e. iteratively reweighted least squares,
/// maximising <c>Σ_i [y_i η_i − log(1 + e^{η_i})] − (λ/2) Σ_{j≥1} β_j²</c> with step halving when a full step does
/// not improve the objective. The intercept is not penalised. With λ &gt; 0 the objective is strictly concave, so the
/// solution exists and is unique even for perfectly separable data (where the unpenalised fit diverges); standardise
/// the columns first so that one λ treats them alike (see <see cref="FeatureEncoder"/>).
/// </summary>
public static class LogisticRegression
{
    /// <summary>Numerically safe logistic function.</summary>
    public static double Sigmoid(double eta) => eta >= 0 ? 1 / (1 + Math.Exp(-eta)) : Math.Exp(eta) / (1 + Math.Exp(eta));

    /// <summary>log(1 + e^η) without overflow.</summary>
    private static double Softplus(double eta) => eta > 0 ? eta + double.LogP1(Math.Exp(-eta)) : double.LogP1(Math.Exp(eta));

    /// <summary>Fits the model.</summary>
    /// <param name="x">Rows of p predictor values (all rows the same length, finite).</param>
    /// <param name="y">Outcomes (true = 1).</param>
    /// <param name="lambda">L2 penalty λ ≥ 0 on the sum (not mean) log-likelihood; 0 is plain maximum likelihood.</param>
    /// <param name="maxIterations">Cap on Newton steps (default 100).</param>
    /// <param name="tolerance">Stop when the largest coefficient change is below this (default 1e-9).</param>
    public static LogisticFit Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, double lambda, int maxIterations = 100, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"{x.Count} rows but {y.Count} outcomes.", nameof(y));
        }
        if (x.Count == 0)
        {
            throw new ArgumentException("No rows to fit.", nameof(x));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        var n = x.Count;
        var p = x[0].Length;
        if (x.Any(r => r.Length != p || r.Any(v => !double.IsFinite(v))))
        {
            throw new ArgumentException("Every row needs the same number of finite values.", nameof(x));
        }

        var k = p + 1;
        var beta = new double[k];
        // Starting from the observed log-odds for the intercept keeps the first step small.
        var positives = y.Count(v => v);
        beta[0] = Math.Log((positives + 0.5) / (n - positives + 0.5));
        var objective = Objective(x, y, beta, lambda);
        var iterations = 0;
        var converged = false;

        while (iterations < maxIterations)
        {
            iterations++;
            var gradient = new double[k];
            var hessian = Matrix<double>.Build.Dense(k, k);
            var row = new double[k];
            for (var i = 0; i < n; i++)
            {
                row[0] = 1;
                x[i].CopyTo(row, 1);
                var mu = Sigmoid(Dot(beta, row));
                var residual = (y[i] ? 1 : 0) - mu;
                var w = Math.Max(mu * (1 - mu), 1e-12);
                for (var a = 0; a < k; a++)
                {
                    gradient[a] += residual * row[a];
                    var wa = w * row[a];
                    for (var b = 0; b <= a; b++)
                    {
                        hessian[a, b] += wa * row[b];
                    }
                }
            }
            for (var a = 0; a < k; a++)
            {
                for (var b = 0; b < a; b++)
                {
                    hessian[b, a] = hessian[a, b];
                }
            }
            for (var j = 1; j < k; j++)
            {
                gradient[j] -= lambda * beta[j];
                hessian[j, j] += lambda;
            }

            var step = SolveSymmetric(hessian, Vector<double>.Build.Dense(gradient));
            var scale = 1.0;
            double[] candidate;
            double candidateObjective;
            while (true)
            {
                candidate = new double[k];
                for (var j = 0; j < k; j++)
                {
                    candidate[j] = beta[j] + (scale * step[j]);
                }
                candidateObjective = Objective(x, y, candidate, lambda);
                if (candidateObjective >= objective - (1e-12 * Math.Abs(objective)) || scale < 1e-10)
                {
                    break;
                }
                scale /= 2;
            }
            var change = 0.0;
            for (var j = 0; j < k; j++)
            {
                change = Math.Max(change, Math.Abs(candidate[j] - beta[j]));
            }
            beta = candidate;
            objective = candidateObjective;
            if (change < tolerance)
            {
                converged = true;
                break;
            }
        }

        return new LogisticFit(beta[0], beta[1..], iterations, converged, objective);
    }

    private static Vector<double> SolveSymmetric(Matrix<double> h, Vector<double> g)
    {
        try
        {
            return h.Cholesky().Solve(g);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Not positive definite (λ = 0 with collinear or constant columns): a least-squares step still moves uphill.
            return h.Svd().Solve(g);
        }
    }

    private static double Objective(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, double[] beta, double lambda)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Count; i++)
        {
            var eta = beta[0];
            var row = x[i];
            for (var j = 0; j < row.Length; j++)
            {
                eta += beta[j + 1] * row[j];
            }
            sum += (y[i] ? eta : 0) - Softplus(eta);
        }
        var penalty = 0.0;
        for (var j = 1; j < beta.Length; j++)
        {
            penalty += beta[j] * beta[j];
        }
        return sum - (lambda / 2 * penalty);
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }
}
