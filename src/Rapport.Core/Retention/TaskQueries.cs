using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Core.Retention;

/// <summary>Filter of a task list.</summary>
/// <param name="OwnerUserId">Only tasks of this owner ("my tasks").</param>
/// <param name="Statuses">Only these statuses (empty: all).</param>
/// <param name="AccountId">Only tasks of this account.</param>
public sealed record TaskFilter(long? OwnerUserId, IReadOnlyCollection<AccountTaskStatus> Statuses, long? AccountId);

/// <summary>Why a task status could not be changed.</summary>
public enum TaskUpdateFailure
{
    NotFound,
    Forbidden,
}

/// <summary>Task lists and status changes (docs/retention.md#tasks-and-playbooks).</summary>
public static class TaskQueries
{
    /// <summary>The tasks on <paramref name="visible"/> accounts matching <paramref name="filter"/>, open ones by due date first.</summary>
    public static IQueryable<AccountTask> Filter(RapportDbContext db, IQueryable<Account> visible, TaskFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var visibleIds = visible.Select(a => a.Id);
        var query = db.Tasks.Where(t => visibleIds.Contains(t.AccountId));
        if (filter.OwnerUserId is { } owner)
        {
            query = query.Where(t => t.OwnerUserId == owner);
        }
        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses.ToArray();
            query = query.Where(t => statuses.Contains(t.Status));
        }
        if (filter.AccountId is { } account)
        {
            query = query.Where(t => t.AccountId == account);
        }
        return query;
    }

    /// <summary>Open and in-progress tasks first, each by due date (none last), then the newest.</summary>
    public static IOrderedQueryable<AccountTask> Order(IQueryable<AccountTask> tasks) =>
        tasks.OrderBy(t => t.Status == AccountTaskStatus.Done || t.Status == AccountTaskStatus.Cancelled)
            .ThenBy(t => t.DueOn == null).ThenBy(t => t.DueOn).ThenByDescending(t => t.Id);

    public static IQueryable<TaskItem> Project(RapportDbContext db, IQueryable<AccountTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(db);
        return tasks.Select(t => new TaskItem(t.Id, t.AccountId,
            db.Accounts.Where(a => a.Id == t.AccountId).Select(a => a.Name).First(),
            db.Accounts.Where(a => a.Id == t.AccountId).Select(a => a.ExternalId).First(),
            t.OwnerUserId, db.Users.Where(u => u.Id == t.OwnerUserId).Select(u => u.Email).FirstOrDefault(),
            t.Title, t.Details, t.DueOn, t.Status, t.Origin, t.OriginKey, t.CreatedAt, t.CompletedAt));
    }

    /// <summary>
    /// Sets the status of a task on a visible account. Allowed for its owner and for whoever may edit the account
    /// (<paramref name="canWriteAccount"/>); done stamps the completion time, reopening clears it.
    /// </summary>
    public static async Task<(TaskItem? Task, TaskUpdateFailure? Failure)> SetStatusAsync(RapportDbContext db, IQueryable<Account> visible,
        long taskId, long userId, bool canWriteAccount, AccountTaskStatus status, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visibleIds = visible.Select(a => a.Id);
        var task = await db.Tasks.AsTracking().FirstOrDefaultAsync(t => t.Id == taskId && visibleIds.Contains(t.AccountId), ct);
        if (task is null)
        {
            return (null, TaskUpdateFailure.NotFound);
        }
        if (task.OwnerUserId != userId && !canWriteAccount)
        {
            return (null, TaskUpdateFailure.Forbidden);
        }
        if (task.Status != status)
        {
            task.Status = status;
            task.CompletedAt = status == AccountTaskStatus.Done ? now : null;
            task.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
        }
        var item = await Project(db, db.Tasks.Where(t => t.Id == taskId)).FirstAsync(ct);
        return (item, null);
    }
}
