using System.Globalization;

namespace Rapport.Analytics.Survey;

/// <summary>
/// One respondent's answers to a relationship survey (docs/surveys.md#item-codes), the input of the survey analytics. Global items
/// (<c>LOY_*</c>, <c>MOT_*</c>, <c>RQ_*</c>, custom items) are kept by item code; the phase items (<c>PH_*</c>,
/// <c>CMP_*</c>) per phase and the touchpoint items (<c>TP_*</c>) per phase and touchpoint. Unanswered = absent or NaN.
/// </summary>
/// <remarks>Not thread-safe while being filled; the analytics only read it.</remarks>
public sealed class RespondentAnswers
{
    private readonly Dictionary<string, double> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PhaseAnswers> _phases = new(StringComparer.Ordinal);

    /// <summary>Creates an empty answer set.</summary>
    /// <param name="id">The respondent's id (e.g. the response or invitation id); used only for identification.</param>
    public RespondentAnswers(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Id = id;
    }

    /// <summary>The respondent's id.</summary>
    public string Id { get; }

    /// <summary>Numeric answers to the global items by item code.</summary>
    public IReadOnlyDictionary<string, double> Items => _items;

    /// <summary>Text answers to global items (e.g. <c>OPEN_IMPROVE</c>) by item code.</summary>
    public IReadOnlyDictionary<string, string> Texts => _texts;

    /// <summary>Per-phase answers by phase key.</summary>
    public IReadOnlyDictionary<string, PhaseAnswers> Phases => _phases;

    /// <summary>The answer to a global item, NaN when unanswered.</summary>
    public double this[string itemCode] => _items.TryGetValue(itemCode, out var v) ? v : double.NaN;

    /// <summary>The answers for <paramref name="phase"/>, created empty on first use.</summary>
    public PhaseAnswers Phase(string phase)
    {
        ArgumentException.ThrowIfNullOrEmpty(phase);
        if (!_phases.TryGetValue(phase, out var answers))
        {
            answers = new PhaseAnswers(phase);
            _phases.Add(phase, answers);
        }
        return answers;
    }

    /// <summary>
    /// Records a numeric answer, routing phase and touchpoint items to <see cref="Phases"/> (the long response format
    /// of docs/import.md carries <c>item_code, value, phase, touchpoint</c>). NaN records "unanswered".
    /// </summary>
    /// <param name="itemCode">A code of docs/surveys.md#item-codes or a custom item code.</param>
    /// <param name="value">The answer; for standard items an integer on the item's scale, or NaN.</param>
    /// <param name="phase">Required for <c>PH_*</c>, <c>TP_*</c> and <c>CMP_REL</c>; must be null otherwise.</param>
    /// <param name="touchpoint">Required for <c>TP_*</c>; must be null otherwise.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a valid answer of the item's scale.</exception>
    /// <exception cref="ArgumentException">A phase or touchpoint is missing or not expected for the item.</exception>
    public void Record(string itemCode, double value, string? phase = null, string? touchpoint = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemCode);
        var error = ItemScales.Validate(itemCode, value);
        if (error is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, error);
        }
        var level = LevelOf(itemCode);
        CheckKeys(itemCode, level, phase, touchpoint);
        switch (itemCode)
        {
            case ItemCodes.PhaseInvolved:
                Phase(phase!).Involved = double.IsNaN(value) ? null : value == 1;
                break;
            case ItemCodes.PhaseSatisfaction:
                Phase(phase!).Satisfaction = value;
                break;
            case ItemCodes.CompetitorRelative:
                Phase(phase!).CompetitorRelative = value;
                break;
            case ItemCodes.TouchpointContact:
                Phase(phase!).Touchpoint(touchpoint!).Contact = double.IsNaN(value) ? null : value == 1;
                break;
            case ItemCodes.TouchpointSatisfaction:
                Phase(phase!).Touchpoint(touchpoint!).Satisfaction = value;
                break;
            case ItemCodes.TouchpointMain:
                Phase(phase!).Touchpoint(touchpoint!).MainContact = double.IsNaN(value) ? null : value == 1;
                break;
            default:
                _items[itemCode] = value;
                break;
        }
    }

    /// <summary>Records a text answer: <c>CMP_NAME</c> (with <paramref name="phase"/>) or a global text item.</summary>
    /// <exception cref="ArgumentException">A phase is missing for <c>CMP_NAME</c> or given for a global item.</exception>
    public void RecordText(string itemCode, string? text, string? phase = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemCode);
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (itemCode == ItemCodes.CompetitorName)
        {
            CheckKeys(itemCode, 1, phase, null);
            Phase(phase!).CompetitorName = value;
            return;
        }
        CheckKeys(itemCode, 0, phase, null);
        if (value is null)
        {
            _texts.Remove(itemCode);
        }
        else
        {
            _texts[itemCode] = value;
        }
    }

    private static int LevelOf(string itemCode) => itemCode switch
    {
        ItemCodes.PhaseInvolved or ItemCodes.PhaseSatisfaction or ItemCodes.CompetitorRelative or ItemCodes.CompetitorName => 1,
        ItemCodes.TouchpointContact or ItemCodes.TouchpointSatisfaction or ItemCodes.TouchpointMain => 2,
        _ => 0,
    };

    private static void CheckKeys(string itemCode, int level, string? phase, string? touchpoint)
    {
        var hasPhase = !string.IsNullOrEmpty(phase);
        var hasTouchpoint = !string.IsNullOrEmpty(touchpoint);
        var ok = level switch
        {
            0 => !hasPhase && !hasTouchpoint,
            1 => hasPhase && !hasTouchpoint,
            _ => hasPhase && hasTouchpoint,
        };
        if (!ok)
        {
            var expected = level switch
            {
                0 => "neither a phase nor a touchpoint",
                1 => "a phase and no touchpoint",
                _ => "a phase and a touchpoint",
            };
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Item {itemCode} takes {expected}."));
        }
    }
}

