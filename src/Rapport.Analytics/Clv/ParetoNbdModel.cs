using static Rapport.Analytics.Clv.LogMath;

namespace Rapport.Analytics.Clv;

/// <summary>
/// The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): while alive a customer buys as a Poisson process with
/// rate λ ~ Gamma(r, α) and has an exponential lifetime with rate μ ~ Gamma(s, β). The likelihood is the formulation of
/// Fader &amp; Hardie's note "A note on deriving the Pareto/NBD model and related expressions" (2005), with the α ≥ β and
/// α &lt; β branches of ₂F₁. The likelihood is flat along (s, β): compare fits by log-likelihood and predictions.
/// </summary>
public sealed class ParetoNbdModel : IRepeatTransactionModel
{
    /// <param name="r">Shape of the purchase-rate gamma; &gt; 0.</param>
    /// <param name="alpha">Scale of the purchase-rate gamma (time units); &gt; 0.</param>
    /// <param name="s">Shape of the dropout-rate gamma; &gt; 0.</param>
    /// <param name="beta">Scale of the dropout-rate gamma (time units); &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public ParetoNbdModel(double r, double alpha, double s, double beta)
    {
        ModelChecks.Positive(r, nameof(r));
        ModelChecks.Positive(alpha, nameof(alpha));
        ModelChecks.Positive(s, nameof(s));
        ModelChecks.Positive(beta, nameof(beta));
        R = r;
        Alpha = alpha;
        S = s;
        Beta = beta;
    }

    /// <summary>Gamma shape r of the purchase rate.</summary>
    public double R { get; }
    /// <summary>Gamma scale α of the purchase rate.</summary>
    public double Alpha { get; }
    /// <summary>Gamma shape s of the dropout rate.</summary>
    public double S { get; }
    /// <summary>Gamma scale β of the dropout rate.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    public string Name => "pareto-nbd";

    /// <inheritdoc />
    public IReadOnlyList<ModelParameter> Parameters => [new("r", R), new("alpha", Alpha), new("s", S), new("beta", Beta)];

    /// <summary>
    /// ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀], where A₀ is the
    /// difference of the ₂F₁ terms at t_x and T (the note's eq. 22 with both branches).
    /// </summary>
    public double LogLikelihood(PurchaseHistory history)
    {
        history.Validate();
        return LogLikelihood(R, Alpha, S, Beta, history.X, history.Tx, history.T);
    }

    /// <summary>Sum of <see cref="LogLikelihood(PurchaseHistory)"/> over customers.</summary>
    public double LogLikelihood(IEnumerable<PurchaseHistory> customers) => customers.Sum(LogLikelihood);

