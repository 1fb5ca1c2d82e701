namespace Rapport.Analytics.Survey;

/// <summary>One respondent's loyalty score and motive strengths (docs/definitions.md#loyalty-index-and-its-make-up).</summary>
/// <param name="Score"><c>L_i</c>: mean of the answered loyalty items rescaled to 0–100; NaN if none answered.</param>
/// <param name="Attachment">Mean answered attachment item shifted to 0–4; NaN if none answered.</param>
/// <param name="Calculative">Mean answered calculative item shifted to 0–4; NaN if none answered.</param>
/// <param name="LockIn">Mean answered lock-in item shifted to 0–4; NaN if none answered.</param>
public readonly record struct RespondentLoyalty(double Score, double Attachment, double Calculative, double LockIn)
{
    /// <summary>Whether the motive shares are defined: every motive answered and their sum positive.</summary>
    public bool HasShares => !double.IsNaN(Attachment) && !double.IsNaN(Calculative) && !double.IsNaN(LockIn)
        && Attachment + Calculative + LockIn > 0;

    /// <summary><c>s_attachment = m_att / Σ m</c>; NaN without shares.</summary>
    public double AttachmentShare => HasShares ? Attachment / (Attachment + Calculative + LockIn) : double.NaN;

    /// <summary><c>s_calculative</c>; NaN without shares.</summary>
    public double CalculativeShare => HasShares ? Calculative / (Attachment + Calculative + LockIn) : double.NaN;

    /// <summary><c>s_lockIn</c>; NaN without shares.</summary>
    public double LockInShare => HasShares ? LockIn / (Attachment + Calculative + LockIn) : double.NaN;
}

/// <summary>The motive components of a group's loyalty index (0–100 points each).</summary>
/// <param name="Attachment"><c>C_attachment</c>: loyalty out of conviction.</param>
/// <param name="Calculative"><c>C_calculative</c>: voluntary loyalty because it pays.</param>
/// <param name="LockIn"><c>C_lockIn</c>: loyalty because switching is hard.</param>
public sealed record LoyaltyComponents(double Attachment, double Calculative, double LockIn)
{
    /// <summary>Sum of the components: the loyalty index of the decomposed respondents.</summary>
    public double Total => Attachment + Calculative + LockIn;
}

/// <summary>
/// Loyalty figures of a group (docs/definitions.md#loyalty-index-and-its-make-up). Each figure has its own base, since any item may be unanswered:
/// </summary>
/// <param name="Respondents">All respondents added.</param>
/// <param name="N">Respondents with a loyalty score <c>L_i</c>: the base of <paramref name="LoyaltyIndex"/>.</param>
/// <param name="LoyaltyIndex">Mean <c>L_i</c> (0–100); NaN when <paramref name="N"/> is 0.</param>
/// <param name="FirstChoiceN">Respondents who answered <c>LOY_FIRSTCHOICE</c>.</param>
/// <param name="FirstChoiceRate">Share (0–1) answering <c>LOY_FIRSTCHOICE = 1</c> among <paramref name="FirstChoiceN"/>.</param>
/// <param name="RecommendationN">Respondents who answered <c>LOY_RECOMMEND</c>.</param>
/// <param name="RecommendationRate">Share (0–1) of promoters (9–10) among <paramref name="RecommendationN"/>.</param>
/// <param name="DecompositionN">Respondents with both <c>L_i</c> and motive shares: the base of the components.</param>
/// <param name="DecompositionIndex">Mean <c>L_i</c> of those respondents; equals the sum of the components.</param>
/// <param name="Components"><c>C_k = (1/n) Σ L_i s_ik</c> over the <paramref name="DecompositionN"/> respondents; NaN when 0.</param>
/// <param name="Captive">Lock-in component above the attachment component (a hidden churn risk); null without decomposition.</param>
public sealed record LoyaltyResult(
    int Respondents,
    int N,
    double LoyaltyIndex,
    int FirstChoiceN,
    double FirstChoiceRate,
    int RecommendationN,
    double RecommendationRate,
    int DecompositionN,
    double DecompositionIndex,
    LoyaltyComponents Components,
    bool? Captive);

