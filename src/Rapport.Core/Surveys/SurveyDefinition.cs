using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;

namespace Rapport.Core.Surveys;

/// <summary>A phase of a survey with its competitors on offer.</summary>
public sealed record DefinitionPhase(int Id, string Code, string NameEn, string NameDe, IReadOnlyList<string> Competitors)
{
    public string Name(string language) => language == "de" ? NameDe : NameEn;
}

/// <summary>A touchpoint of a survey.</summary>
public sealed record DefinitionTouchpoint(int Id, string Code, string NameEn, string NameDe)
{
    public string Name(string language) => language == "de" ? NameDe : NameEn;
}

/// <summary>An item of a survey as the questionnaire uses it.</summary>
public sealed record DefinitionItem(
    string Code, SurveyItemScale Scale, SurveyItemLevel Level, SurveyItemSection Section, SurveyItemKind Kind,
    string TextEn, string TextDe, int SortOrder)
{
    public string Text(string language) => language == "de" ? TextDe : TextEn;
}

/// <summary>A survey's complete design, read once: items in order, the chosen phases and touchpoints in order.</summary>
public sealed record SurveyDefinition(
    long Id, string Name, string? Template, bool Anonymous, int MinGroupSize,
    IReadOnlyList<DefinitionItem> Items, IReadOnlyList<DefinitionPhase> Phases, IReadOnlyList<DefinitionTouchpoint> Touchpoints)
{
    /// <summary>The item with <paramref name="code"/>, or null.</summary>
    public DefinitionItem? Item(string code) => Items.FirstOrDefault(i => i.Code == code);

    /// <summary>The phase with <paramref name="code"/>, or null.</summary>
    public DefinitionPhase? Phase(string code) => Phases.FirstOrDefault(p => p.Code == code);

    /// <summary>The touchpoint with <paramref name="code"/>, or null.</summary>
    public DefinitionTouchpoint? Touchpoint(string code) => Touchpoints.FirstOrDefault(t => t.Code == code);

    /// <summary>
    /// Every question of the survey: global items once, phase items once per chosen phase, touchpoint items once per
    /// chosen phase and touchpoint (the expansion of PH_*, CMP_* and TP_* of docs/surveys.md#item-codes).
    /// </summary>
    public IEnumerable<(DefinitionItem Item, DefinitionPhase? Phase, DefinitionTouchpoint? Touchpoint)> Questions()
    {
        foreach (var item in Items)
        {
            switch (item.Level)
            {
                case SurveyItemLevel.Global:
                    yield return (item, null, null);
                    break;
                case SurveyItemLevel.Phase:
                    foreach (var p in Phases)
                    {
                        yield return (item, p, null);
                    }
                    break;
                default:
                    foreach (var p in Phases)
                    {
                        foreach (var t in Touchpoints)
                        {
                            yield return (item, p, t);
                        }
                    }
                    break;
            }
        }
    }

    /// <summary>Loads the design of survey <paramref name="surveyId"/>, or null when there is none.</summary>
    public static async Task<SurveyDefinition?> LoadAsync(RapportDbContext db, long surveyId, CancellationToken ct = default)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        if (survey is null)
        {
            return null;
        }
        var items = await db.SurveyItems.AsNoTracking().Where(i => i.SurveyId == surveyId).OrderBy(i => i.SortOrder)
            .Select(i => new DefinitionItem(i.Code, i.Scale, i.Level, i.Section, i.Kind, i.TextEn, i.TextDe, i.SortOrder))
            .ToListAsync(ct);
        var competitors = await (
                from sc in db.SurveyCompetitors.AsNoTracking()
                join c in db.Competitors on sc.CompetitorId equals c.Id
                where sc.SurveyId == surveyId
                select new { sc.PhaseId, c.Name })
            .ToListAsync(ct);
        var phases = await (
                from sp in db.SurveyPhases.AsNoTracking()
                join p in db.BusinessPhases on sp.PhaseId equals p.Id
                where sp.SurveyId == surveyId
                orderby sp.SortOrder
                select new { p.Id, p.Code, p.NameEn, p.NameDe })
            .ToListAsync(ct);
        var touchpoints = await (
                from st in db.SurveyTouchpoints.AsNoTracking()
                join t in db.Touchpoints on st.TouchpointId equals t.Id
                where st.SurveyId == surveyId
                orderby st.SortOrder
                select new DefinitionTouchpoint(t.Id, t.Code, t.NameEn, t.NameDe))
            .ToListAsync(ct);
        return new SurveyDefinition(
            survey.Id, survey.Name, survey.Template, survey.Anonymous, survey.MinGroupSize, items,
            phases.Select(p => new DefinitionPhase(p.Id, p.Code, p.NameEn, p.NameDe,
                competitors.Where(c => c.PhaseId == p.Id).Select(c => c.Name).Order(StringComparer.Ordinal).ToList())).ToList(),
            touchpoints);
    }
}
