using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Core.Auditing;

/// <summary>Saves a change together with its audit-log entry in one transaction (docs/security.md#audit-log).</summary>
public static class AuditTrail
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";

    /// <summary>
    /// Saves the tracked changes and an audit entry; for updates the entry lists each changed field with its old and
    /// new value. <paramref name="entityId"/> is read after the save so that new rows report their generated key.
    /// <paramref name="then"/> may track further changes once the first ones are written; they are saved with the entry.
    /// </summary>
    public static async Task SaveAsync(RapportDbContext db, Caller user, string action, string entity, Func<string> entityId,
        object? details, CancellationToken ct, Action? then = null)
    {
        var changes = action == Update ? CollectChanges(db.ChangeTracker) : null;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            then?.Invoke();
            db.AuditLog.Add(new AuditEntry
            {
                UserId = user.Id,
                Actor = user.Email,
                Action = action,
                Entity = entity,
                EntityId = entityId(),
                Details = changes is { Count: > 0 } ? JsonSerializer.SerializeToDocument(new { changes })
                    : details is null ? null : JsonSerializer.SerializeToDocument(details, details.GetType(), JsonSerializerOptions.Web),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    private static Dictionary<string, object?> CollectChanges(ChangeTracker tracker)
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var entry in tracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            foreach (var property in entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name);
                if (name is "updatedAt")
                {
                    continue;
                }
                changes[name] = new { from = Text(property.OriginalValue), to = Text(property.CurrentValue) };
            }
        }
        return changes;
    }

    private static object? Text(object? value) => value is Enum e ? SnakeCase.Convert(e.ToString()) : value;
}
