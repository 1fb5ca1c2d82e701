using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Complaints;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Web.Features.Complaints;

/// <summary>List filters shared by the API and the UI; all optional.</summary>
public sealed record ComplaintFilter(
    ComplaintStatus? Status = null,
    ComplaintSeverity? Severity = null,
    ComplaintCategory? Category = null,
    long? AccountId = null,
    bool? Overdue = null,
    bool? OpenOnly = null);

/// <summary>Reads of complaints for the API and the UI, restricted to the accounts the user may see (<see cref="AccountAccess"/>).</summary>
internal static class ComplaintQueries
{
    /// <summary>The complaints of the accounts <paramref name="userId"/> may see.</summary>
    public static IQueryable<Complaint> Visible(RapportDbContext db, long userId, UserRole role, IReadOnlyCollection<long>? shared = null)
    {
        if (AccountAccess.SeesAllAccounts(role))
        {
            return db.Complaints;
        }
        var accounts = db.VisibleAccounts(userId, role, shared).Select(a => a.Id);
        return db.Complaints.Where(c => accounts.Contains(c.AccountId));
    }

    public static IQueryable<Complaint> Apply(IQueryable<Complaint> query, ComplaintFilter filter, DateTimeOffset now)
    {
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }
        if (filter.Severity is { } severity)
        {
            query = query.Where(c => c.Severity == severity);
        }
        if (filter.Category is { } category)
        {
            query = query.Where(c => c.Category == category);
        }
        if (filter.AccountId is { } accountId)
        {
            query = query.Where(c => c.AccountId == accountId);
        }
        var open = ComplaintStatuses.Open.ToArray();
        if (filter.OpenOnly == true)
        {
            query = query.Where(c => open.Contains(c.Status));
        }
        if (filter.Overdue is { } overdue)
        {
            query = overdue
                ? query.Where(c => open.Contains(c.Status) && c.DueAt < now)
                : query.Where(c => !(open.Contains(c.Status) && c.DueAt < now));
        }
        return query;
    }

    /// <summary>Newest first.</summary>
    public static IQueryable<ComplaintItem> Project(RapportDbContext db, IQueryable<Complaint> query, DateTimeOffset now)
    {
        var open = ComplaintStatuses.Open.ToArray();
        return query
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Select(c => new ComplaintItem(
                c.Id,
                c.AccountId,
                db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.ExternalId).First(),
                db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.Name).First(),
                c.ExternalId,
                c.ReceivedAt,
                c.Category,
                c.Severity,
                db.Touchpoints.Where(t => t.Id == c.TouchpointId).Select(t => t.Code).FirstOrDefault(),
                db.BusinessPhases.Where(p => p.Id == c.PhaseId).Select(p => p.Code).FirstOrDefault(),
                c.Subject,
                c.Status,
                c.OwnerUserId,
                db.Users.Where(u => u.Id == c.OwnerUserId).Select(u => u.Email).FirstOrDefault(),
                c.DueAt,
                open.Contains(c.Status) && c.DueAt < now,
                c.EscalatedAt,
                c.ResolvedAt,
                c.ConfirmedAt,
                c.ReopenCount,
                c.HandlingSatisfaction));
    }

    /// <summary>The complaint with its history, or null when it does not exist or its account is not visible.</summary>
    public static async Task<ComplaintDetail?> DetailAsync(RapportDbContext db, IQueryable<Complaint> visible, long id, DateTimeOffset now,
        string? tokenSecret, CancellationToken ct)
    {
        var item = await Project(db, visible.Where(c => c.Id == id), now).FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return null;
        }
        var c = await db.Complaints.Where(x => x.Id == id).FirstAsync(ct);
        var contact = c.ContactId is { } contactId
            ? await db.Contacts.Where(x => x.Id == contactId).Select(x => ((x.FirstName ?? "") + " " + x.LastName).Trim()).FirstOrDefaultAsync(ct)
            : null;
        var history = await db.ComplaintEvents.Where(e => e.ComplaintId == id).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new ComplaintEventItem(e.Id, e.Kind, e.FromStatus, e.ToStatus, e.Actor, e.Note, e.OccurredAt))
            .ToListAsync(ct);
        string? link = null;
        if (c.Status == ComplaintStatus.Resolved && c.CustomerTokenNonce is not null)
        {
            link = (await ComplaintTokens.LoadAsync(db, tokenSecret, ct)).LinkFor(c);
        }
        return new ComplaintDetail(item, c.ContactId, contact, c.Description, c.RootCause, c.Resolution, c.SlaStartedAt, c.AcknowledgedAt,
            ComplaintStatuses.Allowed(c.Status), link, history);
    }

    /// <summary>The statistics of the visible complaints received in [<paramref name="from"/>, <paramref name="to"/>] (days, UTC).</summary>
    public static Task<ComplaintStatisticsReport> StatisticsAsync(RapportDbContext db, IQueryable<Complaint> visible, DateOnly? from, DateOnly? to,
        long? accountId, DateTimeOffset now, CancellationToken ct)
    {
        var query = visible;
        if (from is { } f)
        {
            var start = new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(c => c.ReceivedAt >= start);
        }
        if (to is { } t)
        {
            var end = new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(c => c.ReceivedAt < end);
        }
        if (accountId is { } id)
        {
            query = query.Where(c => c.AccountId == id);
        }
        return ComplaintStatistics.RunAsync(db, query, now, ct);
    }
}
