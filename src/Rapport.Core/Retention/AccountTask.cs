namespace Rapport.Core.Retention;

/// <summary>
/// A task for an account owner (docs/retention.md#tasks-and-playbooks): from a signal, a playbook, an account plan, a complaint or by hand.
/// </summary>
public sealed class AccountTask
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long? OwnerUserId { get; set; }
    public required string Title { get; set; }
    public string? Details { get; set; }
    public DateOnly? DueOn { get; set; }
    public AccountTaskStatus Status { get; set; } = AccountTaskStatus.Open;
    public TaskOrigin Origin { get; set; }

    /// <summary>
    /// What created the task (<c>signal:42</c>, <c>playbook:win_back:2026-11</c>, <c>complaint:7</c>); unique per account,
    /// so a job that runs twice creates the task once. Null for manual tasks.
    /// </summary>
    public string? OriginKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public enum AccountTaskStatus
{
    Open,
    InProgress,
    Done,
    Cancelled,
}

public enum TaskOrigin
{
    Manual,
    Signal,
    Playbook,
    Plan,
    Complaint,
}
