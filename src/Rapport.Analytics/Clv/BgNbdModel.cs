using MathNet.Numerics;
using static Rapport.Analytics.Clv.LogMath;

namespace Rapport.Analytics.Clv;

/// <summary>
/// The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): while alive a customer buys
/// as a Poisson process with rate λ ~ Gamma(r, α); after each repeat purchase they drop out with probability p ~ Beta(a, b).
/// Formulas follow the paper and the Fader–Hardie notes; ₂F₁ is evaluated by <see cref="Hypergeometric"/>.
/// </summary>
public sealed class BgNbdModel : IRepeatTransactionModel
{
    /// <param name="r">Shape of the purchase-rate gamma; &gt; 0.</param>
    /// <param name="alpha">Scale (rate parameter, in time units) of the purchase-rate gamma; &gt; 0.</param>
    /// <param name="a">First beta parameter of the dropout probability; &gt; 0.</param>
    /// <param name="b">Second beta parameter of the dropout probability; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public BgNbdModel(double r, double alpha, double a, double b)
    {
        ModelChecks.Positive(r, nameof(r));
        ModelChecks.Positive(alpha, nameof(alpha));
        ModelChecks.Positive(a, nameof(a));
        ModelChecks.Positive(b, nameof(b));
        R = r;
        Alpha = alpha;
        A = a;
        B = b;
    }

    /// <summary>Gamma shape r.</summary>
    public double R { get; }
    /// <summary>Gamma scale α.</summary>
    public double Alpha { get; }
    /// <summary>Beta parameter a.</summary>
    public double A { get; }
    /// <summary>Beta parameter b.</summary>
    public double B { get; }

    /// <inheritdoc />
    public string Name => "bgnbd";

    /// <inheritdoc />
    public IReadOnlyList<ModelParameter> Parameters => [new("r", R), new("alpha", Alpha), new("a", A), new("b", B)];

    /// <summary>
    /// ln L(r, α, a, b | x, t_x, T) = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
    /// + ln[(α+T)^−(r+x) + δ(x&gt;0) a/(b+x−1) (α+t_x)^−(r+x)], evaluated as a log-sum-exp.
    /// </summary>
    public double LogLikelihood(PurchaseHistory history)
    {
        history.Validate();
        var (x, tx, t) = history;
        var r = R;
        var head = GammaLn(r + x) - GammaLn(r) + (r * Math.Log(Alpha))
            + GammaLn(A + B) + GammaLn(B + x) - GammaLn(B) - GammaLn(A + B + x);
        var a3 = -(r + x) * Math.Log(Alpha + t);
        var a4 = x > 0 ? Math.Log(A) - Math.Log(B + x - 1) - ((r + x) * Math.Log(Alpha + tx)) : double.NegativeInfinity;
        return head + LogSumExp(a3, a4);
    }

