using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Auditing;
using Rapport.Core.Data;
using Rapport.Core.Common;
using Rapport.Core.Identity;

namespace Rapport.Core.Complaints;

/// <summary>A new complaint. <paramref name="Touchpoint"/> and <paramref name="Phase"/> are master-data codes
/// (<c>logistics</c>, <c>delivery</c>); <paramref name="ReceivedAt"/> defaults to now; the owner defaults to the
/// account's owner.</summary>
public sealed record NewComplaint(
    long AccountId,
    ComplaintCategory Category,
    ComplaintSeverity Severity,
    string? Subject,
    string? Description = null,
    string? Touchpoint = null,
    string? Phase = null,
    long? ContactId = null,
    DateTimeOffset? ReceivedAt = null,
    long? OwnerUserId = null,
    string? ExternalId = null);

/// <summary>The editable attributes of a complaint (not its account, receipt or status).</summary>
public sealed record ComplaintChanges(
    ComplaintCategory Category,
    ComplaintSeverity Severity,
    string? Subject,
    string? Description,
    string? Touchpoint,
    string? Phase,
    long? ContactId,
    long? OwnerUserId);

/// <summary>What the customer sees on the confirmation page.</summary>
public sealed record CustomerComplaintView(
    long Id,
    string Subject,
    DateTimeOffset ReceivedAt,
    ComplaintStatus Status,
    string? Resolution,
    DateTimeOffset? ResolvedAt,
    string Language,
    string AccountName,
    short? HandlingSatisfaction)
{
    /// <summary>The customer can still confirm or reopen.</summary>
    public bool AwaitsAnswer => Status == ComplaintStatus.Resolved;
}

/// <summary>
/// The complaint use cases of docs/complaints.md: receive, acknowledge, start, resolve (root cause required), the customer's
/// confirmation (with satisfaction) or reopening (a new SLA period), by staff or through the customer's link.
/// Each change and its history entry are saved together; a transition not allowed in the current status is a
/// <see cref="ComplaintErrors.InvalidTransition"/>. Callers check that the user may see the complaint's account.
/// </summary>
public sealed class ComplaintWorkflow(RapportDbContext db, ComplaintSla sla, TimeProvider clock, string? tokenSecret = null)
{
    public const int MaxSubject = 200;
    public const int MaxText = 5000;
    public const string AuditEntity = "complaint";

