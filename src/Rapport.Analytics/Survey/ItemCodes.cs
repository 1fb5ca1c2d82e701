using System.Globalization;

namespace Rapport.Analytics.Survey;

/// <summary>Answer scales of the standard questionnaire (docs/surveys.md#item-codes).</summary>
public enum ItemScale
{
    /// <summary>Agreement 1–5 (1 = strongly disagree, 5 = strongly agree).</summary>
    A5,

    /// <summary>Satisfaction 1–5 (1 = very dissatisfied, 5 = very satisfied).</summary>
    S5,

    /// <summary>Rating 0–10 (the NPS item).</summary>
    R11,

    /// <summary>Yes/no as 0/1.</summary>
    YN,

    /// <summary>Comparison with a competitor 1–5 (1 = much worse, 3 = the same, 5 = much better); <c>CMP_REL</c>.</summary>
    Relative5,
}

/// <summary>The stable item codes of the standard relationship survey (docs/surveys.md#item-codes).</summary>
public static class ItemCodes
{
    /// <summary>A5: we will buy from the supplier again.</summary>
    public const string LoyRepurchase = "LOY_REPURCHASE";

    /// <summary>R11: likelihood to recommend (the NPS item).</summary>
    public const string LoyRecommend = "LOY_RECOMMEND";

    /// <summary>YN: the supplier is our first choice.</summary>
    public const string LoyFirstChoice = "LOY_FIRSTCHOICE";

    /// <summary>A5: we would also buy other products/services.</summary>
    public const string LoyCrossBuy = "LOY_CROSSBUY";

    /// <summary>YN per phase: involved in the phase.</summary>
    public const string PhaseInvolved = "PH_INVOLVED";

    /// <summary>S5 per phase: overall satisfaction with the phase.</summary>
    public const string PhaseSatisfaction = "PH_SAT";

    /// <summary>YN per phase and touchpoint: had contact.</summary>
    public const string TouchpointContact = "TP_CONTACT";

    /// <summary>S5 per phase and touchpoint: satisfaction (asked only with contact).</summary>
    public const string TouchpointSatisfaction = "TP_SAT";

    /// <summary>YN per phase and touchpoint: the respondent's main contact in the phase.</summary>
    public const string TouchpointMain = "TP_MAIN";

    /// <summary>Text per phase: the competitor the respondent would consider.</summary>
    public const string CompetitorName = "CMP_NAME";

    /// <summary>1–5 per phase: the supplier compared with that competitor.</summary>
    public const string CompetitorRelative = "CMP_REL";

    /// <summary>Text: what the supplier should improve.</summary>
    public const string OpenImprove = "OPEN_IMPROVE";

    /// <summary>The loyalty items whose rescaled mean is a respondent's loyalty score <c>L_i</c> (docs/definitions.md#loyalty-index-and-its-make-up).</summary>
    public static readonly IReadOnlyList<string> LoyaltyItems = [LoyRepurchase, LoyRecommend, LoyFirstChoice, LoyCrossBuy];

    /// <summary>Attachment motive (Verbundenheit): <c>MOT_ATT_1..4</c>.</summary>
    public static readonly IReadOnlyList<string> AttachmentItems = Numbered("MOT_ATT_", 4);

    /// <summary>Calculative motive (Zweckbindung): <c>MOT_CAL_1..3</c>.</summary>
    public static readonly IReadOnlyList<string> CalculativeItems = Numbered("MOT_CAL_", 3);

    /// <summary>Lock-in motive (Gebundenheit): <c>MOT_LCK_1..4</c>.</summary>
    public static readonly IReadOnlyList<string> LockInItems = Numbered("MOT_LCK_", 4);

    /// <summary>Relationship satisfaction: <c>RQ_SAT_1..2</c> (S5).</summary>
    public static readonly IReadOnlyList<string> SatisfactionItems = Numbered("RQ_SAT_", 2);

    /// <summary>Trust: <c>RQ_TRU_1..3</c> (A5).</summary>
    public static readonly IReadOnlyList<string> TrustItems = Numbered("RQ_TRU_", 3);

    /// <summary>Commitment: <c>RQ_COM_1..2</c> (A5).</summary>
    public static readonly IReadOnlyList<string> CommitmentItems = Numbered("RQ_COM_", 2);

    private static string[] Numbered(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)).ToArray();
}

/// <summary>Scales of the item codes, validation and the 0–100 rescaling of docs/definitions.md#loyalty-index-and-its-make-up, docs/definitions.md#relationship-quality.</summary>
public static class ItemScales
{
    private static readonly Dictionary<string, ItemScale> Known = BuildKnown();

