using MathNet.Numerics;
using static Rapport.Analytics.Clv.LogMath;

namespace Rapport.Analytics.Clv;

/// <summary>What the spend model needs of one customer: the number of repeat transactions and their mean value z̄.</summary>
/// <param name="X">Repeat transactions in the calibration period; ≥ 0.</param>
/// <param name="MeanValue">Mean value of those transactions (z̄); 0 when <paramref name="X"/> is 0.</param>
public readonly record struct SpendHistory(int X, double MeanValue);

/// <summary>
/// The Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using iso-value curves for customer base
/// analysis", and Fader &amp; Hardie's note "The Gamma-Gamma model of monetary value"): transaction values are
/// Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so E[Z] = pγ/(q−1).
/// </summary>
public sealed class GammaGammaModel
{
    /// <param name="p">Shape of the transaction-value gamma; &gt; 0.</param>
    /// <param name="q">Shape of the gamma of ν across customers; &gt; 0 (the population mean exists only for q &gt; 1).</param>
    /// <param name="gamma">Scale of the gamma of ν; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public GammaGammaModel(double p, double q, double gamma)
    {
        ModelChecks.Positive(p, nameof(p));
        ModelChecks.Positive(q, nameof(q));
        ModelChecks.Positive(gamma, nameof(gamma));
        P = p;
        Q = q;
        Gamma = gamma;
    }

    /// <summary>Shape p.</summary>
    public double P { get; }
    /// <summary>Shape q.</summary>
    public double Q { get; }
    /// <summary>Scale γ.</summary>
    public double Gamma { get; }

    /// <summary>The model's name on the command line and in JSON.</summary>
    public string Name => "gamma-gamma";

    /// <summary>p, q, gamma.</summary>
    public IReadOnlyList<ModelParameter> Parameters => [new("p", P), new("q", Q), new("gamma", Gamma)];

    /// <summary>The population mean transaction value pγ/(q−1); +∞ when q ≤ 1.</summary>
    public double MeanSpend => Q > 1 ? P * Gamma / (Q - 1) : double.PositiveInfinity;

    /// <summary>
    /// ln f(z̄ | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄): the density of
    /// the mean of x transaction values.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">x ≤ 0 or z̄ ≤ 0 (such customers carry no spend information).</exception>
    public double LogLikelihood(SpendHistory customer)
    {
        if (customer.X <= 0 || !(customer.MeanValue > 0) || !double.IsFinite(customer.MeanValue))
        {
            throw new ArgumentOutOfRangeException(nameof(customer), customer, "The spend likelihood needs x > 0 and a positive finite mean value.");
        }
        var (x, z) = customer;
        var px = P * x;
        return GammaLn(px + Q) - GammaLn(px) - GammaLn(Q) + (Q * Math.Log(Gamma)) + ((px - 1) * Math.Log(z)) + (px * Math.Log(x))
            - ((px + Q) * Math.Log(Gamma + (x * z)));
    }

    /// <summary>
    /// E[Z | x, z̄] = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · z̄ = (pγ + px z̄)/(px+q−1) (docs/definitions.md#transactions-and-clv-models): a weighted mean of the
    /// population mean and the customer's own mean. With x = 0 this is the population mean, which needs q &gt; 1 (otherwise +∞).
    /// </summary>
    /// <param name="x">Repeat transactions; ≥ 0.</param>
    /// <param name="meanValue">Their mean value z̄ (ignored when x = 0); ≥ 0.</param>
    public double ExpectedSpend(int x, double meanValue)
    {
        if (x < 0 || !(meanValue >= 0) || !double.IsFinite(meanValue))
        {
            throw new ArgumentOutOfRangeException(nameof(meanValue), meanValue, "Expected spend needs x >= 0 and a finite mean value >= 0.");
        }
        var px = P * x;
        var denominator = px + Q - 1;
        if (denominator <= 0)
        {
            return double.PositiveInfinity;
        }
        return ((P * Gamma) + (x > 0 ? px * meanValue : 0)) / denominator;
    }

