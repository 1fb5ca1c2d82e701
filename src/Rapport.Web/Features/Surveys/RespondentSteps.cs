using Rapport.Analytics.Survey;
using Rapport.Core.Surveys;

namespace Rapport.Web.Features.Surveys;

/// <summary>A question as a page shows it: the answer key and the item.</summary>
internal sealed record PageQuestion(AnswerKey Key, DefinitionItem Item, DefinitionPhase? Phase, DefinitionTouchpoint? Touchpoint);

/// <summary>
/// The respondent's path (docs/surveys.md#the-questionnaire): involvement per phase → contacts per involved phase → ratings of contacted
/// touchpoints → phase satisfaction and competitors → loyalty, motives, relationship quality → open question. A step
/// with nothing to ask is skipped.
/// </summary>
internal static class RespondentSteps
{
    public static readonly string[] All = ["phases", "contacts", "ratings", "phase", "loyalty", "open"];

    public static IReadOnlyList<PageQuestion> Questions(string step, RespondentState state)
    {
        var s = state.Survey;
        var answers = state.Answers;
        return step switch
        {
            "phases" => s.Questions().Where(q => q.Item.Code == ItemCodes.PhaseInvolved).Select(Q).ToList(),
            "contacts" => s.Questions().Where(q => q.Item.Code == ItemCodes.TouchpointContact && AnswerRules.IsInvolved(answers, q.Phase!.Code))
                .Select(Q).OrderBy(q => Index(s, q.Phase)).ToList(),
            "ratings" => s.Questions().Where(q => q.Item.Level == SurveyItemLevel.Touchpoint && q.Item.Code != ItemCodes.TouchpointContact
                    && AnswerRules.HadContact(answers, q.Phase!.Code, q.Touchpoint!.Code))
                .Select(Q).OrderBy(q => Index(s, q.Phase)).ThenBy(q => TouchpointIndex(s, q.Touchpoint)).ToList(),
            "phase" => s.Questions().Where(q => q.Item.Level == SurveyItemLevel.Phase && q.Item.Code != ItemCodes.PhaseInvolved
                    && AnswerRules.IsInvolved(answers, q.Phase!.Code))
                .Select(Q).OrderBy(q => Index(s, q.Phase)).ToList(),
            "loyalty" => s.Questions().Where(q => q.Item.Level == SurveyItemLevel.Global && q.Item.Scale != SurveyItemScale.Text).Select(Q).ToList(),
            "open" => s.Questions().Where(q => q.Item.Level == SurveyItemLevel.Global && q.Item.Scale == SurveyItemScale.Text).Select(Q).ToList(),
            _ => [],
        };
    }

    /// <summary>The first step at or after <paramref name="from"/> (in <paramref name="direction"/>) that asks something.</summary>
    public static string? Find(string from, int direction, RespondentState state)
    {
        var i = Array.IndexOf(All, from);
        if (i < 0)
        {
            i = 0;
        }
        for (; i >= 0 && i < All.Length; i += direction)
        {
            if (Questions(All[i], state).Count > 0)
            {
                return All[i];
            }
        }
        return null;
    }

    public static string? Next(string step, RespondentState state) =>
        Array.IndexOf(All, step) + 1 < All.Length ? Find(All[Array.IndexOf(All, step) + 1], 1, state) : null;

    public static string? Previous(string step, RespondentState state) =>
        Array.IndexOf(All, step) > 0 ? Find(All[Array.IndexOf(All, step) - 1], -1, state) : null;

    private static PageQuestion Q((DefinitionItem Item, DefinitionPhase? Phase, DefinitionTouchpoint? Touchpoint) q) =>
        new(new AnswerKey(q.Item.Code, q.Phase?.Code, q.Touchpoint?.Code), q.Item, q.Phase, q.Touchpoint);

    private static int Index(SurveyDefinition s, DefinitionPhase? p) => p is null ? -1 : s.Phases.ToList().IndexOf(p);

    private static int TouchpointIndex(SurveyDefinition s, DefinitionTouchpoint? t) => t is null ? -1 : s.Touchpoints.ToList().IndexOf(t);

    /// <summary>Whether an item is answered with a tick box (unticked means 0) rather than a choice.</summary>
    public static bool IsCheckbox(DefinitionItem item) => item.Code is ItemCodes.TouchpointContact or ItemCodes.TouchpointMain;

    /// <summary>The form field of an answer: <c>a|CODE|phase|touchpoint</c>.</summary>
    public static string FieldName(AnswerKey key) => $"a|{key.ItemCode}|{key.Phase}|{key.Touchpoint}";

    /// <summary>
    /// Reads the answers of one step from a posted form: every question of the step is set, cleared (no choice) or,
    /// for tick boxes, 0 when unticked; a competitor comparison without a named competitor is cleared.
    /// </summary>
    public static List<AnswerInput> Parse(IReadOnlyList<PageQuestion> questions, IFormCollection form)
    {
        var inputs = new List<AnswerInput>();
        foreach (var q in questions)
        {
            var raw = form[FieldName(q.Key)].ToString().Trim();
            double? value = null;
            string? text = null;
            if (q.Item.Scale == SurveyItemScale.Text)
            {
                text = raw.Length == 0 ? null : raw;
            }
            else if (IsCheckbox(q.Item))
            {
                value = raw == "1" ? 1 : 0;
            }
            else if (raw.Length > 0)
            {
                value = double.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
            }
            if (q.Item.Code == ItemCodes.CompetitorRelative
                && form[FieldName(new AnswerKey(ItemCodes.CompetitorName, q.Key.Phase))].ToString().Trim().Length == 0)
            {
                value = null;
            }
            inputs.Add(new AnswerInput(q.Key.ItemCode, q.Key.Phase, q.Key.Touchpoint, value is double.NaN ? -1 : value, text));
        }
        return inputs;
    }
}
