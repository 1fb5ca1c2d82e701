using System.Globalization;
using Rapport.Analytics.Survey;

namespace Rapport.Core.Surveys;

/// <summary>Identifies one answer of a respondent: item code, phase code and touchpoint code where the item has them.</summary>
public readonly record struct AnswerKey(string ItemCode, string? Phase = null, string? Touchpoint = null)
{
    /// <summary>Human form for messages, e.g. <c>TP_SAT[commissioning, field_service]</c>.</summary>
    public override string ToString() => (Phase, Touchpoint) switch
    {
        (null, _) => ItemCode,
        (_, null) => $"{ItemCode}[{Phase}]",
        _ => $"{ItemCode}[{Phase}, {Touchpoint}]",
    };

    /// <summary>Reads the human form back (item codes, phases and touchpoints contain neither brackets nor ", ").</summary>
    public static AnswerKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.IndexOf('[', StringComparison.Ordinal);
        if (open < 0 || !text.EndsWith(']'))
        {
            return new(text);
        }
        var parts = text[(open + 1)..^1].Split(", ", 2);
        return new(text[..open], parts[0], parts.Length > 1 ? parts[1] : null);
    }
}

/// <summary>A stored answer: a number on the item's scale or a text.</summary>
public sealed record AnswerValue(double? Value, string? Text);

/// <summary>An answer as a respondent or an import gives it; neither value nor text clears the answer.</summary>
public sealed record AnswerInput(string ItemCode, string? Phase, string? Touchpoint, double? Value, string? Text = null)
{
    public AnswerKey Key => new(ItemCode, string.IsNullOrEmpty(Phase) ? null : Phase, string.IsNullOrEmpty(Touchpoint) ? null : Touchpoint);
}

/// <summary>Why one answer was rejected.</summary>
public sealed record AnswerError(AnswerKey Key, string Message);

