namespace Rapport.Core.Complaints;

/// <summary>
/// A customer complaint (Beschwerde, docs/complaints.md) with its SLA and closed loop. Change it only through
/// <see cref="ComplaintWorkflow"/>, which keeps the status, the dates and the history consistent.
/// </summary>
public sealed class Complaint
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long? ContactId { get; set; }

    /// <summary>The complaint id of a source system (CSV <c>complaint_id</c>).</summary>
    public string? ExternalId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public ComplaintCategory Category { get; set; }
    public ComplaintSeverity Severity { get; set; }
    public int? TouchpointId { get; set; }
    public int? PhaseId { get; set; }
    public required string Subject { get; set; }
    public string? Description { get; set; }
    public ComplaintStatus Status { get; set; } = ComplaintStatus.Received;
    public long? OwnerUserId { get; set; }

    /// <summary>Start of the current SLA period: the receipt, or the latest reopening.</summary>
    public DateTimeOffset SlaStartedAt { get; set; }

    /// <summary>The SLA deadline of the current period (<see cref="ComplaintSla.DueAt"/>).</summary>
    public DateTimeOffset DueAt { get; set; }

    public string? RootCause { get; set; }

    /// <summary>What was done, as the customer reads it on the confirmation page.</summary>
    public string? Resolution { get; set; }

    /// <summary>The customer's satisfaction with the handling, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    public short? HandlingSatisfaction { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>The latest resolution.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>When the overdue check escalated the current SLA period; null when not (yet) escalated.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    public int ReopenCount { get; set; }
    public byte[]? CustomerTokenNonce { get; set; }
    public byte[]? CustomerTokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Received, acknowledged, in progress or reopened: the SLA clock runs.</summary>
    public bool IsOpen => ComplaintStatuses.IsOpen(Status);

    /// <summary>Open and past its deadline at <paramref name="now"/>.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOpen && DueAt < now;
}

/// <summary>One step in a complaint's history.</summary>
public sealed class ComplaintEvent
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    public long AccountId { get; set; }
    public ComplaintEventKind Kind { get; set; }
    public ComplaintStatus? FromStatus { get; set; }
    public ComplaintStatus? ToStatus { get; set; }
    public long? ActorUserId { get; set; }

    /// <summary>The user's e-mail, <c>customer</c> or <c>system</c>.</summary>
    public required string Actor { get; set; }

    public string? Note { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

public enum ComplaintStatus
{
    Received,
    Acknowledged,
    InProgress,
    Resolved,
    Confirmed,
    Reopened,
}

/// <summary>Severity; each has its own SLA (<see cref="ComplaintSlaOptions"/>).</summary>
public enum ComplaintSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

public enum ComplaintCategory
{
    ProductQuality,
    Delivery,
    Installation,
    Service,
    SpareParts,
    Documentation,
    Invoicing,
    Communication,
    Other,
}

public enum ComplaintEventKind
{
    Received,
    Acknowledged,
    Started,
    Resolved,
    Confirmed,
    Reopened,
    Escalated,
    Updated,
}

/// <summary>The transitions of the workflow (docs/complaints.md).</summary>
public enum ComplaintAction
{
    Acknowledge,
    Start,
    Resolve,
    Confirm,
    Reopen,
}

/// <summary>The state machine of docs/complaints.md in one place.</summary>
public static class ComplaintStatuses
{
    /// <summary>The statuses in which the SLA clock runs.</summary>
    public static IReadOnlyList<ComplaintStatus> Open { get; } =
        [ComplaintStatus.Received, ComplaintStatus.Acknowledged, ComplaintStatus.InProgress, ComplaintStatus.Reopened];

    public static bool IsOpen(ComplaintStatus status) =>
        status is ComplaintStatus.Received or ComplaintStatus.Acknowledged or ComplaintStatus.InProgress or ComplaintStatus.Reopened;

    /// <summary>
    /// received → acknowledge → acknowledged → start → in progress → resolve → resolved → confirm → confirmed, or
    /// resolved → reopen → reopened, from where the work goes on (start, or resolve directly).
    /// </summary>
    public static bool IsAllowed(ComplaintStatus from, ComplaintAction action) => action switch
    {
        ComplaintAction.Acknowledge => from == ComplaintStatus.Received,
        ComplaintAction.Start => from is ComplaintStatus.Acknowledged or ComplaintStatus.Reopened,
        ComplaintAction.Resolve => from is ComplaintStatus.InProgress or ComplaintStatus.Reopened,
        ComplaintAction.Confirm or ComplaintAction.Reopen => from == ComplaintStatus.Resolved,
        _ => false,
    };

    /// <summary>The status a permitted action leads to.</summary>
    public static ComplaintStatus Target(ComplaintAction action) => action switch
    {
        ComplaintAction.Acknowledge => ComplaintStatus.Acknowledged,
        ComplaintAction.Start => ComplaintStatus.InProgress,
        ComplaintAction.Resolve => ComplaintStatus.Resolved,
        ComplaintAction.Confirm => ComplaintStatus.Confirmed,
        _ => ComplaintStatus.Reopened,
    };

    /// <summary>The actions permitted from <paramref name="from"/>, in workflow order.</summary>
    public static IReadOnlyList<ComplaintAction> Allowed(ComplaintStatus from) =>
        Enum.GetValues<ComplaintAction>().Where(a => IsAllowed(from, a)).ToList();
}