    /// <summary>
    /// Fits p, q, γ by maximum likelihood (log-parameters, analytic gradient) on the customers with x &gt; 0 and z̄ &gt; 0;
    /// the others carry no information about spend and are left out (<see cref="ModelFit{TModel}.Observations"/> counts those used).
    /// </summary>
    /// <exception cref="ModelFitException">Fewer than two usable customers, or the optimiser did not converge.</exception>
    public static ModelFit<GammaGammaModel> Fit(IEnumerable<SpendHistory> customers)
    {
        var index = new Dictionary<SpendHistory, int>();
        var weights = new List<double>();
        foreach (var c in customers)
        {
            if (c.X <= 0 || !(c.MeanValue > 0) || !double.IsFinite(c.MeanValue))
            {
                continue;
            }
            if (index.TryGetValue(c, out var i))
            {
                weights[i]++;
            }
            else
            {
                index.Add(c, weights.Count);
                weights.Add(1);
            }
        }
        var total = weights.Sum();
        if (total < 2)
        {
            throw new ModelFitException("Gamma-Gamma: fewer than two customers with repeat purchases of positive value; the spend model cannot be fitted.");
        }

        var rows = index.Keys.ToArray();
        var w = weights.ToArray();
        var lnZ = rows.Select(r => Math.Log(r.MeanValue)).ToArray();
        var maxX = rows.Max(r => r.X);
        var byX = new double[maxX + 1];
        for (var i = 0; i < rows.Length; i++)
        {
            byX[rows[i].X] += w[i];
        }
        var mean = rows.Select((r, i) => r.MeanValue * w[i]).Sum() / total;

        double Mean(double[] prm, double[]? gradient)
        {
            double p = prm[0], q = prm[1], g = prm[2];
            double sum = 0, gp = 0, gq = 0, gg = 0;
            var lnG = Math.Log(g);
            var lgQ = GammaLn(q);
            var dgQ = gradient is null ? 0 : SpecialFunctions.DiGamma(q);
            for (var x = 1; x <= maxX; x++)
            {
                if (byX[x] == 0)
                {
                    continue;
                }
                var px = p * x;
                sum += byX[x] * (GammaLn(px + q) - GammaLn(px) - lgQ + (q * lnG) + (px * Math.Log(x)));
                if (gradient is not null)
                {
                    var dgPxq = SpecialFunctions.DiGamma(px + q);
                    gp += byX[x] * x * (dgPxq - SpecialFunctions.DiGamma(px) + Math.Log(x));
                    gq += byX[x] * (dgPxq - dgQ + lnG);
                    gg += byX[x] * q / g;
                }
            }
            for (var i = 0; i < rows.Length; i++)
            {
                var x = rows[i].X;
                var px = p * x;
                var lnDen = Math.Log(g + (x * rows[i].MeanValue));
                sum += w[i] * (((px - 1) * lnZ[i]) - ((px + q) * lnDen));
                if (gradient is not null)
                {
                    gp += w[i] * x * (lnZ[i] - lnDen);
                    gq -= w[i] * lnDen;
                    gg -= w[i] * (px + q) / (g + (x * rows[i].MeanValue));
                }
            }
            if (gradient is not null)
            {
                gradient[0] = gp / total;
                gradient[1] = gq / total;
                gradient[2] = gg / total;
            }
            return sum / total;
        }

        var problem = new LikelihoodProblem
        {
            Model = "Gamma-Gamma",
            Names = ["p", "q", "gamma"],
            MeanLogLikelihood = prm => Mean(prm, null),
            MeanLogLikelihoodWithGradient = Mean,
            Starts = [[1, 2, mean], [5, 3, 2 * mean / 5], [0.5, 1.5, mean]],
            TryAllStarts = rows.Length <= ModelChecks.AllStartsRowLimit,
        };
        var result = MaximumLikelihood.Maximize(problem);
        var est = result.Parameters;
        var warnings = result.Warnings.ToList();
        if (est[1] <= 1)
        {
            warnings.Add(FormattableString.Invariant(
                $"Gamma-Gamma: q = {est[1]:G4} <= 1, so the population mean spend pγ/(q−1) is infinite: expected spend (and CLV) of customers without repeat purchases is unbounded."));
        }
        return new ModelFit<GammaGammaModel>(new GammaGammaModel(est[0], est[1], est[2]), result.MeanLogLikelihood * total, (long)total, result.Evaluations)
        {
            Warnings = warnings,
        };
    }
}
