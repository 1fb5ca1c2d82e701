namespace Rapport.Core.Webhooks;

/// <summary>An endpoint that receives signed events (docs/webhooks.md).</summary>
public sealed class WebhookSubscription
{
    public long Id { get; set; }
    public required string Url { get; set; }
    public string? Description { get; set; }

    /// <summary>The signing secret encrypted with ASP.NET Core Data Protection (<see cref="WebhookSecrets"/>).</summary>
    public required string SecretProtected { get; set; }

    /// <summary>The event types delivered (<see cref="Events.EventTypes"/>); empty means all.</summary>
    public string[] EventTypes { get; set; } = [];

    public bool IsActive { get; set; } = true;
    public long? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One event for one subscription, with its retry state: the delivery log.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }

    /// <summary>The outbox event; null for a test delivery.</summary>
    public long? EventId { get; set; }

    public required string EventType { get; set; }
    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;
    public int AttemptCount { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum WebhookDeliveryStatus
{
    /// <summary>Not yet delivered; the next attempt is due at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Given up after <see cref="WebhookOptions.MaxAttempts"/> attempts (or a failed test).</summary>
    Failed,
}

/// <summary>Configuration section <c>Rapport:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Rapport:Webhooks";

    /// <summary>Run the dispatcher in the app.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between two rounds of the dispatcher (fan-out and due deliveries).</summary>
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>Attempts per delivery before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the second attempt; each further one doubles it (with jitter), up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public double InitialRetryDelaySeconds { get; set; } = 30;

    public double MaxRetryDelaySeconds { get; set; } = 3600;

    /// <summary>How long the receiver has to answer one request.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Deliveries claimed per round.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Requests sent at the same time.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>How long a gap in the outbox ids is waited for (a transaction that has taken an id may still commit)
    /// before the dispatcher moves past it.</summary>
    public double OutboxGapWaitSeconds { get; set; } = 60;
}