    private static double LogLikelihood(double r, double alpha, double s, double beta, int x, double tx, double t) =>
        GammaLn(r + x) - GammaLn(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta))
        + LogLikelihoodTail(r, alpha, s, beta, x, tx, t, Family(r, alpha, s, beta, x));

    /// <summary>The likelihood without the factor Γ(r+x) α^r β^s / Γ(r), which depends on x alone.</summary>
    private static double LogLikelihoodTail(double r, double alpha, double s, double beta, int x, double tx, double t, Hypergeometric.Family family)
    {
        var alive = (-(r + x) * Math.Log(alpha + t)) - (s * Math.Log(beta + t));
        var died = Math.Log(s / (r + s + x)) + LogA0(r, alpha, s, beta, x, tx, t, family);
        return LogSumExp(alive, died);
    }

    /// <summary>The ₂F₁ of A₀: (r+s+x, s+1; r+s+x+1) when α ≥ β, (r+s+x, r+x; r+s+x+1) otherwise.</summary>
    private static Hypergeometric.Family Family(double r, double alpha, double s, double beta, int x)
    {
        var rsx = r + s + x;
        return alpha >= beta ? new Hypergeometric.Family(rsx, s + 1, rsx + 1) : new Hypergeometric.Family(rsx, r + x, rsx + 1);
    }

    /// <summary>ln A₀: the part of the likelihood from customers who died between t_x and T; −∞ when t_x = T.</summary>
    private static double LogA0(double r, double alpha, double s, double beta, int x, double tx, double t, Hypergeometric.Family family)
    {
        if (tx >= t)
        {
            return double.NegativeInfinity;
        }
        var rsx = r + s + x;
        double Term(double at)
        {
            var f = alpha >= beta
                ? family.Evaluate((alpha - beta) / (alpha + at), (beta + at) / (alpha + at))
                : family.Evaluate((beta - alpha) / (beta + at), (alpha + at) / (beta + at));
            if (f.Sign <= 0)
            {
                throw new ArithmeticException("Pareto/NBD: 2F1 is not positive.");
            }
            return f.Log - (rsx * Math.Log(Math.Max(alpha, beta) + at));
        }
        return LogDiffExp(Term(tx), Term(t));
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀).</summary>
    public double ProbabilityAlive(PurchaseHistory history)
    {
        history.Validate();
        var (x, tx, t) = history;
        var logOdds = Math.Log(S / (R + S + x)) + ((R + x) * Math.Log(Alpha + t)) + (S * Math.Log(Beta + t))
            + LogA0(R, Alpha, S, Beta, x, tx, t, Family(R, Alpha, S, Beta, x));
        return 1 / (1 + Math.Exp(logOdds));
    }

    /// <summary>E[X(t)] = rβ / (α(s−1)) [1 − (β/(β+t))^(s−1)] (the limit rβ/α ln(1 + t/β) at s = 1).</summary>
    public double ExpectedTransactions(double t)
    {
        ModelChecks.NonNegative(t, nameof(t));
        return R / Alpha * Beta * PowerIntegral(S - 1, Log1P(t / Beta));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive | x, t_x, T).
    /// </summary>
    public double ConditionalExpectedTransactions(PurchaseHistory history, double t)
    {
        ModelChecks.NonNegative(t, nameof(t));
        var pAlive = ProbabilityAlive(history);
        var (x, _, bigT) = history;
        return (R + x) * (Beta + bigT) / (Alpha + bigT) * PowerIntegral(S - 1, Log1P(t / (Beta + bigT))) * pAlive;
    }

    /// <summary>(1 − e^(−k u)) / k, continuous at k = 0 (where it is u).</summary>
    private static double PowerIntegral(double k, double u) => Math.Abs(k * u) < 1e-12 ? u : -ExpM1(-k * u) / k;

    /// <summary>Fits r, α, s, β by maximum likelihood (see <see cref="Fit(IEnumerable{HistoryCount})"/>).</summary>
    public static ModelFit<ParetoNbdModel> Fit(IEnumerable<PurchaseHistory> customers) =>
        Fit(customers.Select(h => new HistoryCount(h, 1)));

    /// <summary>Fits r, α, s, β by maximum likelihood on log-parameters (numeric gradient); identical rows are evaluated once.</summary>
    /// <exception cref="ArgumentException">A history is invalid.</exception>
    /// <exception cref="ModelFitException">No customers, no repeat transactions, or the optimiser did not converge.</exception>
    public static ModelFit<ParetoNbdModel> Fit(IEnumerable<HistoryCount> rows)
    {
        var table = HistoryTable.From(rows);
        double totalX = 0, totalT = 0;
        for (var i = 0; i < table.Count; i++)
        {
            totalX += table.X[i] * table.Weight[i];
            totalT += table.T[i] * table.Weight[i];
        }
        ModelChecks.RequireRepeatPurchases("Pareto/NBD", table.TotalWeight, totalX, totalT);
        var rate = totalX / totalT;
        var meanT = totalT / table.TotalWeight;

        var byX = table.WeightByX();
        double Mean(double[] p)
        {
            double r = p[0], alpha = p[1], s = p[2], beta = p[3];
            var head = (r * Math.Log(alpha)) + (s * Math.Log(beta));
            var lgR = GammaLn(r);
            double sum = 0;
            var families = new Hypergeometric.Family?[byX.Length];
            for (var x = 0; x < byX.Length; x++)
            {
                if (byX[x] > 0)
                {
                    sum += byX[x] * (GammaLn(r + x) - lgR + head);
                    families[x] = Family(r, alpha, s, beta, x);
                }
            }
            for (var i = 0; i < table.Count; i++)
            {
                var x = table.X[i];
                sum += table.Weight[i] * LogLikelihoodTail(r, alpha, s, beta, x, table.Tx[i], table.T[i], families[x]!);
            }
            return sum / table.TotalWeight;
        }

        var problem = new LikelihoodProblem
        {
            Model = "Pareto/NBD",
            Names = ["r", "alpha", "s", "beta"],
            MeanLogLikelihood = p => SafeMean(Mean, p),
            Starts = [[1, 1 / rate, 1, meanT], [0.5, 0.5 / rate, 0.5, meanT / 2], [2, 2 / rate, 2, 2 * meanT]],
        };
        var result = MaximumLikelihood.Maximize(problem);
        var est = result.Parameters;
        var model = new ParetoNbdModel(est[0], est[1], est[2], est[3]);
        return new ModelFit<ParetoNbdModel>(model, result.MeanLogLikelihood * table.TotalWeight, (long)table.TotalWeight, result.Evaluations) { Warnings = result.Warnings };
    }

    /// <summary>A point where ₂F₁ cannot be evaluated to full precision is outside the search region, not a crash.</summary>
    private static double SafeMean(Func<double[], double> mean, double[] p)
    {
        try
        {
            return mean(p);
        }
        catch (ArithmeticException)
        {
            return double.NaN;
        }
    }
}