    /// <summary>Sum of <see cref="LogLikelihood(PurchaseHistory)"/> over customers.</summary>
    public double LogLikelihood(IEnumerable<PurchaseHistory> customers) => customers.Sum(LogLikelihood);

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + δ(x&gt;0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)); 1 when x = 0.</summary>
    public double ProbabilityAlive(PurchaseHistory history)
    {
        history.Validate();
        var (x, tx, t) = history;
        if (x == 0)
        {
            return 1;
        }
        var logOdds = Math.Log(A) - Math.Log(B + x - 1) + ((R + x) * (Math.Log(Alpha + t) - Math.Log(Alpha + tx)));
        return 1 / (1 + Math.Exp(logOdds));
    }

    /// <summary>
    /// E[X(t)] = (a+b−1)/(a−1) [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]: expected repeat transactions of a new customer
    /// in (0, t]. At a = 1 the expression is 0/0; within 10⁻⁴ of it the value is interpolated from a = 1 ± 10⁻⁴.
    /// </summary>
    /// <param name="t">Length of the period in time units; ≥ 0.</param>
    public double ExpectedTransactions(double t)
    {
        ModelChecks.NonNegative(t, nameof(t));
        if (t == 0)
        {
            return 0;
        }
        return AwayFromAOne(a => Unconditional(a, t));
    }

    private double Unconditional(double a, double t)
    {
        var z = t / (Alpha + t);
        var w = Alpha / (Alpha + t);
        var c = NotAPole(a + B - 1);
        return c / (a - 1) * OneMinus(R * Math.Log(w), Hypergeometric.Hyp2F1(R, B, c, z, w));
    }

    /// <summary>1 − e^logFactor · F, exact for F near e^−logFactor (short horizons) and for negative F (a + b &lt; 1).</summary>
    private static double OneMinus(double logFactor, Signed f) => f.Sign switch
    {
        > 0 => -ExpM1(logFactor + f.Log),
        < 0 => 1 + Math.Exp(logFactor + f.Log),
        _ => 1,
    };

    /// <summary>c = a + b + x − 1 vanishes only for x = 0 and a + b = 1 exactly, where E is a 0 · ∞ limit: step off the pole.</summary>
    private static double NotAPole(double c) => c == 0 ? 1e-12 : c;

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
    /// / [1 + δ(x&gt;0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)] (Fader, Hardie &amp; Lee 2005, eq. 10).
    /// </summary>
    /// <param name="history">The customer's calibration history.</param>
    /// <param name="t">Length of the future period in time units; ≥ 0.</param>
    public double ConditionalExpectedTransactions(PurchaseHistory history, double t)
    {
        history.Validate();
        ModelChecks.NonNegative(t, nameof(t));
        if (t == 0)
        {
            return 0;
        }
        return AwayFromAOne(a => Conditional(a, history, t));
    }

    private double Conditional(double a, PurchaseHistory history, double t)
    {
        var (x, tx, bigT) = history;
        var z = t / (Alpha + bigT + t);
        var w = (Alpha + bigT) / (Alpha + bigT + t);
        var c = NotAPole(a + B + x - 1);
        var numerator = c / (a - 1) * OneMinus((R + x) * Math.Log(w), Hypergeometric.Hyp2F1(R + x, B + x, c, z, w));
        if (x == 0)
        {
            return numerator;
        }
        var logOdds = Math.Log(a) - Math.Log(B + x - 1) + ((R + x) * (Math.Log(Alpha + bigT) - Math.Log(Alpha + tx)));
        return numerator / (1 + Math.Exp(logOdds));
    }

    /// <summary>Within 10⁻⁴ of a = 1 (a 0/0 form), interpolates linearly between a = 1 ± 10⁻⁴: error O(10⁻⁸ f'').</summary>
    private double AwayFromAOne(Func<double, double> f)
    {
        const double step = 1e-4;
        if (Math.Abs(A - 1) >= step)
        {
            return f(A);
        }
        var below = f(1 - step);
        return below + ((A - (1 - step)) / (2 * step) * (f(1 + step) - below));
    }

    /// <summary>Fits r, α, a, b by maximum likelihood (see <see cref="Fit(IEnumerable{HistoryCount})"/>).</summary>
    public static ModelFit<BgNbdModel> Fit(IEnumerable<PurchaseHistory> customers) =>
        Fit(customers.Select(h => new HistoryCount(h, 1)));

    /// <summary>
    /// Fits r, α, a, b by maximum likelihood on log-parameters with an analytic gradient; identical rows are evaluated once.
    /// </summary>
    /// <exception cref="ArgumentException">A history is invalid.</exception>
    /// <exception cref="ModelFitException">No customers, no repeat transactions, or the optimiser did not converge.</exception>
    public static ModelFit<BgNbdModel> Fit(IEnumerable<HistoryCount> rows)
    {
        var table = HistoryTable.From(rows);
        var totalX = 0.0;
        var totalT = 0.0;
        for (var i = 0; i < table.Count; i++)
        {
            totalX += table.X[i] * table.Weight[i];
            totalT += table.T[i] * table.Weight[i];
        }
        ModelChecks.RequireRepeatPurchases("BG/NBD", table.TotalWeight, totalX, totalT);

        var byX = table.WeightByX();
        var rate = totalX / totalT;
        var problem = new LikelihoodProblem
        {
            Model = "BG/NBD",
            Names = ["r", "alpha", "a", "b"],
            MeanLogLikelihood = p => MeanLogLikelihood(table, byX, p, null),
            MeanLogLikelihoodWithGradient = (p, g) => MeanLogLikelihood(table, byX, p, g),
            Starts = [[1, 1 / rate, 1, 3], [0.5, 0.5 / rate, 0.5, 1], [2, 2 / rate, 2, 10]],
        };
        var result = MaximumLikelihood.Maximize(problem);
        var est = result.Parameters;
        var model = new BgNbdModel(est[0], est[1], est[2], est[3]);
        return new ModelFit<BgNbdModel>(model, result.MeanLogLikelihood * table.TotalWeight, (long)table.TotalWeight, result.Evaluations) { Warnings = result.Warnings };
    }

    private static double MeanLogLikelihood(HistoryTable table, double[] byX, double[] p, double[]? gradient)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        double sum = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        var withGradient = gradient is not null;

        // Terms that depend on x alone.
        var lnAlpha = Math.Log(alpha);
        double lgR = GammaLn(r), lgB = GammaLn(b), lgAb = GammaLn(a + b);
        double dgR = 0, dgB = 0, dgAb = 0;
        if (withGradient)
        {
            dgR = SpecialFunctions.DiGamma(r);
            dgB = SpecialFunctions.DiGamma(b);
            dgAb = SpecialFunctions.DiGamma(a + b);
        }
        for (var x = 0; x < byX.Length; x++)
        {
            var w = byX[x];
            if (w == 0)
            {
                continue;
            }
            sum += w * (GammaLn(r + x) - lgR + (r * lnAlpha) + lgAb + GammaLn(b + x) - lgB - GammaLn(a + b + x));
            if (withGradient)
            {
                var dgAbx = SpecialFunctions.DiGamma(a + b + x);
                gr += w * (SpecialFunctions.DiGamma(r + x) - dgR + lnAlpha);
                gAlpha += w * r / alpha;
                ga += w * (dgAb - dgAbx);
                gb += w * (dgAb + SpecialFunctions.DiGamma(b + x) - dgB - dgAbx);
            }
        }

        // ln(α + T) and ln(α + t_x) take few distinct values (days on a grid): compute them once per evaluation.
        var (tValues, tIndex) = table.DistinctT;
        var (txValues, txIndex) = table.DistinctTx;
        var lnT = new double[tValues.Length];
        var invT = new double[tValues.Length];
        for (var k = 0; k < tValues.Length; k++)
        {
            lnT[k] = Math.Log(alpha + tValues[k]);
            invT[k] = 1 / (alpha + tValues[k]);
        }
        var lnTx = new double[txValues.Length];
        var invTx = new double[txValues.Length];
        for (var k = 0; k < txValues.Length; k++)
        {
            lnTx[k] = Math.Log(alpha + txValues[k]);
            invTx[k] = 1 / (alpha + txValues[k]);
        }

        var lnA = Math.Log(a);
        var lnBx = new double[byX.Length];
        var invBx = new double[byX.Length];
        for (var x = 1; x < byX.Length; x++)
        {
            lnBx[x] = Math.Log(b + x - 1);
            invBx[x] = 1 / (b + x - 1);
        }
        var xs = table.X;
        var ws = table.Weight;
        for (var i = 0; i < xs.Length; i++)
        {
            var x = xs[i];
            var w = ws[i];
            var lt = lnT[tIndex[i]];
            var a3 = -(r + x) * lt;
            if (x == 0)
            {
                sum += w * a3;
                if (withGradient)
                {
                    gr -= w * lt;
                    gAlpha -= w * r * invT[tIndex[i]];
                }
                continue;
            }
            var ltx = lnTx[txIndex[i]];
            var a4 = lnA - lnBx[x] - ((r + x) * ltx);
            // log-sum-exp with the share p4 of the second term, which the gradient needs. ln(1 + e) for e in (0, 1] is
            // accurate in absolute terms, which is all a sum of log-likelihoods needs.
            double l, p4;
            if (a4 > a3)
            {
                var e = Math.Exp(a3 - a4);
                l = a4 + Math.Log(1 + e);
                p4 = 1 / (1 + e);
            }
            else
            {
                var e = Math.Exp(a4 - a3);
                l = a3 + Math.Log(1 + e);
                p4 = e / (1 + e);
            }
            sum += w * l;
            if (withGradient)
            {
                var p3 = 1 - p4;
                gr -= w * ((p3 * lt) + (p4 * ltx));
                gAlpha -= w * (r + x) * ((p3 * invT[tIndex[i]]) + (p4 * invTx[txIndex[i]]));
                ga += w * p4 / a;
                gb -= w * p4 * invBx[x];
            }
        }

        var n = table.TotalWeight;
        if (gradient is not null)
        {
            gradient[0] = gr / n;
            gradient[1] = gAlpha / n;
            gradient[2] = ga / n;
            gradient[3] = gb / n;
        }
        return sum / n;
    }
}
