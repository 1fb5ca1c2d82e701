using Rapport.Core.Data;
using Rapport.Core.Events;

namespace Rapport.Core.Surveys;

/// <summary>
/// The <c>survey.detractor_response</c> event (docs/webhooks.md): a respondent answered the recommendation item with
/// 0–6. Anonymous surveys never name the contact.
/// </summary>
public static class DetractorEvents
{
    /// <summary>The highest recommendation (0–10) that counts as a detractor (docs/definitions.md#net-promoter-score).</summary>
    public const int MaxDetractorScore = 6;

    /// <summary>Whether a recommendation answer is a detractor's.</summary>
    public static bool IsDetractor(decimal recommendation) => recommendation is >= 0 and <= MaxDetractorScore;

    /// <summary>Queues the event; the caller's save writes it in the same transaction as the answers.</summary>
    public static OutboxEvent Add(RapportDbContext db, long waveId, long? invitationId, long accountId, long? contactId, bool anonymous, int recommendation) =>
        anonymous
            ? Outbox.Add(db, EventTypes.DetractorResponse, accountId, new { waveId, invitationId, accountId, recommendation })
            : Outbox.Add(db, EventTypes.DetractorResponse, accountId, new { waveId, invitationId, accountId, contactId, recommendation });
}
