using System.Text.Json;

namespace Rapport.Core.Auditing;

/// <summary>One entry of the audit log: a change or an export of personal data (docs/security.md#audit-log).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public long? UserId { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Entity { get; set; }
    public string? EntityId { get; set; }
    public JsonDocument? Details { get; set; }
}

/// <summary>A data-protection key shared by all app instances.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
