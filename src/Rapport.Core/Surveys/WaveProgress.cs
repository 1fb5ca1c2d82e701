using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Survey;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Common;

namespace Rapport.Core.Surveys;

/// <summary>
/// Invitations of a group by their current status (the four counts add up to <paramref name="Invited"/>);
/// <paramref name="ResponseRate"/> = completed / invited (0–1, 0 without invitations). For accounts, <paramref name="Key"/>
/// is the external id, <paramref name="Label"/> the name and <paramref name="AccountId"/> the id.
/// </summary>
public sealed record ProgressGroup(string Key, string? Label, int Invited, int Pending, int Sent, int Started, int Completed, double ResponseRate,
    long? AccountId = null);

/// <summary>
/// How many submitted respondents were involved in a phase, and their share (0–1) of all submitted. In anonymous surveys
/// both are null when fewer than the minimum group size were involved (docs/surveys.md#waves-invitations-and-anonymity).
/// </summary>
public sealed record PhaseProgress(string Phase, string NameEn, string NameDe, int? Involved, double? Share)
{
    public string Name(string language) => language == "de" ? NameDe : NameEn;
}

/// <summary>
/// A wave's fieldwork: totals, by account, by buying role (<c>unknown</c> when none), by phase; <paramref name="Submitted"/>
/// counts submitted respondents including imported ones.
/// </summary>
public sealed record WaveProgressReport(
    long WaveId, string WaveName, long SurveyId, string SurveyName, DateOnly OpensOn, DateOnly ClosesOn, bool Anonymous, int MinGroupSize,
    ProgressGroup Total, int Submitted, IReadOnlyList<ProgressGroup> ByAccount, IReadOnlyList<ProgressGroup> ByBuyingRole,
    IReadOnlyList<PhaseProgress> ByPhase);

/// <summary>The progress view of a wave (response rate by account, buying role and phase), aggregated in the database.</summary>
public static class WaveProgress
{
    /// <summary>
    /// Computes the progress of wave <paramref name="waveId"/>; with <paramref name="visibleAccounts"/> (an account
    /// manager's accounts, docs/security.md#roles-and-account-access) only invitations and answers of those accounts count.
    /// </summary>
    public static async Task<Result<WaveProgressReport>> ComputeAsync(RapportDbContext db, long waveId,
        IQueryable<Account>? visibleAccounts = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wave = await db.Waves.AsNoTracking().Include(w => w.Survey).FirstOrDefaultAsync(w => w.Id == waveId, ct);
        if (wave is null)
        {
            return SurveyErrors.NotFound($"There is no wave {waveId}.");
        }
        var accounts = visibleAccounts ?? db.Accounts;
        var rows = await (
                from i in db.Invitations.AsNoTracking()
                join a in accounts on i.AccountId equals a.Id
                join c in db.Contacts on i.ContactId equals c.Id into cs
                from c in cs.DefaultIfEmpty()
                where i.WaveId == waveId
                group i by new { a.Id, a.ExternalId, a.Name, Role = c == null ? null : c.BuyingRole, i.Status } into g
                select new { g.Key.Id, g.Key.ExternalId, g.Key.Name, g.Key.Role, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var total = Group("total", null, null, rows.Select(r => (r.Status, r.Count)));
        var byAccount = rows.GroupBy(r => (r.Id, r.ExternalId, r.Name))
            .Select(g => Group(g.Key.ExternalId, g.Key.Name, g.Key.Id, g.Select(r => (r.Status, r.Count))))
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var byRole = rows.GroupBy(r => r.Role)
            .Select(g => Group(g.Key is null ? "unknown" : EnumText.ToText(g.Key.Value), null, null, g.Select(r => (r.Status, r.Count))))
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();

        var answers = db.ResponseAnswers.AsNoTracking()
            .Where(r => r.WaveId == waveId && r.SubmittedAt != null && accounts.Any(a => a.Id == r.AccountId));
        var submitted = await answers.Select(r => r.RespondentKey).Distinct().CountAsync(ct);
        var involved = await answers
            .Where(r => r.ItemCode == ItemCodes.PhaseInvolved && r.Value == 1 && r.PhaseId != null)
            .GroupBy(r => r.PhaseId!.Value).Select(g => new { Phase = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Phase, x => x.Count, ct);
        var phases = await (
                from sp in db.SurveyPhases.AsNoTracking()
                join p in db.BusinessPhases on sp.PhaseId equals p.Id
                where sp.SurveyId == wave.SurveyId
                orderby sp.SortOrder
                select p)
            .ToListAsync(ct);
        var survey = wave.Survey!;
        var byPhase = phases.Select(p =>
        {
            var n = involved.GetValueOrDefault(p.Id);
            return survey.Anonymous && n < survey.MinGroupSize
                ? new PhaseProgress(p.Code, p.NameEn, p.NameDe, null, null)
                : new PhaseProgress(p.Code, p.NameEn, p.NameDe, n, submitted == 0 ? 0 : (double)n / submitted);
        }).ToList();
        return Result<WaveProgressReport>.Ok(new WaveProgressReport(
            waveId, wave.Name, survey.Id, survey.Name, wave.OpensOn, wave.ClosesOn, survey.Anonymous, survey.MinGroupSize,
            total, submitted, byAccount, byRole, byPhase));
    }

    private static ProgressGroup Group(string key, string? label, long? accountId, IEnumerable<(InvitationStatus Status, int Count)> counts)
    {
        int invited = 0, pending = 0, sent = 0, started = 0, completed = 0;
        foreach (var (status, count) in counts)
        {
            invited += count;
            switch (status)
            {
                case InvitationStatus.Pending:
                    pending += count;
                    break;
                case InvitationStatus.Sent:
                    sent += count;
                    break;
                case InvitationStatus.Started:
                    started += count;
                    break;
                case InvitationStatus.Completed:
                    completed += count;
                    break;
            }
        }
        return new ProgressGroup(key, label, invited, pending, sent, started, completed, invited == 0 ? 0 : (double)completed / invited, accountId);
    }
}
