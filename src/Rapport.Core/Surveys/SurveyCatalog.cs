using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Common;

namespace Rapport.Core.Surveys;

/// <summary>Where a wave stands on a given day.</summary>
public enum WaveState { Upcoming, Open, Closed }

/// <summary>A wave in a survey list: dates, invitations and completed ones, response rate (0–1).</summary>
public sealed record WaveSummary(long Id, string Name, DateOnly OpensOn, DateOnly ClosesOn, int Invited, int Completed, double ResponseRate)
{
    /// <summary>Upcoming before <see cref="OpensOn"/>, open up to and including <see cref="ClosesOn"/>, closed after.</summary>
    public WaveState StateOn(DateOnly today) => SurveyCatalog.StateOf(OpensOn, ClosesOn, today);
}

/// <summary>A survey in a survey list, with its waves (newest first).</summary>
public sealed record SurveySummary(long Id, string Name, string? Template, bool Anonymous, int MinGroupSize, int ItemCount,
    DateTimeOffset CreatedAt, IReadOnlyList<WaveSummary> Waves);

/// <summary>The list of surveys with their waves and response rates, newest survey first.</summary>
public static class SurveyCatalog
{
    /// <summary>Upcoming, open or closed on <paramref name="today"/> (the dates are inclusive).</summary>
    public static WaveState StateOf(DateOnly opensOn, DateOnly closesOn, DateOnly today) =>
        today < opensOn ? WaveState.Upcoming : today <= closesOn ? WaveState.Open : WaveState.Closed;

    /// <summary>One page of surveys (newest first); <paramref name="pageSize"/> 1–500.</summary>
    public static async Task<Result<PagedList<SurveySummary>>> ListAsync(RapportDbContext db, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (page < 1)
        {
            return SurveyErrors.Invalid("page must be at least 1.", "page");
        }
        if (pageSize is < 1 or > SurveyInvitations.MaxPageSize)
        {
            return SurveyErrors.Invalid($"pageSize must be between 1 and {SurveyInvitations.MaxPageSize}.", "pageSize");
        }
        var total = await db.Surveys.CountAsync(ct);
        var surveys = await db.Surveys.AsNoTracking().OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new { s.Id, s.Name, s.Template, s.Anonymous, s.MinGroupSize, s.CreatedAt, Items = db.SurveyItems.Count(i => i.SurveyId == s.Id) })
            .ToListAsync(ct);
        var waves = await WavesAsync(db, surveys.Select(s => s.Id).ToArray(), ct);
        var items = surveys.Select(s => new SurveySummary(s.Id, s.Name, s.Template, s.Anonymous, s.MinGroupSize, s.Items, s.CreatedAt,
            waves.GetValueOrDefault(s.Id) ?? [])).ToList();
        return Result<PagedList<SurveySummary>>.Ok(new PagedList<SurveySummary>(items, page, pageSize, total));
    }

    /// <summary>The waves of one survey, newest first, with their invitation counts.</summary>
    public static async Task<IReadOnlyList<WaveSummary>> WavesOfAsync(RapportDbContext db, long surveyId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await WavesAsync(db, [surveyId], ct)).GetValueOrDefault(surveyId) ?? [];
    }

    private static async Task<Dictionary<long, IReadOnlyList<WaveSummary>>> WavesAsync(RapportDbContext db, long[] surveyIds, CancellationToken ct)
    {
        var waves = await db.Waves.AsNoTracking().Where(w => surveyIds.Contains(w.SurveyId))
            .OrderByDescending(w => w.OpensOn).ThenByDescending(w => w.Id)
            .Select(w => new
            {
                w.Id, w.SurveyId, w.Name, w.OpensOn, w.ClosesOn,
                Invited = db.Invitations.Count(i => i.WaveId == w.Id),
                Completed = db.Invitations.Count(i => i.WaveId == w.Id && i.Status == InvitationStatus.Completed),
            })
            .ToListAsync(ct);
        return waves.GroupBy(w => w.SurveyId).ToDictionary(g => g.Key, g => (IReadOnlyList<WaveSummary>)g
            .Select(w => new WaveSummary(w.Id, w.Name, w.OpensOn, w.ClosesOn, w.Invited, w.Completed, w.Invited == 0 ? 0 : (double)w.Completed / w.Invited))
            .ToList());
    }
}
