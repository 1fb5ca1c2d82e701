using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Survey;
using Rapport.Core.Data;

namespace Rapport.Core.Surveys;

/// <summary>Reads a wave's answers into the analytics' <see cref="RespondentAnswers"/> (keyed by phase and touchpoint codes).</summary>
public static class WaveAnswers
{
    /// <summary>
    /// The respondents of a wave with their answers, streamed in respondent order. By default only submitted answers
    /// count; custom items asked per phase or touchpoint are left out (the analytics know only the phase items of docs/surveys.md#item-codes).
    /// </summary>
    public static async Task<IReadOnlyList<RespondentAnswers>> LoadAsync(RapportDbContext db, long waveId, bool submittedOnly = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var phases = await db.BusinessPhases.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        var touchpoints = await db.Touchpoints.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var query = db.ResponseAnswers.AsNoTracking().Where(r => r.WaveId == waveId);
        if (submittedOnly)
        {
            query = query.Where(r => r.SubmittedAt != null);
        }
        var result = new List<RespondentAnswers>();
        RespondentAnswers? current = null;
        await foreach (var r in query.OrderBy(r => r.RespondentKey)
                           .Select(r => new { r.RespondentKey, r.ItemCode, r.PhaseId, r.TouchpointId, r.Value, r.Text })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (current is null || current.Id != r.RespondentKey)
            {
                current = new RespondentAnswers(r.RespondentKey);
                result.Add(current);
            }
            var phase = r.PhaseId is null ? null : phases[r.PhaseId.Value];
            var touchpoint = r.TouchpointId is null ? null : touchpoints[r.TouchpointId.Value];
            var standard = SurveyTemplate.Items.Any(i => i.Code == r.ItemCode);
            if (!standard && phase is not null)
            {
                continue;
            }
            if (r.Value is not null)
            {
                current.Record(r.ItemCode, (double)r.Value.Value, phase, touchpoint);
            }
            else if (r.ItemCode == ItemCodes.CompetitorName || phase is null)
            {
                current.RecordText(r.ItemCode, r.Text, phase);
            }
        }
        return result;
    }
}
