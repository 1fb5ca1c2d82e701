using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Rapport.Analytics.Survey;

/// <summary>Which confidence interval <see cref="NetPromoterScore"/> reports.</summary>
public enum NpsIntervalMethod
{
    /// <summary>Adjusted-Wald when n &lt; 30, Wald otherwise (docs/definitions.md#net-promoter-score).</summary>
    Auto,

    /// <summary>Wald: <c>NPS ± z·SE</c>.</summary>
    Wald,

    /// <summary>
    /// Adjusted-Wald (Rocks, B. (2016). Interval estimation for the "net promoter score". The American Statistician
    /// 70(4), 365–372; Sauro &amp; Lewis): add 3 to n and 0.75 to the promoter and detractor counts.
    /// </summary>
    AdjustedWald,
}

/// <summary>The category of a 0–10 recommendation answer.</summary>
public enum NpsCategory
{
    /// <summary>0–6.</summary>
    Detractor,

    /// <summary>7–8.</summary>
    Passive,

    /// <summary>9–10.</summary>
    Promoter,
}

/// <summary>Net Promoter Score of a group (docs/definitions.md#net-promoter-score). Figures are NaN when <see cref="N"/> is 0.</summary>
/// <param name="N">Answers counted (unanswered excluded).</param>
/// <param name="Promoters">Answers 9–10.</param>
/// <param name="Passives">Answers 7–8.</param>
/// <param name="Detractors">Answers 0–6.</param>
/// <param name="Nps">The unadjusted score <c>100 (p − d)</c>, in [−100, 100].</param>
/// <param name="StandardError">
/// <c>100 √((p + d − (p − d)²) / n)</c>; for the adjusted-Wald interval this is SE_adj of the adjusted counts.
/// </param>
/// <param name="CiLow">Lower bound: <c>NPS ± z·SE</c> (Wald) or <c>NPS_adj ± z·SE_adj</c> (adjusted-Wald), truncated to
/// [−100, 100]. The adjusted interval is centred on NPS_adj, so for n = 1 it may exclude the reported NPS.</param>
/// <param name="CiHigh">Upper bound, likewise.</param>
/// <param name="Interval">The interval actually used (never <see cref="NpsIntervalMethod.Auto"/>).</param>
/// <param name="ConfidenceLevel">Coverage of the interval.</param>
public sealed record NpsResult(
    int N,
    int Promoters,
    int Passives,
    int Detractors,
    double Nps,
    double StandardError,
    double CiLow,
    double CiHigh,
    NpsIntervalMethod Interval,
    double ConfidenceLevel)
{
    /// <summary>Share of promoters p (0–1): the recommendation rate of docs/definitions.md#net-promoter-score. NaN when n = 0.</summary>
    public double RecommendationRate => N == 0 ? double.NaN : (double)Promoters / N;

    /// <summary>Share of detractors d (0–1). NaN when n = 0.</summary>
    public double DetractorShare => N == 0 ? double.NaN : (double)Detractors / N;
}

/// <summary>
/// Net Promoter Score with its standard error and Wald or adjusted-Wald interval, exactly as docs/definitions.md#net-promoter-score defines them.
/// </summary>
public static class NetPromoterScore
{
    /// <summary>The z of a 95% interval as docs/definitions.md#net-promoter-score gives it (1.959964), so figures match published tables.</summary>
    public const double Z95 = 1.959964;

    /// <summary>Below this n, <see cref="NpsIntervalMethod.Auto"/> uses the adjusted-Wald interval.</summary>
    public const int AdjustedWaldBelow = 30;

    /// <summary>Whether <paramref name="answer"/> is a valid recommendation answer: an integer 0–10.</summary>
    public static bool IsValidAnswer(double answer) => ItemScales.IsValid(answer, ItemScale.R11);

    /// <summary>Classifies a valid answer: 9–10 promoter, 7–8 passive, 0–6 detractor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not an integer 0–10 (NaN included).</exception>
    public static NpsCategory Classify(double answer)
    {
        if (!IsValidAnswer(answer))
        {
            throw new ArgumentOutOfRangeException(nameof(answer), answer, "A recommendation answer is a whole number 0–10.");
        }
        return answer >= 9 ? NpsCategory.Promoter : answer >= 7 ? NpsCategory.Passive : NpsCategory.Detractor;
    }

    /// <summary>NPS of 0–10 answers.</summary>
    /// <param name="answers">Answers 0–10 (integers); NaN = unanswered and skipped.</param>
    /// <param name="interval">Interval method; <see cref="NpsIntervalMethod.Auto"/> by default.</param>
    /// <param name="confidenceLevel">Coverage in (0, 1); 0.95 uses z = <see cref="Z95"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An answer is outside 0..10 or not an integer.</exception>
    public static NpsResult Compute(ReadOnlySpan<double> answers, NpsIntervalMethod interval = NpsIntervalMethod.Auto, double confidenceLevel = 0.95)
    {
        var acc = new NpsAccumulator();
        foreach (var a in answers)
        {
            acc.Add(a);
        }
        return acc.Compute(interval, confidenceLevel);
    }