/// <summary>The answers after applying inputs, or the errors that reject them all.</summary>
public sealed record AnswerCheck(IReadOnlyDictionary<AnswerKey, AnswerValue> Answers, IReadOnlyList<AnswerError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The questionnaire's rules, enforced on the server (docs/surveys.md#the-questionnaire): phase questions only for phases the respondent was
/// involved in, touchpoint contact only in those phases, touchpoint satisfaction and main contact only with contact,
/// the competitor comparison only when a competitor was named; values on the item's scale; competitor names from the
/// survey's list for the phase. Answers that no longer apply (e.g. after "not involved") are dropped.
/// </summary>
public static class AnswerRules
{
    /// <summary>Longest text answer.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Applies <paramref name="inputs"/> to <paramref name="current"/>; on any error nothing is applied.</summary>
    public static AnswerCheck Apply(SurveyDefinition definition, IReadOnlyDictionary<AnswerKey, AnswerValue> current, IEnumerable<AnswerInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(inputs);
        var result = new Dictionary<AnswerKey, AnswerValue>(current);
        var errors = new List<AnswerError>();
        var given = new List<AnswerKey>();
        foreach (var input in inputs)
        {
            var key = input.Key;
            var error = CheckShape(definition, input, out var value);
            if (error is not null)
            {
                errors.Add(new AnswerError(key, error));
                continue;
            }
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = value;
                given.Add(key);
            }
        }
        foreach (var key in given)
        {
            var reason = NotAskedBecause(definition, result, key);
            if (reason is not null)
            {
                errors.Add(new AnswerError(key, reason));
            }
        }
        if (errors.Count > 0)
        {
            return new AnswerCheck(current, errors);
        }
        foreach (var key in result.Keys.Where(k => NotAskedBecause(definition, result, k) is not null).ToList())
        {
            result.Remove(key);
        }
        return new AnswerCheck(result, errors);
    }

    /// <summary>Whether the question <paramref name="key"/> is asked given the answers so far.</summary>
    public static bool IsAsked(SurveyDefinition definition, IReadOnlyDictionary<AnswerKey, AnswerValue> answers, AnswerKey key) =>
        NotAskedBecause(definition, answers, key) is null;

    /// <summary>Whether the respondent said they were involved in <paramref name="phase"/>.</summary>
    public static bool IsInvolved(IReadOnlyDictionary<AnswerKey, AnswerValue> answers, string phase) =>
        answers.TryGetValue(new AnswerKey(ItemCodes.PhaseInvolved, phase), out var v) && v.Value == 1;

    /// <summary>Whether the respondent had contact with <paramref name="touchpoint"/> in <paramref name="phase"/>.</summary>
    public static bool HadContact(IReadOnlyDictionary<AnswerKey, AnswerValue> answers, string phase, string touchpoint) =>
        answers.TryGetValue(new AnswerKey(ItemCodes.TouchpointContact, phase, touchpoint), out var v) && v.Value == 1;

    private static string? NotAskedBecause(SurveyDefinition definition, IReadOnlyDictionary<AnswerKey, AnswerValue> answers, AnswerKey key)
    {
        var item = definition.Item(key.ItemCode);
        if (item is null)
        {
            return $"The survey has no item {key.ItemCode}.";
        }
        switch (item.Level)
        {
            case SurveyItemLevel.Global:
                return null;
            case SurveyItemLevel.Phase:
                if (item.Code == ItemCodes.PhaseInvolved)
                {
                    return null;
                }
                if (!IsInvolved(answers, key.Phase!))
                {
                    return $"{key} is asked only of respondents involved in phase {key.Phase}.";
                }
                return item.Code == ItemCodes.CompetitorRelative && !answers.ContainsKey(new AnswerKey(ItemCodes.CompetitorName, key.Phase))
                    ? $"{key} is asked only when a competitor was named for phase {key.Phase}."
                    : null;
            default:
                if (!IsInvolved(answers, key.Phase!))
                {
                    return $"{key} is asked only of respondents involved in phase {key.Phase}.";
                }
                return item.Code != ItemCodes.TouchpointContact && !HadContact(answers, key.Phase!, key.Touchpoint!)
                    ? $"{key} is asked only when there was contact with {key.Touchpoint} in phase {key.Phase}."
                    : null;
        }
    }

    private static string? CheckShape(SurveyDefinition definition, AnswerInput input, out AnswerValue? value)
    {
        value = null;
        var key = input.Key;
        var item = definition.Item(key.ItemCode);
        if (item is null)
        {
            return $"The survey has no item {key.ItemCode}.";
        }
        switch (item.Level)
        {
            case SurveyItemLevel.Global when key.Phase is not null || key.Touchpoint is not null:
                return $"{key.ItemCode} takes neither a phase nor a touchpoint.";
            case SurveyItemLevel.Phase when key.Phase is null || key.Touchpoint is not null:
                return $"{key.ItemCode} takes a phase and no touchpoint.";
            case SurveyItemLevel.Touchpoint when key.Phase is null || key.Touchpoint is null:
                return $"{key.ItemCode} takes a phase and a touchpoint.";
        }
        var phase = key.Phase is null ? null : definition.Phase(key.Phase);
        if (key.Phase is not null && phase is null)
        {
            return $"The survey does not ask about phase '{key.Phase}'.";
        }
        if (key.Touchpoint is not null && definition.Touchpoint(key.Touchpoint) is null)
        {
            return $"The survey does not ask about touchpoint '{key.Touchpoint}'.";
        }
        if (item.Scale == SurveyItemScale.Text)
        {
            if (input.Value is not null)
            {
                return $"{key} takes a text, not a number.";
            }
            var text = string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim();
            if (text is null)
            {
                return null;
            }
            if (text.Length > MaxTextLength)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{key} is longer than {MaxTextLength} characters.");
            }
            if (item.Code == ItemCodes.CompetitorName && phase!.Competitors.Count > 0)
            {
                var match = phase.Competitors.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    return $"'{text}' is not one of the competitors offered for phase {phase.Code}: {string.Join(", ", phase.Competitors)}.";
                }
                text = match;
            }
            value = new AnswerValue(null, text);
            return null;
        }
        if (!string.IsNullOrWhiteSpace(input.Text))
        {
            return $"{key} takes a number, not a text.";
        }
        if (input.Value is not { } number)
        {
            return null;
        }
        var scale = SurveyTemplate.ToAnalyticsScale(item.Scale)!.Value;
        if (!ItemScales.IsValid(number, scale))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{number} is not a valid answer to {key}, which takes {ItemScales.Describe(scale)}.");
        }
        value = new AnswerValue(number, null);
        return null;
    }
}
