using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Rapport.Analytics.Clv;

/// <summary>The maximum found, with warnings about parameters that sit on a boundary plateau.</summary>
internal sealed record MaximumLikelihoodResult(double[] Parameters, double MeanLogLikelihood, int Evaluations, IReadOnlyList<string> Warnings);

/// <summary>A log-likelihood to maximise over strictly positive parameters.</summary>
internal sealed class LikelihoodProblem
{
    /// <summary>Model name for messages.</summary>
    public required string Model { get; init; }

    /// <summary>Parameter names for messages, in order.</summary>
    public required string[] Names { get; init; }

    /// <summary>Mean log-likelihood per observation at the given (natural-scale) parameters; may be NaN or −∞ where undefined.</summary>
    public required Func<double[], double> MeanLogLikelihood { get; init; }

    /// <summary>Optional analytic version returning the value and writing d(mean LL)/d(parameter) into the second argument.</summary>
    public Func<double[], double[], double>? MeanLogLikelihoodWithGradient { get; init; }

    /// <summary>Starting points (natural scale), tried in order.</summary>
    public required double[][] Starts { get; init; }

    /// <summary>Whether to run every start and keep the best optimum, or (default) stop at the first that converges.</summary>
    public bool TryAllStarts { get; init; }
}

/// <summary>
/// Maximum likelihood on log-parameters (so every parameter stays positive without constraints):
/// MathNet's BFGS from each start, a Nelder–Mead restart when BFGS stalls, then an independent convergence check
/// (gradient of the mean log-likelihood with respect to the log-parameters below <see cref="GradientTolerance"/>,
/// no parameter beyond e^<see cref="DivergedLog"/>); anything else throws <see cref="ModelFitException"/>. A maximum on a
/// boundary plateau (the likelihood not falling when a parameter moves twentyfold towards 0 or ∞) is returned with a warning.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>Largest accepted |∂ mean LL / ∂ ln θ| at the optimum.</summary>
    public const double GradientTolerance = 1e-6;

    private const double SolverScale = 100;

    /// <summary>ln θ beyond which a parameter counts as diverged (θ above 3·10⁶).</summary>
    public const double DivergedLog = 15;

    // Boundary check: a step of ±3 in ln θ (a factor of 20) must lower the mean log-likelihood by at least this much.
    private const double BoundaryProbe = 3;
    private const double BoundaryDrop = 1e-4;

    // The search may not leave this box; points outside count as infinitely bad.
    private const double SearchBoxLog = 30;
    private const double Penalty = 1e10;

    // Likelihood evaluations allowed per starting point, across all stages.
    private const int EvaluationBudget = 20_000;

    public static MaximumLikelihoodResult Maximize(LikelihoodProblem problem)
    {
        var n = problem.Names.Length;
        var evaluations = 0;
        double[]? bestTheta = null;
        var bestValue = double.PositiveInfinity;
        var failures = new List<string>();

        // Objective on θ = ln(parameters): f(θ) = −mean LL, finite everywhere so MathNet's line search never throws on it.
        double Value(double[] theta)
        {
            evaluations++;
            if (theta.Any(t => !double.IsFinite(t) || Math.Abs(t) > SearchBoxLog))
            {
                return Penalty;
            }
            var ll = problem.MeanLogLikelihood(Exp(theta));
            return double.IsFinite(ll) ? -ll : Penalty;
        }

        double ValueAndGradient(double[] theta, double[] gradient)
        {
            if (problem.MeanLogLikelihoodWithGradient is null)
            {
                var f0 = Value(theta);
                NumericGradient(Value, theta, f0, gradient);
                return f0;
            }
            evaluations++;
            Array.Clear(gradient);
            if (theta.Any(t => !double.IsFinite(t) || Math.Abs(t) > SearchBoxLog))
            {
                return Penalty;
            }
            var p = Exp(theta);
            var g = new double[n];
            var ll = problem.MeanLogLikelihoodWithGradient(p, g);
            if (!double.IsFinite(ll) || g.Any(v => !double.IsFinite(v)))
            {
                return Penalty;
            }
            for (var i = 0; i < n; i++)
            {
                gradient[i] = -g[i] * p[i];
            }
            return -ll;
        }

        foreach (var start in problem.Starts)
        {
            var result = FitFromStart(start, Value, ValueAndGradient, n);
            if (result.Converged)
            {
                if (result.Value < bestValue)
                {
                    bestValue = result.Value;
                    bestTheta = result.Theta;
                }
                if (!problem.TryAllStarts)
                {
                    break;
                }
            }
            else
            {
                failures.Add(Describe(problem.Names, Exp(result.Theta)) + FormattableString.Invariant($" (gradient {result.GradientNorm:G3})"));
            }
        }

        if (bestTheta is null)
        {
            throw new ModelFitException(
                $"{problem.Model}: the maximum-likelihood fit did not converge from any of {problem.Starts.Length} starting points; " +
                $"last reached {failures[^1]}. The data may not support this model (too few repeat purchases, or no sign of customers dropping out).");
        }

        for (var i = 0; i < n; i++)
        {
            // Towards 0 the likelihood stays accurate (the plateau check below reports it); towards ∞ differences of
            // ln Γ of huge arguments lose their digits, so the estimate cannot be trusted.
            if (bestTheta[i] > DivergedLog)
            {
                throw new ModelFitException(
                    $"{problem.Model}: parameter {problem.Names[i]} diverged to {Math.Exp(bestTheta[i]).ToString("G4", CultureInfo.InvariantCulture)} " +
                    $"({Describe(problem.Names, Exp(bestTheta))}); the data do not identify the model (for example, no variation between customers, " +
                    "or no sign of customers dropping out).");
            }
        }

        // A small gradient also occurs on a plateau that keeps rising (or stays flat) towards a boundary, e.g. a → 0 in
        // BG/NBD when nobody is seen to drop out. That is a legitimate maximum-likelihood answer (the limiting model), but
        // the estimate of that parameter only says "towards the boundary": report it. At an interior maximum, changing
        // any one parameter twentyfold costs likelihood.
        var warnings = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var flat = new List<string>();
            foreach (var direction in (ReadOnlySpan<int>)[-1, 1])
            {
                var probe = (double[])bestTheta.Clone();
                probe[i] += direction * BoundaryProbe;
                if (Value(probe) - bestValue < BoundaryDrop)
                {
                    flat.Add(direction < 0 ? "smaller" : "larger");
                }
            }
            if (flat.Count > 0)
            {
                warnings.Add(
                    $"{problem.Model}: {problem.Names[i]} is not identified: the likelihood hardly changes when it is 20 times {string.Join(" or ", flat)} " +
                    $"({Describe(problem.Names, Exp(bestTheta))}). The maximum lies on a boundary of the parameter space and the fit describes " +
                    "the limiting model (for example, no sign of customers dropping out in the calibration period).");
            }
        }

        return new MaximumLikelihoodResult(Exp(bestTheta), -bestValue, evaluations, warnings);
    }

    private readonly record struct StartResult(double[] Theta, double Value, bool Converged, double GradientNorm);

    private static StartResult FitFromStart(double[] start, Func<double[], double> value, Func<double[], double[], double> valueAndGradient, int n)
    {
        var best = start.Select(v => Math.Log(v)).ToArray();
        var bestValue = value(best);
        var budget = EvaluationBudget;

        // Every point the optimisers look at is a candidate: when a line search gives up near the optimum the best point
        // seen is kept. The budget stops an optimiser that crawls along the edge of the search box.
        double Tracked(double[] theta)
        {
            if (--budget < 0)
            {
                throw new BudgetExhaustedException();
            }
            var f = value(theta);
            if (f < bestValue)
            {
                bestValue = f;
                best = (double[])theta.Clone();
            }
            return f;
        }

        double TrackedWithGradient(double[] theta, double[] g)
        {
            if (--budget < 0)
            {
                throw new BudgetExhaustedException();
            }
            var f = valueAndGradient(theta, g);
            if (f < bestValue)
            {
                bestValue = f;
                best = (double[])theta.Clone();
            }
            return f;
        }

        var gradient = new double[n];
        // 1. MathNet's BfgsSolver: full quasi-Newton steps from step length 1. It stops at |gradient| < 1e-5, so it sees
        //    the objective scaled by SolverScale to stop at 1e-5 / SolverScale on ours.
        Attempt(() => BfgsSolver.Solve(
            new MathNet.Numerics.LinearAlgebra.Double.DenseVector((double[])best.Clone()),
            v => SolverScale * Tracked(v.ToArray()),
            v =>
            {
                var g = new double[n];
                TrackedWithGradient(v.ToArray(), g);
                return Vector<double>.Build.DenseOfArray(g) * SolverScale;
            }));
        var norm = GradientNorm(valueAndGradient, best, gradient);

        // 2. If it stalled close to the optimum: MathNet's BfgsMinimizer, whose very short first step suits that.
        var gradientObjective = ObjectiveFunction.Gradient(v =>
        {
            var g = new double[n];
            var f = TrackedWithGradient(v.ToArray(), g);
            return (f, Vector<double>.Build.DenseOfArray(g));
        });
        if (!(norm <= GradientTolerance))
        {
            Attempt(() => new BfgsMinimizer(1e-9, 1e-12, 1e-14, 500).FindMinimum(gradientObjective, Vector<double>.Build.DenseOfArray(best)));
            norm = GradientNorm(valueAndGradient, best, gradient);
        }

        // 3. Still not there (a ridge, a kink from a penalised region): Nelder–Mead, then BFGS again.
        if (!(norm <= GradientTolerance))
        {
            var valueObjective = ObjectiveFunction.Value(v => Tracked(v.ToArray()));
            Attempt(() => new NelderMeadSimplex(1e-12, 4000).FindMinimum(valueObjective, Vector<double>.Build.DenseOfArray(best), Vector<double>.Build.Dense(n, 0.2)));
            Attempt(() => new BfgsMinimizer(1e-9, 1e-12, 1e-14, 500).FindMinimum(gradientObjective, Vector<double>.Build.DenseOfArray(best)));
            norm = GradientNorm(valueAndGradient, best, gradient);
        }
        return new StartResult(best, bestValue, norm <= GradientTolerance && bestValue < Penalty, norm);
    }

    /// <summary>Runs one optimiser; its failures (line search, iterations, budget) leave the best point seen to be judged.</summary>
    private static void Attempt(Action optimise)
    {
        try
        {
            optimise();
        }
        catch (Exception e) when (e is OptimizationException or ArithmeticException or ArgumentException or BudgetExhaustedException)
        {
            // The gradient check after each stage decides whether the point is an optimum.
        }
    }

    private sealed class BudgetExhaustedException : Exception;

    private static double GradientNorm(Func<double[], double[], double> valueAndGradient, double[] theta, double[] gradient)
    {
        var f = valueAndGradient(theta, gradient);
        return f >= Penalty ? double.PositiveInfinity : gradient.Max(Math.Abs);
    }

    /// <summary>Central differences in log-parameter space.</summary>
    internal static void NumericGradient(Func<double[], double> f, double[] theta, double f0, double[] gradient)
    {
        if (f0 >= Penalty)
        {
            Array.Clear(gradient);
            return;
        }
        var x = (double[])theta.Clone();
        for (var i = 0; i < x.Length; i++)
        {
            const double h = 1e-5;
            x[i] = theta[i] + h;
            var up = f(x);
            x[i] = theta[i] - h;
            var down = f(x);
            x[i] = theta[i];
            if (up >= Penalty || down >= Penalty)
            {
                // One-sided at the edge of the valid region.
                gradient[i] = up < Penalty ? (up - f0) / h : down < Penalty ? (f0 - down) / h : 0;
            }
            else
            {
                gradient[i] = (up - down) / (2 * h);
            }
        }
    }

    private static double[] Exp(double[] theta) => theta.Select(v => Math.Exp(v)).ToArray();

    private static string Describe(string[] names, double[] values) =>
        string.Join(", ", names.Zip(values, (n, v) => $"{n} = {v.ToString("G6", CultureInfo.InvariantCulture)}"));
}
