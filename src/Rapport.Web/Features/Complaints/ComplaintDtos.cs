using Rapport.Core.Complaints;

namespace Rapport.Web.Features.Complaints;

/// <summary>A new complaint; category and severity are snake_case texts (<c>product_quality</c>, <c>high</c>). The account is given by <see cref="AccountId"/> or <see cref="AccountExternalId"/>;
/// <see cref="Touchpoint"/> and <see cref="Phase"/> are master-data codes (<c>logistics</c>, <c>delivery</c>).</summary>
public sealed record ComplaintInput(
    long? AccountId,
    string? AccountExternalId,
    string? Category,
    string? Severity,
    string? Subject,
    string? Description,
    string? Touchpoint,
    string? Phase,
    long? ContactId,
    DateTimeOffset? ReceivedAt,
    long? OwnerUserId,
    string? ExternalId);

/// <summary>The editable attributes (the account, the receipt and the status stay).</summary>
public sealed record ComplaintUpdateInput(
    string? Category,
    string? Severity,
    string? Subject,
    string? Description,
    string? Touchpoint,
    string? Phase,
    long? ContactId,
    long? OwnerUserId);

/// <summary>A note to a transition (acknowledge, start, reopen).</summary>
public sealed record TransitionInput(string? Note);

/// <summary>Resolving needs the root cause; the resolution is what the customer reads on the confirmation page.</summary>
public sealed record ResolveInput(string? RootCause, string? Resolution, string? Note);

/// <summary>The customer's confirmation as recorded by staff: satisfaction with the handling 1–5.</summary>
public sealed record ConfirmInput(int? Satisfaction, string? Note);

/// <summary>A complaint in a list.</summary>
/// <param name="Overdue">Open and past its deadline now.</param>
public sealed record ComplaintItem(
    long Id,
    long AccountId,
    string AccountExternalId,
    string AccountName,
    string? ExternalId,
    DateTimeOffset ReceivedAt,
    ComplaintCategory Category,
    ComplaintSeverity Severity,
    string? Touchpoint,
    string? Phase,
    string Subject,
    ComplaintStatus Status,
    long? OwnerUserId,
    string? OwnerEmail,
    DateTimeOffset DueAt,
    bool Overdue,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ConfirmedAt,
    int ReopenCount,
    short? HandlingSatisfaction);

/// <summary>One step of the history.</summary>
public sealed record ComplaintEventItem(
    long Id,
    ComplaintEventKind Kind,
    ComplaintStatus? FromStatus,
    ComplaintStatus? ToStatus,
    string Actor,
    string? Note,
    DateTimeOffset OccurredAt);

/// <summary>A complaint with its text, resolution, history, the actions possible now and, while it awaits the
/// customer's answer, the customer's confirmation link (relative, <c>/c/{token}</c>).</summary>
public sealed record ComplaintDetail(
    ComplaintItem Complaint,
    long? ContactId,
    string? ContactName,
    string? Description,
    string? RootCause,
    string? Resolution,
    DateTimeOffset SlaStartedAt,
    DateTimeOffset? AcknowledgedAt,
    IReadOnlyList<ComplaintAction> AllowedActions,
    string? CustomerLink,
    IReadOnlyList<ComplaintEventItem> History);

/// <summary>The figures of a group (see docs/complaints.md for the definitions); <see cref="Key"/> is the enum text or
/// master-data code, <c>none</c> for complaints without touchpoint or phase.</summary>
public sealed record ComplaintGroupItem(
    string Key,
    string? Name,
    int Count,
    int Open,
    int Overdue,
    int Resolved,
    double? MedianResolutionDays,
    double? SlaAdherence,
    int SlaKnown,
    int ResolvedOnce,
    double? ReopenRate,
    double? MeanHandlingSatisfaction,
    int SatisfactionResponses);

/// <summary><c>GET /api/v1/complaints/statistics</c>.</summary>
public sealed record ComplaintStatisticsResponse(
    ComplaintGroupItem Total,
    IReadOnlyList<ComplaintGroupItem> ByCategory,
    IReadOnlyList<ComplaintGroupItem> BySeverity,
    IReadOnlyList<ComplaintGroupItem> ByTouchpoint,
    IReadOnlyList<ComplaintGroupItem> ByPhase);