/// <summary>
/// Loyalty index and its decomposition into attachment, calculative and lock-in components (docs/definitions.md#loyalty-index-and-its-make-up). The motive
/// model follows the B2B customer-retention literature that distinguishes Verbundenheit (affective commitment) from
/// Gebundenheit (lock-in); two suppliers with the same index can be held by very different motives.
/// </summary>
public static class LoyaltyIndex
{
    /// <summary>
    /// A respondent's <c>L_i</c> and motive strengths from their answers by item code. Unanswered = absent or NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An answered item is not a valid answer of its scale.</exception>
    public static RespondentLoyalty Respondent(IReadOnlyDictionary<string, double> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sum = 0.0;
        var count = 0;
        foreach (var code in ItemCodes.LoyaltyItems)
        {
            ItemScales.TryGetScale(code, out var scale);
            var x = ItemScales.Checked(items, code, scale);
            if (!double.IsNaN(x))
            {
                sum += ItemScales.Rescale(x, scale);
                count++;
            }
        }
        return new RespondentLoyalty(
            count == 0 ? double.NaN : sum / count,
            Motive(items, ItemCodes.AttachmentItems),
            Motive(items, ItemCodes.CalculativeItems),
            Motive(items, ItemCodes.LockInItems));
    }

    /// <summary>The loyalty figures of a group of respondents.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An answer is not valid on its item's scale.</exception>
    public static LoyaltyResult Compute(IEnumerable<IReadOnlyDictionary<string, double>> respondents)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        var acc = new LoyaltyAccumulator();
        foreach (var r in respondents)
        {
            acc.Add(r);
        }
        return acc.Result;
    }

    /// <summary>The loyalty figures of a group of respondents.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An answer is not valid on its item's scale.</exception>
    public static LoyaltyResult Compute(IEnumerable<RespondentAnswers> respondents)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        return Compute(respondents.Select(r => r.Items));
    }

    private static double Motive(IReadOnlyDictionary<string, double> items, IReadOnlyList<string> codes)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var code in codes)
        {
            var x = ItemScales.Checked(items, code, ItemScale.A5);
            if (!double.IsNaN(x))
            {
                sum += x - 1;
                count++;
            }
        }
        return count == 0 ? double.NaN : sum / count;
    }
}

/// <summary>Streaming form of <see cref="LoyaltyIndex.Compute(IEnumerable{IReadOnlyDictionary{string, double}})"/>: add respondents one by one.</summary>
public sealed class LoyaltyAccumulator
{
    private int _respondents;
    private int _n;
    private double _sumScore;
    private int _firstChoiceN;
    private int _firstChoiceYes;
    private int _recommendN;
    private int _promoters;
    private int _decompositionN;
    private double _sumDecomposedScore;
    private double _attachment;
    private double _calculative;
    private double _lockIn;

    /// <summary>Adds a respondent's answers by item code.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An answer is not valid on its item's scale; nothing is added.</exception>
    public void Add(IReadOnlyDictionary<string, double> items)
    {
        var loyalty = LoyaltyIndex.Respondent(items);
        var firstChoice = ItemScales.Checked(items, ItemCodes.LoyFirstChoice, ItemScale.YN);
        var recommend = ItemScales.Checked(items, ItemCodes.LoyRecommend, ItemScale.R11);

        _respondents++;
        if (!double.IsNaN(firstChoice))
        {
            _firstChoiceN++;
            _firstChoiceYes += firstChoice == 1 ? 1 : 0;
        }
        if (!double.IsNaN(recommend))
        {
            _recommendN++;
            _promoters += recommend >= 9 ? 1 : 0;
        }
        if (double.IsNaN(loyalty.Score))
        {
            return;
        }
        _n++;
        _sumScore += loyalty.Score;
        if (loyalty.HasShares)
        {
            _decompositionN++;
            _sumDecomposedScore += loyalty.Score;
            _attachment += loyalty.Score * loyalty.AttachmentShare;
            _calculative += loyalty.Score * loyalty.CalculativeShare;
            _lockIn += loyalty.Score * loyalty.LockInShare;
        }
    }

    /// <summary>Adds a respondent's global items.</summary>
    public void Add(RespondentAnswers respondent)
    {
        ArgumentNullException.ThrowIfNull(respondent);
        Add(respondent.Items);
    }

    /// <summary>The figures of the respondents added so far.</summary>
    public LoyaltyResult Result
    {
        get
        {
            var d = _decompositionN;
            var components = d == 0
                ? new LoyaltyComponents(double.NaN, double.NaN, double.NaN)
                : new LoyaltyComponents(_attachment / d, _calculative / d, _lockIn / d);
            return new LoyaltyResult(
                _respondents,
                _n,
                Ratio(_sumScore, _n),
                _firstChoiceN,
                Ratio(_firstChoiceYes, _firstChoiceN),
                _recommendN,
                Ratio(_promoters, _recommendN),
                d,
                Ratio(_sumDecomposedScore, d),
                components,
                d == 0 ? null : components.LockIn > components.Attachment);
        }
    }

    private static double Ratio(double sum, int n) => n == 0 ? double.NaN : sum / n;
}
