using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Core.Data;
using Rapport.Core.Events;
using Rapport.Core.Retention;

namespace Rapport.Core.Complaints;

/// <summary>
/// The overdue check: every open complaint past its deadline is escalated once per SLA period — marked, given a task
/// for its owner (origin complaint, origin key <c>complaint:{id}:overdue</c>) and reported as a
/// <c>complaint.overdue</c> event, all in one transaction. The complaints are claimed with <c>FOR UPDATE SKIP LOCKED</c>,
/// so several app instances can run the check at once without escalating a complaint twice.
/// </summary>
public sealed class ComplaintEscalation(RapportDbContext db, TimeProvider clock)
{
    public const int BatchSize = 200;

    /// <summary>The origin key of the overdue task; after the n-th reopening <c>…:overdue:reopened-n</c>, so that a
    /// reopened complaint that is late again gets a new task.</summary>
    public static string TaskOriginKey(long complaintId, int reopenCount) =>
        reopenCount == 0
            ? string.Create(CultureInfo.InvariantCulture, $"complaint:{complaintId}:overdue")
            : string.Create(CultureInfo.InvariantCulture, $"complaint:{complaintId}:overdue:reopened-{reopenCount}");

    /// <summary>Escalates the complaints overdue now; returns how many (batches of <see cref="BatchSize"/> until none is left).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var escalated = await EscalateBatchAsync(ct);
            total += escalated;
            if (escalated < BatchSize)
            {
                return total;
            }
        }
    }

    private async Task<int> EscalateBatchAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var overdue = await db.Complaints
            .FromSql($"""
                SELECT * FROM complaints
                WHERE status IN ('received', 'acknowledged', 'in_progress', 'reopened') AND escalated_at IS NULL AND due_at < {now}
                ORDER BY due_at, id
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .AsTracking()
            .ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return 0;
        }
        var accountIds = overdue.Select(c => c.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id))
            .Select(a => new { a.Id, a.ExternalId, a.Name, a.OwnerUserId })
            .ToDictionaryAsync(a => a.Id, ct);
        var ownerIds = overdue.Select(c => c.OwnerUserId ?? accounts[c.AccountId].OwnerUserId).OfType<long>().Distinct().ToList();
        var owners = await db.Users.Where(u => ownerIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.PreferredLanguage })
            .ToDictionaryAsync(u => u.Id, ct);
        var keys = overdue.Select(c => TaskOriginKey(c.Id, c.ReopenCount)).ToList();
        var existingTasks = (await db.Tasks.Where(t => accountIds.Contains(t.AccountId) && t.OriginKey != null && keys.Contains(t.OriginKey))
            .Select(t => new { t.AccountId, t.OriginKey }).ToListAsync(ct))
            .Select(t => (t.AccountId, t.OriginKey!)).ToHashSet();

        foreach (var complaint in overdue)
        {
            var account = accounts[complaint.AccountId];
            var ownerId = complaint.OwnerUserId ?? account.OwnerUserId;
            var owner = ownerId is { } id && owners.TryGetValue(id, out var o) ? o : null;
            complaint.EscalatedAt = now;
            db.ComplaintEvents.Add(ComplaintWorkflow.Event(complaint, ComplaintEventKind.Escalated, null, null, ComplaintActor.System,
                string.Create(CultureInfo.InvariantCulture, $"Past its SLA deadline {complaint.DueAt:yyyy-MM-dd HH:mm} UTC."), now));
            var key = TaskOriginKey(complaint.Id, complaint.ReopenCount);
            if (!existingTasks.Contains((complaint.AccountId, key)))
            {
                var german = owner?.PreferredLanguage == "de";
                db.Tasks.Add(new AccountTask
                {
                    AccountId = complaint.AccountId,
                    OwnerUserId = owner?.Id,
                    Title = Truncate((german ? "Beschwerde überfällig: " : "Complaint overdue: ") + complaint.Subject, 300),
                    Details = german
                        ? string.Create(CultureInfo.InvariantCulture, $"Beschwerde #{complaint.Id} bei {account.Name} hat ihre Frist ({complaint.DueAt:yyyy-MM-dd HH:mm} UTC) überschritten: /complaints/{complaint.Id}")
                        : string.Create(CultureInfo.InvariantCulture, $"Complaint #{complaint.Id} of {account.Name} is past its deadline ({complaint.DueAt:yyyy-MM-dd HH:mm} UTC): /complaints/{complaint.Id}"),
                    DueOn = DateOnly.FromDateTime(now.UtcDateTime),
                    Origin = TaskOrigin.Complaint,
                    OriginKey = key,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
            Outbox.Add(db, EventTypes.ComplaintOverdue, complaint.AccountId, new
            {
                complaintId = complaint.Id,
                accountId = complaint.AccountId,
                accountExternalId = account.ExternalId,
                accountName = account.Name,
                subject = complaint.Subject,
                category = EnumText.ToText(complaint.Category),
                severity = EnumText.ToText(complaint.Severity),
                status = EnumText.ToText(complaint.Status),
                receivedAt = complaint.ReceivedAt,
                dueAt = complaint.DueAt,
                reopenCount = complaint.ReopenCount,
                ownerEmail = owner?.Email,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return overdue.Count;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