    /// <summary>The scale of a standard item code (phase/touchpoint items by their base code, e.g. <c>TP_SAT</c>).</summary>
    /// <returns>False for text items and codes that are not in the standard questionnaire.</returns>
    public static bool TryGetScale(string itemCode, out ItemScale scale) => Known.TryGetValue(itemCode, out scale);

    /// <summary>Lowest answer of a scale.</summary>
    public static int Minimum(ItemScale scale) => scale is ItemScale.R11 or ItemScale.YN ? 0 : 1;

    /// <summary>Highest answer of a scale.</summary>
    public static int Maximum(ItemScale scale) => scale switch
    {
        ItemScale.R11 => 10,
        ItemScale.YN => 1,
        _ => 5,
    };

    /// <summary>Whether <paramref name="value"/> is a valid answer: an integer from the scale's minimum to maximum.</summary>
    /// <remarks>NaN (unanswered) is not an answer and returns false.</remarks>
    public static bool IsValid(double value, ItemScale scale) =>
        value >= Minimum(scale) && value <= Maximum(scale) && Math.Floor(value) == value;

    /// <summary>Human description of the valid answers, for error messages.</summary>
    public static string Describe(ItemScale scale) => scale switch
    {
        ItemScale.YN => "YN (0 or 1)",
        _ => string.Create(CultureInfo.InvariantCulture, $"{scale} (whole numbers {Minimum(scale)}–{Maximum(scale)})"),
    };

    /// <summary>
    /// Rescales an answer to 0–100: <c>(x − min) / (max − min) · 100</c>; YN gives 0 or 100.
    /// </summary>
    /// <returns>NaN when <paramref name="value"/> is NaN (unanswered).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a valid answer of the scale.</exception>
    public static double Rescale(double value, ItemScale scale)
    {
        if (double.IsNaN(value))
        {
            return double.NaN;
        }
        if (!IsValid(value, scale))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a valid answer on scale {Describe(scale)}.");
        }
        var min = Minimum(scale);
        return (value - min) / (Maximum(scale) - min) * 100.0;
    }

    /// <summary>
    /// Checks an answer to a standard item: NaN (unanswered) and valid answers pass; returns an error message
    /// (naming the item and its scale) otherwise. Unknown codes and text items are not checked.
    /// </summary>
    public static string? Validate(string itemCode, double value)
    {
        if (double.IsNaN(value) || !TryGetScale(itemCode, out var scale) || IsValid(value, scale))
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{value} is not a valid answer to {itemCode}, which takes {Describe(scale)}.");
    }

    internal static double Checked(IReadOnlyDictionary<string, double> items, string itemCode, ItemScale scale)
    {
        if (!items.TryGetValue(itemCode, out var value) || double.IsNaN(value))
        {
            return double.NaN;
        }
        if (!IsValid(value, scale))
        {
            throw new ArgumentOutOfRangeException(nameof(items), value,
                string.Create(CultureInfo.InvariantCulture, $"{value} is not a valid answer to {itemCode}, which takes {Describe(scale)}."));
        }
        return value;
    }

    private static Dictionary<string, ItemScale> BuildKnown()
    {
        var known = new Dictionary<string, ItemScale>(StringComparer.Ordinal)
        {
            [ItemCodes.LoyRepurchase] = ItemScale.A5,
            [ItemCodes.LoyRecommend] = ItemScale.R11,
            [ItemCodes.LoyFirstChoice] = ItemScale.YN,
            [ItemCodes.LoyCrossBuy] = ItemScale.A5,
            [ItemCodes.PhaseInvolved] = ItemScale.YN,
            [ItemCodes.PhaseSatisfaction] = ItemScale.S5,
            [ItemCodes.TouchpointContact] = ItemScale.YN,
            [ItemCodes.TouchpointSatisfaction] = ItemScale.S5,
            [ItemCodes.TouchpointMain] = ItemScale.YN,
            [ItemCodes.CompetitorRelative] = ItemScale.Relative5,
        };
        foreach (var code in ItemCodes.AttachmentItems.Concat(ItemCodes.CalculativeItems).Concat(ItemCodes.LockInItems)
                     .Concat(ItemCodes.TrustItems).Concat(ItemCodes.CommitmentItems))
        {
            known[code] = ItemScale.A5;
        }
        foreach (var code in ItemCodes.SatisfactionItems)
        {
            known[code] = ItemScale.S5;
        }
        return known;
    }
}