    /// <summary>NPS from category counts.</summary>
    /// <param name="promoters">Count of 9–10 answers, ≥ 0.</param>
    /// <param name="passives">Count of 7–8 answers, ≥ 0.</param>
    /// <param name="detractors">Count of 0–6 answers, ≥ 0.</param>
    /// <param name="interval">Interval method; <see cref="NpsIntervalMethod.Auto"/> by default.</param>
    /// <param name="confidenceLevel">Coverage in (0, 1); 0.95 uses z = <see cref="Z95"/>.</param>
    /// <returns>All figures NaN when the counts sum to 0.</returns>
    public static NpsResult FromCounts(int promoters, int passives, int detractors,
        NpsIntervalMethod interval = NpsIntervalMethod.Auto, double confidenceLevel = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promoters);
        ArgumentOutOfRangeException.ThrowIfNegative(passives);
        ArgumentOutOfRangeException.ThrowIfNegative(detractors);
        var z = ZFor(confidenceLevel);
        var n = promoters + passives + detractors;
        var method = interval == NpsIntervalMethod.Auto
            ? n < AdjustedWaldBelow ? NpsIntervalMethod.AdjustedWald : NpsIntervalMethod.Wald
            : interval;
        if (n == 0)
        {
            return new NpsResult(0, 0, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, method, confidenceLevel);
        }

        var (nps, se) = ScoreAndError(promoters, detractors, n);
        double centre;
        double error;
        if (method == NpsIntervalMethod.AdjustedWald)
        {
            (centre, error) = ScoreAndError(promoters + 0.75, detractors + 0.75, n + 3.0);
        }
        else
        {
            (centre, error) = (nps, se);
        }
        // Truncated to the score's range: a bound past ±100 (Wald near p or d = 1, adjusted-Wald for tiny samples)
        // is not a possible NPS. Inside the range the bounds are exactly NPS(_adj) ± z·SE(_adj).
        var low = Math.Max(-100, centre - z * error);
        var high = Math.Min(100, centre + z * error);
        return new NpsResult(n, promoters, passives, detractors, nps, error, low, high, method, confidenceLevel);
    }

    /// <summary>The two-sided normal quantile for a confidence level; 1.959964 at 95% (docs/definitions.md#net-promoter-score).</summary>
    internal static double ZFor(double confidenceLevel)
    {
        if (!(confidenceLevel is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must be in (0, 1).");
        }
        return confidenceLevel == 0.95 ? Z95 : Normal.InvCDF(0, 1, (1 + confidenceLevel) / 2);
    }

    private static (double Score, double Error) ScoreAndError(double promoters, double detractors, double n)
    {
        var p = promoters / n;
        var d = detractors / n;
        var variance = Math.Max(0, p + d - (p - d) * (p - d));
        return (100 * (p - d), 100 * Math.Sqrt(variance / n));
    }
}

/// <summary>Streaming counts for <see cref="NetPromoterScore"/>: add answers one by one (e.g. while reading a file).</summary>
public sealed class NpsAccumulator
{
    /// <summary>Answers 9–10 so far.</summary>
    public int Promoters { get; private set; }

    /// <summary>Answers 7–8 so far.</summary>
    public int Passives { get; private set; }

    /// <summary>Answers 0–6 so far.</summary>
    public int Detractors { get; private set; }

    /// <summary>Answers counted so far.</summary>
    public int N => Promoters + Passives + Detractors;

    /// <summary>Adds an answer; NaN (unanswered) is ignored.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The answer is outside 0..10 or not an integer.</exception>
    public void Add(double answer)
    {
        if (double.IsNaN(answer))
        {
            return;
        }
        if (!NetPromoterScore.IsValidAnswer(answer))
        {
            throw new ArgumentOutOfRangeException(nameof(answer), answer,
                string.Create(CultureInfo.InvariantCulture, $"{answer} is not a recommendation answer (whole numbers 0–10)."));
        }
        switch (NetPromoterScore.Classify(answer))
        {
            case NpsCategory.Promoter:
                Promoters++;
                break;
            case NpsCategory.Passive:
                Passives++;
                break;
            default:
                Detractors++;
                break;
        }
    }

    /// <summary>The NPS of the answers added so far.</summary>
    public NpsResult Compute(NpsIntervalMethod interval = NpsIntervalMethod.Auto, double confidenceLevel = 0.95) =>
        NetPromoterScore.FromCounts(Promoters, Passives, Detractors, interval, confidenceLevel);
}