/// <summary>A respondent's answers for one business phase.</summary>
public sealed class PhaseAnswers
{
    private readonly Dictionary<string, TouchpointAnswers> _touchpoints = new(StringComparer.Ordinal);

    /// <summary>Creates empty answers for <paramref name="phase"/>.</summary>
    public PhaseAnswers(string phase) => Phase = phase;

    /// <summary>The phase key.</summary>
    public string Phase { get; }

    /// <summary><c>PH_INVOLVED</c>: true/false, null when unanswered.</summary>
    public bool? Involved { get; set; }

    /// <summary><c>PH_SAT</c> (1–5), NaN when unanswered.</summary>
    public double Satisfaction { get; set; } = double.NaN;

    /// <summary><c>CMP_NAME</c>: the competitor considered in this phase, null when none named.</summary>
    public string? CompetitorName { get; set; }

    /// <summary><c>CMP_REL</c> (1 = much worse … 5 = much better), NaN when unanswered.</summary>
    public double CompetitorRelative { get; set; } = double.NaN;

    /// <summary>Touchpoint answers by touchpoint key.</summary>
    public IReadOnlyDictionary<string, TouchpointAnswers> Touchpoints => _touchpoints;

    /// <summary>
    /// Involved in the phase: <c>PH_INVOLVED = 1</c>, or — when that item is unanswered (e.g. imported data) — any
    /// contact or phase satisfaction was given, since the questionnaire asks those only of involved respondents.
    /// </summary>
    public bool IsInvolved => Involved ?? (!double.IsNaN(Satisfaction) || _touchpoints.Values.Any(t => t.HadContact));

    /// <summary>The answers for <paramref name="touchpoint"/>, created empty on first use.</summary>
    public TouchpointAnswers Touchpoint(string touchpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(touchpoint);
        if (!_touchpoints.TryGetValue(touchpoint, out var answers))
        {
            answers = new TouchpointAnswers(touchpoint);
            _touchpoints.Add(touchpoint, answers);
        }
        return answers;
    }
}

/// <summary>A respondent's answers for one touchpoint in one phase.</summary>
public sealed class TouchpointAnswers
{
    /// <summary>Creates empty answers for <paramref name="touchpoint"/>.</summary>
    public TouchpointAnswers(string touchpoint) => Touchpoint = touchpoint;

    /// <summary>The touchpoint key.</summary>
    public string Touchpoint { get; }

    /// <summary><c>TP_CONTACT</c>: true/false, null when unanswered.</summary>
    public bool? Contact { get; set; }

    /// <summary><c>TP_SAT</c> (1–5), NaN when unanswered.</summary>
    public double Satisfaction { get; set; } = double.NaN;

    /// <summary><c>TP_MAIN</c>: true when this was the main contact in the phase, null when unanswered.</summary>
    public bool? MainContact { get; set; }

    /// <summary>Had contact: <c>TP_CONTACT = 1</c>, or — when unanswered — a satisfaction rating was given.</summary>
    public bool HadContact => Contact ?? !double.IsNaN(Satisfaction);

    /// <summary>This touchpoint was the main contact (requires contact).</summary>
    public bool IsMainContact => MainContact == true && HadContact;
}
