using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;

namespace Rapport.Core.Surveys;

/// <summary>A contact's survey data for a data-subject export (docs/security.md#data-subject-requests).</summary>
public sealed record ContactSurveyData(IReadOnlyList<ContactInvitation> Invitations, IReadOnlyList<ContactAnswer> Answers);

/// <summary>An invitation of the contact.</summary>
public sealed record ContactInvitation(long Id, long WaveId, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? CompletedAt);

/// <summary>An answer given by the contact.</summary>
public sealed record ContactAnswer(long WaveId, string ItemCode, int? PhaseId, int? TouchpointId, decimal? Value, string? Text, DateTimeOffset? SubmittedAt);

/// <summary>Survey side of data-subject requests: export a contact's survey data; on erasure, answers lose their link to the person.</summary>
public static class SurveyPrivacy
{
    /// <summary>The contact's invitations and answers.</summary>
    public static async Task<ContactSurveyData> ExportAsync(RapportDbContext db, long contactId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.ContactId == contactId).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.WaveId, i.Status, i.CreatedAt, i.SentAt, i.CompletedAt }).ToListAsync(ct);
        var answers = await db.ResponseAnswers.AsNoTracking().Where(r => r.ContactId == contactId).OrderBy(r => r.Id)
            .Select(r => new ContactAnswer(r.WaveId, r.ItemCode, r.PhaseId, r.TouchpointId, r.Value, r.Text, r.SubmittedAt)).ToListAsync(ct);
        return new ContactSurveyData(
            invitations.Select(i => new ContactInvitation(i.Id, i.WaveId, EnumText.ToText(i.Status), i.CreatedAt, i.SentAt, i.CompletedAt)).ToList(),
            answers);
    }

    /// <summary>
    /// Removes the link between the contact and their survey data: answers and invitations keep their account (for
    /// anonymous aggregates) but no longer name the contact; open-text answers, which may identify the person, are
    /// removed; unfinished invitations are withdrawn. Returns the number of answers detached.
    /// </summary>
    public static async Task<int> DetachContactAsync(RapportDbContext db, long contactId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.Invitations.Where(i => i.ContactId == contactId && i.Status != InvitationStatus.Completed).Select(i => i.Id).ToListAsync(ct);
        await db.ResponseAnswers.Where(r => r.ContactId == contactId && r.Text != null && r.Value == null && r.ItemCode != Analytics.Survey.ItemCodes.CompetitorName)
            .ExecuteDeleteAsync(ct);
        var detached = await db.ResponseAnswers.Where(r => r.ContactId == contactId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ContactId, (long?)null), ct);
        await db.ResponseAnswers.Where(r => r.InvitationId != null && open.Contains(r.InvitationId.Value)).ExecuteDeleteAsync(ct);
        await db.Invitations.Where(i => open.Contains(i.Id)).ExecuteDeleteAsync(ct);
        await db.Invitations.Where(i => i.ContactId == contactId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ContactId, (long?)null), ct);
        return detached;
    }
}
