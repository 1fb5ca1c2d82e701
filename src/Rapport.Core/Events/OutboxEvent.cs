using System.Text.Json;
using Rapport.Core.Data;

namespace Rapport.Core.Events;

/// <summary>
/// A domain event recorded in the same transaction as the change it reports; the webhook dispatcher delivers it
/// later, so a crash between the change and the delivery loses nothing.
/// </summary>
public sealed class OutboxEvent
{
    public long Id { get; set; }

    /// <summary>One of <see cref="EventTypes"/>.</summary>
    public required string Type { get; set; }

    public long? AccountId { get; set; }

    /// <summary>The event's data as camelCase JSON.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>The event types of webhooks (docs/webhooks.md); the database accepts only these.</summary>
public static class EventTypes
{
    public const string SignalRaised = "signal.raised";
    public const string DetractorResponse = "survey.detractor_response";
    public const string ComplaintOverdue = "complaint.overdue";
    public const string LifecyclePhaseChanged = "account.lifecycle_phase_changed";

    public static IReadOnlyList<string> All { get; } = [SignalRaised, DetractorResponse, ComplaintOverdue, LifecyclePhaseChanged];
}

/// <summary>Adds events to the outbox; the caller's <c>SaveChangesAsync</c> writes them with the change.</summary>
public static class Outbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues an event; <paramref name="payload"/> is serialised as camelCase JSON.</summary>
    public static OutboxEvent Add(RapportDbContext db, string type, long? accountId, object payload)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!EventTypes.All.Contains(type))
        {
            throw new ArgumentException($"Unknown event type '{type}'.", nameof(type));
        }
        var e = new OutboxEvent
        {
            Type = type,
            AccountId = accountId,
            Payload = JsonSerializer.Serialize(payload, payload.GetType(), Json),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        db.OutboxEvents.Add(e);
        return e;
    }
}
