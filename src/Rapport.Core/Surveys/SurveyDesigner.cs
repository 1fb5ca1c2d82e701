using Rapport.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Common;

namespace Rapport.Core.Surveys;

/// <summary>Input of <see cref="SurveyDesigner.CreateSurveyAsync"/>.</summary>
public sealed record CreateSurveyRequest(string? Name, string? Template, bool Anonymous = false, int? MinGroupSize = null);

/// <summary>A custom item added to a survey (docs/surveys.md#item-codes: administrators can add items).</summary>
public sealed record CustomItemRequest(string? Code, SurveyItemScale Scale, string? TextEn, string? TextDe,
    SurveyItemLevel Level = SurveyItemLevel.Global);

/// <summary>Input of <see cref="SurveyDesigner.CreateWaveAsync"/>.</summary>
public sealed record CreateWaveRequest(string? Name, DateOnly? OpensOn, DateOnly? ClosesOn);

/// <summary>
/// Designing surveys: create from a template, add and reorder items, choose phases, touchpoints and competitors per
/// phase, anonymity; create waves.
/// </summary>
public sealed class SurveyDesigner(RapportDbContext db)
{
    /// <summary>Creates a survey from a template with the active phases, touchpoints and the competitors per phase.</summary>
    public async Task<Result<long>> CreateSurveyAsync(CreateSurveyRequest request, Caller? createdBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return SurveyErrors.Invalid("A survey needs a name.", "name");
        }
        var template = request.Template ?? SurveyTemplate.RelationshipStandard;
        if (!SurveyTemplate.Names.Contains(template))
        {
            return SurveyErrors.Invalid($"Unknown template '{template}'; expected one of: {string.Join(", ", SurveyTemplate.Names)}.", "template");
        }
        var minGroupSize = request.MinGroupSize ?? 5;
        if (minGroupSize < 1)
        {
            return SurveyErrors.Invalid("minGroupSize must be at least 1.", "minGroupSize");
        }

