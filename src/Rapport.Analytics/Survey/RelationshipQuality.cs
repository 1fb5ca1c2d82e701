namespace Rapport.Analytics.Survey;

/// <summary>One respondent's relationship-quality dimensions (0–100; NaN when no item of the dimension was answered).</summary>
/// <param name="Satisfaction">Mean of the answered <c>RQ_SAT_*</c> items rescaled to 0–100.</param>
/// <param name="Trust">Mean of the answered <c>RQ_TRU_*</c> items rescaled to 0–100.</param>
/// <param name="Commitment">Mean of the answered <c>RQ_COM_*</c> items rescaled to 0–100.</param>
public readonly record struct RespondentRelationshipQuality(double Satisfaction, double Trust, double Commitment)
{
    /// <summary>Mean of the three dimensions; NaN unless all three are defined.</summary>
    public double Index => (Satisfaction + Trust + Commitment) / 3;
}

/// <summary>Relationship quality of a group (docs/definitions.md#relationship-quality); each dimension has its own base.</summary>
/// <param name="Respondents">All respondents added.</param>
/// <param name="SatisfactionN">Respondents with a satisfaction score.</param>
/// <param name="Satisfaction">Mean respondent satisfaction score (0–100); NaN when no one answered.</param>
/// <param name="TrustN">Respondents with a trust score.</param>
/// <param name="Trust">Mean respondent trust score (0–100).</param>
/// <param name="CommitmentN">Respondents with a commitment score.</param>
/// <param name="Commitment">Mean respondent commitment score (0–100).</param>
/// <param name="Index">Mean of the three dimension scores; NaN when any dimension is undefined.</param>
public sealed record RelationshipQualityResult(
    int Respondents,
    int SatisfactionN,
    double Satisfaction,
    int TrustN,
    double Trust,
    int CommitmentN,
    double Commitment,
    double Index);

/// <summary>
/// Relationship quality as satisfaction, trust and commitment (Keller &amp; Stolper; Hennig-Thurau &amp; Klee 1997):
/// each dimension is the mean of its items rescaled to 0–100, the index the mean of the three dimensions (docs/definitions.md#relationship-quality).
/// </summary>
public static class RelationshipQuality
{
    /// <summary>A respondent's dimension scores from answers by item code (unanswered = absent or NaN).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An answered item is not a valid answer of its scale.</exception>
    public static RespondentRelationshipQuality Respondent(IReadOnlyDictionary<string, double> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new RespondentRelationshipQuality(
            Dimension(items, ItemCodes.SatisfactionItems, ItemScale.S5),
            Dimension(items, ItemCodes.TrustItems, ItemScale.A5),
            Dimension(items, ItemCodes.CommitmentItems, ItemScale.A5));
    }

    /// <summary>The relationship quality of a group of respondents.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An answer is not valid on its item's scale.</exception>
    public static RelationshipQualityResult Compute(IEnumerable<IReadOnlyDictionary<string, double>> respondents)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        var acc = new RelationshipQualityAccumulator();
        foreach (var r in respondents)
        {
            acc.Add(r);
        }
        return acc.Result;
    }

    /// <summary>The relationship quality of a group of respondents.</summary>
    public static RelationshipQualityResult Compute(IEnumerable<RespondentAnswers> respondents)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        return Compute(respondents.Select(r => r.Items));
    }

    private static double Dimension(IReadOnlyDictionary<string, double> items, IReadOnlyList<string> codes, ItemScale scale)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var code in codes)
        {
            var x = ItemScales.Checked(items, code, scale);
            if (!double.IsNaN(x))
            {
                sum += ItemScales.Rescale(x, scale);
                count++;
            }
        }
        return count == 0 ? double.NaN : sum / count;
    }
}

/// <summary>Streaming form of <see cref="RelationshipQuality.Compute(IEnumerable{IReadOnlyDictionary{string, double}})"/>.</summary>
public sealed class RelationshipQualityAccumulator
{
    private int _respondents;
    private int _satisfactionN;
    private double _satisfaction;
    private int _trustN;
    private double _trust;
    private int _commitmentN;
    private double _commitment;

    /// <summary>Adds a respondent's answers by item code.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An answer is not valid on its item's scale; nothing is added.</exception>
    public void Add(IReadOnlyDictionary<string, double> items)
    {
        var q = RelationshipQuality.Respondent(items);
        _respondents++;
        Accumulate(q.Satisfaction, ref _satisfactionN, ref _satisfaction);
        Accumulate(q.Trust, ref _trustN, ref _trust);
        Accumulate(q.Commitment, ref _commitmentN, ref _commitment);
    }

    /// <summary>The figures of the respondents added so far.</summary>
    public RelationshipQualityResult Result
    {
        get
        {
            var s = Mean(_satisfaction, _satisfactionN);
            var t = Mean(_trust, _trustN);
            var c = Mean(_commitment, _commitmentN);
            return new RelationshipQualityResult(_respondents, _satisfactionN, s, _trustN, t, _commitmentN, c, (s + t + c) / 3);
        }
    }

    private static void Accumulate(double value, ref int n, ref double sum)
    {
        if (!double.IsNaN(value))
        {
            n++;
            sum += value;
        }
    }

    private static double Mean(double sum, int n) => n == 0 ? double.NaN : sum / n;
}
