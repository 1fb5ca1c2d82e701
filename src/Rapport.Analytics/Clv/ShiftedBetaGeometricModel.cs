using static Rapport.Analytics.Clv.LogMath;

namespace Rapport.Analytics.Clv;

/// <summary>
/// What one contract (or a group of identical ones) tells the sBG model. Periods are counted from the start:
/// period k (0-based) is [start + k·unit, start + (k+1)·unit).
/// </summary>
/// <param name="Periods">
/// For a churned contract, the period k in which it ended (it survived k renewals and churned at renewal k + 1, so it
/// contributes P(T = k + 1)); for a running contract, the number of whole periods it has survived (it contributes S(k)).
/// </param>
/// <param name="Churned">Whether the contract has ended.</param>
/// <param name="Count">How many contracts share this observation; ≥ 1.</param>
public readonly record struct ContractObservation(int Periods, bool Churned, long Count = 1)
{
    /// <summary>
    /// The observation of one contract as of a date (docs/definitions.md#transactions-and-clv-models): ended on or before <paramref name="asOf"/> → churned in
    /// period floor((end − start)/unit); otherwise (no end, or an end after <paramref name="asOf"/>) running, having
    /// survived floor((as-of − start)/unit) periods.
    /// </summary>
    /// <returns>The observation, or null when the contract starts after <paramref name="asOf"/>.</returns>
    /// <exception cref="ArgumentException">The end is before the start.</exception>
    public static ContractObservation? FromDates(DateOnly start, DateOnly? end, DateOnly asOf, TimeUnit period)
    {
        if (end < start)
        {
            throw new ArgumentException($"The contract ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd}).", nameof(end));
        }
        if (start > asOf)
        {
            return null;
        }
        var churned = end is { } e && e <= asOf;
        var last = churned ? end!.Value : asOf;
        return new ContractObservation((int)Math.Floor((last.DayNumber - start.DayNumber) / period.Days()), churned);
    }
}

/// <summary>
/// The shifted-beta-geometric model of contract renewals (Fader &amp; Hardie 2007, "How to project customer retention"):
/// each customer churns at each renewal with probability θ ~ Beta(α, β).
/// P(T = t) = B(α+1, β+t−1)/B(α, β), S(t) = B(α, β+t)/B(α, β), retention r(t) = (β+t−1)/(α+β+t−1).
/// </summary>
public sealed class ShiftedBetaGeometricModel
{
    /// <param name="alpha">First beta parameter; &gt; 0.</param>
    /// <param name="beta">Second beta parameter; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public ShiftedBetaGeometricModel(double alpha, double beta)
    {
        ModelChecks.Positive(alpha, nameof(alpha));
        ModelChecks.Positive(beta, nameof(beta));
        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>Beta parameter α.</summary>
    public double Alpha { get; }
    /// <summary>Beta parameter β.</summary>
    public double Beta { get; }

    /// <summary>alpha, beta.</summary>
    public IReadOnlyList<ModelParameter> Parameters => [new("alpha", Alpha), new("beta", Beta)];

    /// <summary>P(T = t): probability of churning at renewal t (t ≥ 1).</summary>
    public double ChurnProbability(int t) => Math.Exp(LogChurn(Alpha, Beta, t));

    /// <summary>S(t): probability of surviving t renewals (t ≥ 0; S(0) = 1).</summary>
    public double Survival(int t) => Math.Exp(LogSurvival(Alpha, Beta, t));

    /// <summary>r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1): the retention rate at renewal t (t ≥ 1); rises with t.</summary>
    public double Retention(int t)
    {
        if (t < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "Retention is defined for renewals t >= 1.");
        }
        return (Beta + t - 1) / (Alpha + Beta + t - 1);
    }

    /// <summary>ln-likelihood of one observation: ln P(T = k + 1) when churned in period k, ln S(k) when still running after k periods.</summary>
    public double LogLikelihood(ContractObservation observation) => LogLikelihood(Alpha, Beta, observation);

    private static double LogLikelihood(double alpha, double beta, ContractObservation o) =>
        o.Churned ? LogChurn(alpha, beta, o.Periods + 1) : LogSurvival(alpha, beta, o.Periods);

    private static double LogChurn(double alpha, double beta, int t)
    {
        if (t < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "Churn happens at renewal t >= 1.");
        }
        return BetaLn(alpha + 1, beta + t - 1) - BetaLn(alpha, beta);
    }

    private static double LogSurvival(double alpha, double beta, int t)
    {
        if (t < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "Survival is defined for t >= 0.");
        }
        return t == 0 ? 0 : BetaLn(alpha, beta + t) - BetaLn(alpha, beta);
    }

    /// <summary>
    /// The observations behind a cohort's survivor counts (as in Fader &amp; Hardie 2007): <paramref name="alive"/>[t] customers
    /// remain after t periods, <paramref name="alive"/>[0] being the cohort size; the last count is still running.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two counts, or counts that increase.</exception>
    public static IReadOnlyList<ContractObservation> FromSurvivorCounts(IReadOnlyList<long> alive)
    {
        if (alive.Count < 2)
        {
            throw new ArgumentException("Give the cohort size and at least one later survivor count.", nameof(alive));
        }
        var result = new List<ContractObservation>();
        for (var t = 1; t < alive.Count; t++)
        {
            var lost = alive[t - 1] - alive[t];
            if (lost < 0 || alive[t] < 0)
            {
                throw new ArgumentException($"Survivor counts must not increase (period {t}: {alive[t - 1]} then {alive[t]}).", nameof(alive));
            }
            if (lost > 0)
            {
                result.Add(new ContractObservation(t - 1, true, lost));
            }
        }
        if (alive[^1] > 0)
        {
            result.Add(new ContractObservation(alive.Count - 1, false, alive[^1]));
        }
        return result;
    }

    /// <summary>Fits α, β by maximum likelihood on log-parameters.</summary>
    /// <exception cref="ArgumentException">An observation has negative periods or a non-positive count.</exception>
    /// <exception cref="ModelFitException">No churn or no survival beyond the first period observed, or the optimiser did not converge.</exception>
    public static ModelFit<ShiftedBetaGeometricModel> Fit(IEnumerable<ContractObservation> observations)
    {
        var rows = observations.ToArray();
        foreach (var o in rows)
        {
            if (o.Periods < 0 || o.Count <= 0)
            {
                throw new ArgumentException($"Invalid contract observation: periods {o.Periods}, count {o.Count}.", nameof(observations));
            }
        }
        double total = rows.Sum(o => (double)o.Count);
        var churned = rows.Where(o => o.Churned).Sum(o => (double)o.Count);
        if (churned == 0)
        {
            throw new ModelFitException("sBG: no contract has ended; the churn model cannot be fitted.");
        }
        if (!rows.Any(o => o.Periods > 0))
        {
            throw new ModelFitException("sBG: no contract has survived a renewal yet; the churn model cannot be fitted.");
        }

        double Mean(double[] p) => rows.Sum(o => o.Count * LogLikelihood(p[0], p[1], o)) / total;
        var problem = new LikelihoodProblem
        {
            Model = "sBG",
            Names = ["alpha", "beta"],
            MeanLogLikelihood = Mean,
            Starts = [[1, 1], [0.5, 2], [2, 0.5]],
            TryAllStarts = true,
        };
        var result = MaximumLikelihood.Maximize(problem);
        var est = result.Parameters;
        return new ModelFit<ShiftedBetaGeometricModel>(new ShiftedBetaGeometricModel(est[0], est[1]), result.MeanLogLikelihood * total, (long)total, result.Evaluations)
        {
            Warnings = result.Warnings,
        };
    }
}