        var survey = new Survey
        {
            Name = request.Name.Trim(),
            Template = template,
            Anonymous = request.Anonymous,
            MinGroupSize = minGroupSize,
            CreatedByUserId = createdBy?.Id,
        };
        var order = 0;
        foreach (var item in SurveyTemplate.Items)
        {
            survey.Items.Add(new SurveyItem
            {
                Code = item.Code, Scale = item.Scale, Level = item.Level, Section = item.Section,
                TextEn = item.TextEn, TextDe = item.TextDe, SortOrder = ++order, Kind = SurveyItemKind.Standard,
            });
        }
        var phases = await db.BusinessPhases.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.SortOrder).ToListAsync(ct);
        order = 0;
        foreach (var p in phases)
        {
            survey.Phases.Add(new SurveyPhase { PhaseId = p.Id, SortOrder = ++order });
        }
        order = 0;
        foreach (var t in await db.Touchpoints.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.SortOrder).ToListAsync(ct))
        {
            survey.Touchpoints.Add(new SurveyTouchpoint { TouchpointId = t.Id, SortOrder = ++order });
        }
        var competitors = await db.Competitors.AsNoTracking().Where(c => c.IsActive).Include(c => c.Phases).ToListAsync(ct);
        foreach (var c in competitors)
        {
            foreach (var p in c.Phases.Where(p => phases.Any(x => x.Id == p.Id)))
            {
                survey.Competitors.Add(new SurveyCompetitor { PhaseId = p.Id, CompetitorId = c.Id });
            }
        }
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(ct);
        return Result<long>.Ok(survey.Id);
    }

    /// <summary>Changes name and anonymity settings.</summary>
    public async Task<Result<bool>> UpdateSettingsAsync(long surveyId, string? name, bool anonymous, int minGroupSize, CancellationToken ct = default)
    {
        var survey = await db.Surveys.AsTracking().FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        if (survey is null)
        {
            return NotFound<bool>(surveyId);
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            return SurveyErrors.Invalid("A survey needs a name.", "name");
        }
        if (minGroupSize < 1)
        {
            return SurveyErrors.Invalid("minGroupSize must be at least 1.", "minGroupSize");
        }
        survey.Name = name.Trim();
        survey.Anonymous = anonymous;
        survey.MinGroupSize = minGroupSize;
        survey.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Adds a custom item at the end of the questionnaire.</summary>
    public async Task<Result<bool>> AddItemAsync(long surveyId, CustomItemRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.Surveys.AnyAsync(s => s.Id == surveyId, ct))
        {
            return NotFound<bool>(surveyId);
        }
        var code = request.Code?.Trim() ?? string.Empty;
        if (!System.Text.RegularExpressions.Regex.IsMatch(code, "^[A-Z][A-Z0-9_]{0,63}$"))
        {
            return SurveyErrors.Invalid("code must be upper-case letters, digits and underscores, starting with a letter.", "code");
        }
        if (SurveyTemplate.Items.Any(i => i.Code == code) || await db.SurveyItems.AnyAsync(i => i.SurveyId == surveyId && i.Code == code, ct))
        {
            return SurveyErrors.Conflict($"The item code {code} is already in use.", "code");
        }
        if (string.IsNullOrWhiteSpace(request.TextEn) || string.IsNullOrWhiteSpace(request.TextDe))
        {
            return SurveyErrors.Invalid("A custom item needs English and German wording.",
                string.IsNullOrWhiteSpace(request.TextEn) ? "textEn" : "textDe");
        }
        var last = await db.SurveyItems.Where(i => i.SurveyId == surveyId).MaxAsync(i => (int?)i.SortOrder, ct) ?? 0;
        db.SurveyItems.Add(new SurveyItem
        {
            SurveyId = surveyId, Code = code, Scale = request.Scale, Level = request.Level, Section = SurveyItemSection.Custom,
            TextEn = request.TextEn.Trim(), TextDe = request.TextDe.Trim(), SortOrder = last + 1, Kind = SurveyItemKind.Custom,
        });
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Puts the items in the order of <paramref name="codes"/>, which must name every item exactly once.</summary>
    public async Task<Result<bool>> ReorderItemsAsync(long surveyId, IReadOnlyList<string> codes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var items = await db.SurveyItems.AsTracking().Where(i => i.SurveyId == surveyId).ToListAsync(ct);
        if (items.Count == 0)
        {
            return NotFound<bool>(surveyId);
        }
        if (codes.Count != items.Count || codes.Distinct(StringComparer.Ordinal).Count() != codes.Count
            || codes.Any(c => items.All(i => i.Code != c)))
        {
            return SurveyErrors.Invalid("codes must list every item of the survey exactly once.", "codes");
        }
        for (var i = 0; i < codes.Count; i++)
        {
            items.Single(x => x.Code == codes[i]).SortOrder = i + 1;
        }
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Moves one item a place up (<paramref name="offset"/> −1) or down (+1); at either end nothing changes.</summary>
    public async Task<Result<bool>> MoveItemAsync(long surveyId, string? code, int offset, CancellationToken ct = default)
    {
        if (offset is not (-1 or 1))
        {
            return SurveyErrors.Invalid("direction must be up or down.", "direction");
        }
        var items = await db.SurveyItems.AsTracking().Where(i => i.SurveyId == surveyId).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(ct);
        if (items.Count == 0)
        {
            return NotFound<bool>(surveyId);
        }
        var index = items.FindIndex(i => i.Code == code);
        if (index < 0)
        {
            return SurveyErrors.Invalid($"The survey has no item {code}.", "code");
        }
        var other = index + offset;
        if (other < 0 || other >= items.Count)
        {
            return Result<bool>.Ok(false);
        }
        (items[index], items[other]) = (items[other], items[index]);
        // Renumbering all items also repairs gaps and ties left by earlier edits.
        for (var i = 0; i < items.Count; i++)
        {
            items[i].SortOrder = i + 1;
        }
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Chooses the phases asked about, in this order (phase codes of the master data).</summary>
    public async Task<Result<bool>> SetPhasesAsync(long surveyId, IReadOnlyList<string> phaseCodes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(phaseCodes);
        if (!await db.Surveys.AnyAsync(s => s.Id == surveyId, ct))
        {
            return NotFound<bool>(surveyId);
        }
        var all = await db.BusinessPhases.AsNoTracking().ToListAsync(ct);
        var unknown = phaseCodes.FirstOrDefault(c => all.All(p => p.Code != c));
        if (unknown is not null || phaseCodes.Count == 0 || phaseCodes.Distinct().Count() != phaseCodes.Count)
        {
            return SurveyErrors.Invalid(unknown is null
                ? "phases must list at least one phase, each once."
                : $"Unknown phase '{unknown}'; expected one of: {string.Join(", ", all.OrderBy(p => p.SortOrder).Select(p => p.Code))}.", "phases");
        }
        await db.SurveyPhases.Where(p => p.SurveyId == surveyId).ExecuteDeleteAsync(ct);
        for (var i = 0; i < phaseCodes.Count; i++)
        {
            db.SurveyPhases.Add(new SurveyPhase { SurveyId = surveyId, PhaseId = all.Single(p => p.Code == phaseCodes[i]).Id, SortOrder = i + 1 });
        }
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Chooses the touchpoints asked about in every phase, in this order.</summary>
    public async Task<Result<bool>> SetTouchpointsAsync(long surveyId, IReadOnlyList<string> touchpointCodes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(touchpointCodes);
        if (!await db.Surveys.AnyAsync(s => s.Id == surveyId, ct))
        {
            return NotFound<bool>(surveyId);
        }
        var all = await db.Touchpoints.AsNoTracking().ToListAsync(ct);
        var unknown = touchpointCodes.FirstOrDefault(c => all.All(t => t.Code != c));
        if (unknown is not null || touchpointCodes.Count == 0 || touchpointCodes.Distinct().Count() != touchpointCodes.Count)
        {
            return SurveyErrors.Invalid(unknown is null
                ? "touchpoints must list at least one touchpoint, each once."
                : $"Unknown touchpoint '{unknown}'; expected one of: {string.Join(", ", all.OrderBy(t => t.SortOrder).Select(t => t.Code))}.", "touchpoints");
        }
        await db.SurveyTouchpoints.Where(t => t.SurveyId == surveyId).ExecuteDeleteAsync(ct);
        for (var i = 0; i < touchpointCodes.Count; i++)
        {
            db.SurveyTouchpoints.Add(new SurveyTouchpoint { SurveyId = surveyId, TouchpointId = all.Single(t => t.Code == touchpointCodes[i]).Id, SortOrder = i + 1 });
        }
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Chooses the competitors offered in one phase (names of the master data).</summary>
    public async Task<Result<bool>> SetCompetitorsAsync(long surveyId, string phaseCode, IReadOnlyList<string> competitorNames, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(competitorNames);
        if (!await db.Surveys.AnyAsync(s => s.Id == surveyId, ct))
        {
            return NotFound<bool>(surveyId);
        }
        var phase = await db.BusinessPhases.AsNoTracking().FirstOrDefaultAsync(p => p.Code == phaseCode, ct);
        if (phase is null)
        {
            return SurveyErrors.Invalid($"Unknown phase '{phaseCode}'.", "phase");
        }
        var competitors = await db.Competitors.AsNoTracking().Where(c => competitorNames.Contains(c.Name)).ToListAsync(ct);
        var unknown = competitorNames.FirstOrDefault(n => competitors.All(c => c.Name != n));
        if (unknown is not null)
        {
            return SurveyErrors.Invalid($"Unknown competitor '{unknown}'.", "competitors");
        }
        await db.SurveyCompetitors.Where(c => c.SurveyId == surveyId && c.PhaseId == phase.Id).ExecuteDeleteAsync(ct);
        foreach (var c in competitors)
        {
            db.SurveyCompetitors.Add(new SurveyCompetitor { SurveyId = surveyId, PhaseId = phase.Id, CompetitorId = c.Id });
        }
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Creates a wave; the dates are inclusive and the close date must not precede the open date.</summary>
    public async Task<Result<long>> CreateWaveAsync(long surveyId, CreateWaveRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.Surveys.AnyAsync(s => s.Id == surveyId, ct))
        {
            return NotFound<long>(surveyId);
        }
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return SurveyErrors.Invalid("A wave needs a name.", "name");
        }
        if (request.OpensOn is null)
        {
            return SurveyErrors.Invalid("opensOn is required (ISO date).", "opensOn");
        }
        if (request.ClosesOn is null)
        {
            return SurveyErrors.Invalid("closesOn is required (ISO date).", "closesOn");
        }
        if (request.ClosesOn < request.OpensOn)
        {
            return SurveyErrors.Invalid($"closesOn ({request.ClosesOn:yyyy-MM-dd}) is before opensOn ({request.OpensOn:yyyy-MM-dd}).", "closesOn");
        }
        var name = request.Name.Trim();
        if (await db.Waves.AnyAsync(w => w.SurveyId == surveyId && w.Name == name, ct))
        {
            return SurveyErrors.Conflict($"The survey already has a wave named '{name}'.", "name");
        }
        var wave = new Wave { SurveyId = surveyId, Name = name, OpensOn = request.OpensOn.Value, ClosesOn = request.ClosesOn.Value };
        db.Waves.Add(wave);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SurveyErrors.Conflict($"The survey already has a wave named '{name}'.", "name");
        }
        return Result<long>.Ok(wave.Id);
    }

    private static Result<T> NotFound<T>(long surveyId) =>
        SurveyErrors.NotFound($"There is no survey {surveyId}.");
}
