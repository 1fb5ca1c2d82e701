using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Retention;
using DomainPhase = Rapport.Core.Accounts.LifecyclePhase;

namespace Rapport.Web.Features.Retention;

/// <summary>What the risk-list page asks for: filters from the URL.</summary>
public sealed record RiskListFilter(DomainPhase? Phase, bool Mine, RiskSort Sort, bool Descending, int Page, int PageSize)
{
    public const int DefaultPageSize = 50;

    public static IReadOnlyList<int> PageSizes { get; } = [25, 50, 100];
}

/// <summary>One page of a list on a retention page.</summary>
public sealed record UiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public int FirstRow => TotalCount == 0 ? 0 : ((Page - 1) * PageSize) + 1;

    public int LastRow => Math.Min(TotalCount, Page * PageSize);
}

/// <summary>The retention pages' reads (portfolio, risk list, my tasks, account health) over the accounts the user may see.</summary>
internal sealed class RetentionQueries(IDbContextFactory<RapportDbContext> dbFactory, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Portfolio> PortfolioAsync(Caller user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PortfolioQueries.ReadAsync(db, db.VisibleAccounts(user), Today, ct);
    }

    public async Task<UiPage<RiskItem>> RisksAsync(Caller user, RiskListFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.VisibleAccounts(user);
        if (filter.Mine)
        {
            visible = visible.Where(a => a.OwnerUserId == user.Id);
        }
        var risks = PortfolioQueries.Risks(db, visible, filter.Phase);
        var total = await risks.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + filter.PageSize - 1) / filter.PageSize));
        var items = await PortfolioQueries.Order(risks, filter.Sort, filter.Descending)
            .Skip((page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(ct);
        return new UiPage<RiskItem>(items, page, filter.PageSize, total);
    }

    /// <summary>The user's own tasks: open and in progress, or (<paramref name="done"/>) completed ones, newest first.</summary>
    public async Task<UiPage<TaskItem>> MyTasksAsync(Caller user, bool done, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AccountTaskStatus[] statuses = done ? [AccountTaskStatus.Done] : [AccountTaskStatus.Open, AccountTaskStatus.InProgress];
        var tasks = TaskQueries.Filter(db, db.VisibleAccounts(user), new TaskFilter(user.Id, statuses, null));
        var total = await tasks.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var ordered = done ? tasks.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id) : TaskQueries.Order(tasks);
        var items = await TaskQueries.Project(db, ordered.Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new UiPage<TaskItem>(items, page, pageSize, total);
    }

    public async Task<AccountHealth?> HealthAsync(Caller user, long accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await AccountHealthQuery.ReadAsync(db, db.VisibleAccounts(user), accountId, Today, ct: ct);
    }

    /// <summary>Sets the status of a task from the tasks page; false when the user may not.</summary>
    public async Task<bool> SetTaskStatusAsync(Caller user, long taskId, AccountTaskStatus status, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var canWrite = user.Role is Core.Identity.UserRole.Admin or Core.Identity.UserRole.AccountManager;
        var (task, _) = await TaskQueries.SetStatusAsync(db, db.VisibleAccounts(user), taskId, user.Id, canWrite, status, clock.GetUtcNow(), ct);
        return task is not null;
    }
}