    // Clock skew between the caller and the server should not make "received just now" invalid.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public async Task<Result<Complaint>> ReceiveAsync(NewComplaint input, ComplaintActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow();
        var account = await db.Accounts.Where(a => a.Id == input.AccountId).Select(a => new { a.Id, a.OwnerUserId }).FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return Invalid("accountId", $"There is no account with id {input.AccountId}.");
        }
        var receivedAt = input.ReceivedAt ?? now;
        if (receivedAt > now + FutureTolerance)
        {
            return Invalid("receivedAt", "The receipt date lies in the future.");
        }
        if (receivedAt.Year < 2000)
        {
            return Invalid("receivedAt", "The receipt date must be in the year 2000 or later.");
        }
        var externalId = string.IsNullOrWhiteSpace(input.ExternalId) ? null : input.ExternalId.Trim();
        if (externalId is not null && await db.Complaints.AnyAsync(c => c.ExternalId == externalId, ct))
        {
            return ComplaintErrors.ExternalIdTaken(externalId);
        }
        var complaint = new Complaint
        {
            AccountId = account.Id,
            ExternalId = externalId,
            ReceivedAt = receivedAt,
            Subject = "",
            SlaStartedAt = receivedAt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var changes = new ComplaintChanges(input.Category, input.Severity, input.Subject, input.Description, input.Touchpoint,
            input.Phase, input.ContactId, input.OwnerUserId ?? account.OwnerUserId);
        if (await ApplyAsync(complaint, changes, ct) is { } error)
        {
            return error;
        }
        complaint.DueAt = sla.DueAt(receivedAt, complaint.Severity);
        db.Complaints.Add(complaint);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.ComplaintEvents.Add(Event(complaint, ComplaintEventKind.Received, null, ComplaintStatus.Received, actor, null, receivedAt));
        db.AuditLog.Add(Audit(actor, "create", complaint.Id, new { complaint.AccountId, complaint.Subject, severity = EnumText.ToText(complaint.Severity) }, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<Complaint>.Ok(complaint);
    }

    /// <summary>Changes the attributes; a new severity moves the deadline of the current SLA period.</summary>
    public async Task<Result<Complaint>> UpdateAsync(long id, ComplaintChanges changes, ComplaintActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(actor);
        var complaint = await db.Complaints.AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return NotFound(id);
        }
        var severity = complaint.Severity;
        if (await ApplyAsync(complaint, changes, ct) is { } error)
        {
            return error;
        }
        if (!db.ChangeTracker.HasChanges())
        {
            return Result<Complaint>.Ok(complaint);
        }
        var now = clock.GetUtcNow();
        if (complaint.Severity != severity)
        {
            complaint.DueAt = sla.DueAt(complaint.SlaStartedAt, complaint.Severity);
        }
        complaint.UpdatedAt = now;
        var changed = db.Entry(complaint).Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name)).Where(n => n != "updatedAt").Order(StringComparer.Ordinal).ToList();
        db.ComplaintEvents.Add(Event(complaint, ComplaintEventKind.Updated, null, null, actor, string.Join(", ", changed), now));
        db.AuditLog.Add(Audit(actor, "update", complaint.Id, new { changed }, now));
        return await SaveAsync(complaint, ct);
    }

    /// <summary>Deletes the complaint and its history.</summary>
    public async Task<Result<bool>> DeleteAsync(long id, ComplaintActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var complaint = await db.Complaints.AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return ComplaintErrors.NotFound(id);
        }
        db.Complaints.Remove(complaint);
        db.AuditLog.Add(Audit(actor, "delete", id, new { complaint.AccountId, complaint.Subject }, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    public Task<Result<Complaint>> AcknowledgeAsync(long id, ComplaintActor actor, string? note = null, CancellationToken ct = default) =>
        TransitionAsync(id, ComplaintAction.Acknowledge, actor, note, (c, now) =>
        {
            c.AcknowledgedAt ??= now;
            return null;
        }, ct);

    public Task<Result<Complaint>> StartAsync(long id, ComplaintActor actor, string? note = null, CancellationToken ct = default) =>
        TransitionAsync(id, ComplaintAction.Start, actor, note, (_, _) => null, ct);

    /// <summary>Resolves the complaint; <paramref name="rootCause"/> is required, <paramref name="resolution"/> is what the
    /// customer reads. Issues a fresh confirmation link (an earlier one stops working).</summary>
    public async Task<Result<Complaint>> ResolveAsync(long id, string? rootCause, string? resolution, ComplaintActor actor,
        string? note = null, CancellationToken ct = default)
    {
        var cause = Clean(rootCause);
        if (cause is null)
        {
            return Invalid("rootCause", "The root cause is required to resolve a complaint.");
        }
        if (cause.Length > MaxText)
        {
            return Invalid("rootCause", $"The root cause must be at most {MaxText} characters.");
        }
        var text = Clean(resolution);
        if (text?.Length > MaxText)
        {
            return Invalid("resolution", $"The resolution must be at most {MaxText} characters.");
        }
        var tokens = await ComplaintTokens.LoadAsync(db, tokenSecret, ct);
        return await TransitionAsync(id, ComplaintAction.Resolve, actor, note, (c, now) =>
        {
            c.RootCause = cause;
            c.Resolution = text;
            c.ResolvedAt = now;
            c.HandlingSatisfaction = null;
            var nonce = ComplaintTokens.NewNonce();
            c.CustomerTokenNonce = nonce;
            c.CustomerTokenHash = ComplaintTokens.Hash(tokens.TokenFor(c.Id, nonce));
            return null;
        }, ct);
    }

    /// <summary>The customer confirms the resolution, with their satisfaction with the handling (1–5).</summary>
    public Task<Result<Complaint>> ConfirmAsync(long id, int? satisfaction, ComplaintActor actor, string? note = null,
        CancellationToken ct = default) =>
        TransitionAsync(id, ComplaintAction.Confirm, actor, note, (c, now) => Confirm(c, satisfaction, now), ct);

    /// <summary>The customer is not satisfied: the complaint is open again with a new SLA period from now.</summary>
    public Task<Result<Complaint>> ReopenAsync(long id, ComplaintActor actor, string? note = null, CancellationToken ct = default) =>
        TransitionAsync(id, ComplaintAction.Reopen, actor, note, Reopen, ct);

    /// <summary>The complaint behind a customer link, for the confirmation page; NotFound for unknown tokens.</summary>
    public async Task<Result<CustomerComplaintView>> OpenLinkAsync(string? token, CancellationToken ct = default)
    {
        var complaint = await FindByTokenAsync(token, ct);
        return complaint is null ? UnknownLink() : Result<CustomerComplaintView>.Ok(await ViewAsync(complaint, ct));
    }

    /// <summary>The customer confirms through the link.</summary>
    public async Task<Result<CustomerComplaintView>> ConfirmByLinkAsync(string? token, int? satisfaction, string? note, CancellationToken ct = default)
    {
        var complaint = await FindByTokenAsync(token, ct);
        if (complaint is null)
        {
            return UnknownLink();
        }
        var result = await ConfirmAsync(complaint.Id, satisfaction, ComplaintActor.Customer, note, ct);
        return result.Succeeded ? Result<CustomerComplaintView>.Ok(await ViewAsync(result.Value!, ct)) : result.Error!;
    }

    /// <summary>The customer reopens through the link.</summary>
    public async Task<Result<CustomerComplaintView>> ReopenByLinkAsync(string? token, string? note, CancellationToken ct = default)
    {
        var complaint = await FindByTokenAsync(token, ct);
        if (complaint is null)
        {
            return UnknownLink();
        }
        var result = await ReopenAsync(complaint.Id, ComplaintActor.Customer, note, ct);
        return result.Succeeded ? Result<CustomerComplaintView>.Ok(await ViewAsync(result.Value!, ct)) : result.Error!;
    }

    /// <summary>Runs <paramref name="action"/> when the current status permits it: <paramref name="apply"/> sets the
    /// action's fields (or returns an input error), then the new status and the history entry are saved together.</summary>
    private async Task<Result<Complaint>> TransitionAsync(long id, ComplaintAction action, ComplaintActor actor, string? note,
        Func<Complaint, DateTimeOffset, Error?> apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var text = Clean(note);
        if (text?.Length > MaxText)
        {
            return Invalid("note", $"The note must be at most {MaxText} characters.");
        }
        var complaint = await db.Complaints.AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return NotFound(id);
        }
        var from = complaint.Status;
        if (!ComplaintStatuses.IsAllowed(from, action))
        {
            return ComplaintErrors.InvalidTransition(from, Past(action), ComplaintStatuses.Allowed(from));
        }
        var now = clock.GetUtcNow();
        if (apply(complaint, now) is { } error)
        {
            return error;
        }
        var to = ComplaintStatuses.Target(action);
        complaint.Status = to;
        complaint.UpdatedAt = now;
        db.ComplaintEvents.Add(Event(complaint, KindOf(action), from, to, actor, text, now));
        return await SaveAsync(complaint, ct);
    }

    private static Error? Confirm(Complaint c, int? satisfaction, DateTimeOffset now)
    {
        if (satisfaction is not (>= 1 and <= 5))
        {
            return Invalid("satisfaction",
                "The satisfaction with the handling is required: 1 (very dissatisfied) to 5 (very satisfied).");
        }
        c.HandlingSatisfaction = (short)satisfaction.Value;
        c.ConfirmedAt = now;
        return null;
    }

    private Error? Reopen(Complaint c, DateTimeOffset now)
    {
        c.ReopenCount++;
        c.SlaStartedAt = now;
        c.DueAt = sla.DueAt(now, c.Severity);
        c.EscalatedAt = null;
        c.ConfirmedAt = null;
        return null;
    }

    private async Task<Result<Complaint>> SaveAsync(Complaint complaint, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<Complaint>.Ok(complaint);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The status is a concurrency token: another user or the customer moved the complaint in the meantime.
            return ComplaintErrors.ChangedMeanwhile(complaint.Id);
        }
    }

    private async Task<Error?> ApplyAsync(Complaint complaint, ComplaintChanges changes, CancellationToken ct)
    {
        var subject = Clean(changes.Subject);
        if (subject is null)
        {
            return Invalid("subject", "The subject is required.");
        }
        if (subject.Length > MaxSubject)
        {
            return Invalid("subject", $"The subject must be at most {MaxSubject} characters.");
        }
        var description = Clean(changes.Description);
        if (description?.Length > MaxText)
        {
            return Invalid("description", $"The description must be at most {MaxText} characters.");
        }
        int? touchpointId = null;
        if (Clean(changes.Touchpoint) is { } touchpoint)
        {
            touchpointId = await db.Touchpoints.Where(t => t.Code == touchpoint).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
            if (touchpointId is null)
            {
                var codes = await db.Touchpoints.OrderBy(t => t.SortOrder).Select(t => t.Code).ToListAsync(ct);
                return Invalid("touchpoint", $"Unknown touchpoint '{touchpoint}'; expected one of {string.Join(", ", codes)}.");
            }
        }
        int? phaseId = null;
        if (Clean(changes.Phase) is { } phase)
        {
            phaseId = await db.BusinessPhases.Where(p => p.Code == phase).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (phaseId is null)
            {
                var codes = await db.BusinessPhases.OrderBy(p => p.SortOrder).Select(p => p.Code).ToListAsync(ct);
                return Invalid("phase", $"Unknown phase '{phase}'; expected one of {string.Join(", ", codes)}.");
            }
        }
        if (changes.ContactId is { } contactId
            && !await db.Contacts.AnyAsync(c => c.Id == contactId && c.AccountId == complaint.AccountId, ct))
        {
            return Invalid("contactId", $"There is no contact with id {contactId} at this account.");
        }
        if (changes.OwnerUserId is { } ownerId && !await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, ct))
        {
            return Invalid("ownerUserId", $"There is no active user with id {ownerId}.");
        }
        complaint.Category = changes.Category;
        complaint.Severity = changes.Severity;
        complaint.Subject = subject;
        complaint.Description = description;
        complaint.TouchpointId = touchpointId;
        complaint.PhaseId = phaseId;
        complaint.ContactId = changes.ContactId;
        complaint.OwnerUserId = changes.OwnerUserId;
        return null;
    }

    private async Task<Complaint?> FindByTokenAsync(string? token, CancellationToken ct)
    {
        if (!ComplaintTokens.LooksLikeToken(token))
        {
            return null;
        }
        var hash = ComplaintTokens.Hash(token!);
        return await db.Complaints.FirstOrDefaultAsync(c => c.CustomerTokenHash == hash, ct);
    }

    private async Task<CustomerComplaintView> ViewAsync(Complaint c, CancellationToken ct)
    {
        var account = await db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.Name).FirstAsync(ct);
        var language = c.ContactId is { } contactId
            ? await db.Contacts.Where(x => x.Id == contactId).Select(x => x.Language).FirstOrDefaultAsync(ct)
            : null;
        return new CustomerComplaintView(c.Id, c.Subject, c.ReceivedAt, c.Status, c.Resolution, c.ResolvedAt, language ?? "de", account,
            c.HandlingSatisfaction);
    }

    private static Error UnknownLink() => ComplaintErrors.UnknownLink();

    private static Error NotFound(long id) => ComplaintErrors.NotFound(id);

    private static Error Invalid(string field, string message) => ComplaintErrors.Invalid(field, message);

    internal static ComplaintEvent Event(Complaint c, ComplaintEventKind kind, ComplaintStatus? from, ComplaintStatus? to, ComplaintActor actor,
        string? note, DateTimeOffset at) => new()
    {
        ComplaintId = c.Id,
        AccountId = c.AccountId,
        Kind = kind,
        FromStatus = from,
        ToStatus = to,
        ActorUserId = actor.UserId,
        Actor = actor.Name,
        Note = note,
        OccurredAt = at,
    };

    private static AuditEntry Audit(ComplaintActor actor, string action, long id, object details, DateTimeOffset at) => new()
    {
        OccurredAt = at,
        UserId = actor.UserId,
        Actor = actor.Name,
        Action = action,
        Entity = AuditEntity,
        EntityId = id.ToString(CultureInfo.InvariantCulture),
        Details = JsonSerializer.SerializeToDocument(details, details.GetType(), JsonSerializerOptions.Web),
    };

    private static ComplaintEventKind KindOf(ComplaintAction action) => action switch
    {
        ComplaintAction.Acknowledge => ComplaintEventKind.Acknowledged,
        ComplaintAction.Start => ComplaintEventKind.Started,
        ComplaintAction.Resolve => ComplaintEventKind.Resolved,
        ComplaintAction.Confirm => ComplaintEventKind.Confirmed,
        _ => ComplaintEventKind.Reopened,
    };

    private static string Past(ComplaintAction action) => action switch
    {
        ComplaintAction.Acknowledge => "acknowledged",
        ComplaintAction.Start => "started",
        ComplaintAction.Resolve => "resolved",
        ComplaintAction.Confirm => "confirmed",
        _ => "reopened",
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
