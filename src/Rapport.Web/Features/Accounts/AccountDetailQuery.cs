using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Web.Features.Accounts;

public sealed record AccountHeader(
    long Id,
    string ExternalId,
    string Name,
    string? Industry,
    string? Country,
    string? Region,
    int? Employees,
    BusinessType? BusinessType,
    AcquisitionChannel? AcquisitionChannel,
    DateOnly? AcquiredOn,
    decimal? AcquisitionCost,
    bool KeyAccount,
    Segment Segment,
    LifecyclePhase? LifecyclePhase,
    DateOnly? LifecyclePhaseSince,
    string? OwnerName,
    string? OwnerEmail,
    long? ParentId,
    string? ParentName);

public sealed record ConsentState(ConsentPurpose Purpose, bool Granted, DateTimeOffset RecordedAt);

public sealed record BuyingCenterMember(
    long Id,
    string Name,
    string? JobTitle,
    string? Department,
    string? Email,
    string? Phone,
    BuyingRole? BuyingRole,
    bool IsActive,
    DateOnly? InactiveSince,
    IReadOnlyList<ConsentState> Consents);

public sealed record YearRevenue(int Year, decimal Revenue);

public sealed record OrderSummary(long Id, string OrderNo, DateOnly OrderDate, string Currency, int Lines, decimal Amount);

public sealed record TimelineEntry(
    long Id,
    DateTimeOffset OccurredAt,
    InteractionChannel Channel,
    InteractionDirection? Direction,
    string? Subject,
    string? ContactName,
    string? TouchpointEn,
    string? TouchpointDe,
    string? PhaseEn,
    string? PhaseDe);

public enum ContractStatus { Running, Terminated, Ended }

public sealed record ContractRow(
    long Id,
    string ContractNo,
    DateOnly StartDate,
    DateOnly? EndDate,
    int? NoticeDays,
    bool AutoRenew,
    decimal? AnnualValue,
    DateOnly? TerminatedOn)
{
    public ContractStatus StatusOn(DateOnly today) =>
        TerminatedOn is not null ? ContractStatus.Terminated
        : EndDate is { } end && end < today && !AutoRenew ? ContractStatus.Ended
        : ContractStatus.Running;

    /// <summary>The last day to give notice before the current end date, while that is still ahead.</summary>
    public DateOnly? NoticeDeadlineOn(DateOnly today) =>
        StatusOn(today) == ContractStatus.Running && EndDate is { } end && end >= today && NoticeDays is { } days
            ? end.AddDays(-days)
            : null;
}

public sealed record AccountPageFigures(
    decimal RevenueLast12Months,
    decimal RevenuePrevious12Months,
    int OrdersLast12Months,
    int OrdersTotal,
    DateOnly? LastOrderOn,
    int RunningContracts);

public sealed record AccountPageData(
    AccountHeader Account,
    AccountPageFigures KeyFigures,
    IReadOnlyList<BuyingCenterMember> BuyingCenter,
    IReadOnlyList<YearRevenue> RevenuePerYear,
    IReadOnlyList<OrderSummary> RecentOrders,
    IReadOnlyList<TimelineEntry> Timeline,
    int InteractionCount,
    IReadOnlyList<ContractRow> Contracts,
    DateOnly Today);

/// <summary>
/// Everything the account page shows, for one account the user may see. Aggregates run in the database
/// (order lines are read through the (account_id, order_date) index), lists are capped.
/// </summary>
internal sealed class AccountDetailQuery(IDbContextFactory<RapportDbContext> dbFactory, TimeProvider time)
{
    public const int RecentOrderCount = 10;

    /// <summary>Interactions shown at first; the page can ask for up to <see cref="TimelineMax"/>.</summary>
    public const int TimelineCount = 10;

    public const int TimelineMax = 200;

    /// <summary>Null when the account does not exist or the user may not see it (the page does not tell the two apart).</summary>
    public async Task<AccountPageData?> RunAsync(Caller user, long accountId, int timelineCount = TimelineCount, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var header = await db.VisibleAccounts(user)
            .Where(a => a.Id == accountId)
            .Select(a => new AccountHeader(
                a.Id, a.ExternalId, a.Name, a.Industry, a.Country, a.Region, a.Employees, a.BusinessType, a.AcquisitionChannel,
                a.AcquiredOn, a.AcquisitionCost, a.KeyAccount, a.Segment, a.LifecyclePhase, a.LifecyclePhaseSince,
                a.Owner == null ? null : a.Owner.DisplayName,
                a.Owner == null ? null : a.Owner.Email,
                a.ParentAccountId,
                a.Parent == null ? null : a.Parent.Name))
            .FirstOrDefaultAsync(cancellationToken);
        if (header is null)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var contacts = await db.Contacts
            .Where(c => c.AccountId == accountId)
            .OrderByDescending(c => c.IsActive)
            .ThenBy(c => c.BuyingRole == null)
            .ThenBy(c => c.LastName)
            .ThenBy(c => c.FirstName)
            .Select(c => new
            {
                c.Id, c.FirstName, c.LastName, c.JobTitle, c.Department, c.Email, c.Phone, c.BuyingRole, c.IsActive, c.InactiveSince,
                Consents = c.Consents.Select(x => new ConsentState(x.Purpose, x.Granted, x.RecordedAt)).ToList(),
            })
            .ToListAsync(cancellationToken);
        var buyingCenter = contacts
            .Select(c => new BuyingCenterMember(
                c.Id, string.IsNullOrWhiteSpace(c.FirstName) ? c.LastName : $"{c.FirstName} {c.LastName}", c.JobTitle, c.Department,
                c.Email, c.Phone, c.BuyingRole, c.IsActive, c.InactiveSince, c.Consents.OrderBy(x => x.Purpose).ToList()))
            .ToList();

        var lines = db.OrderLines.Where(l => l.AccountId == accountId);
        var revenuePerYear = await lines
            .GroupBy(l => l.OrderDate.Year)
            .OrderBy(g => g.Key)
            .Select(g => new YearRevenue(g.Key, g.Sum(l => l.NetAmount)))
            .ToListAsync(cancellationToken);

        var yearAgo = today.AddYears(-1);
        var twoYearsAgo = today.AddYears(-2);
        var revenue12 = await lines.Where(l => l.OrderDate > yearAgo && l.OrderDate <= today).SumAsync(l => l.NetAmount, cancellationToken);
        var revenuePrevious12 = await lines.Where(l => l.OrderDate > twoYearsAgo && l.OrderDate <= yearAgo).SumAsync(l => l.NetAmount, cancellationToken);

        var orders = db.Orders.Where(o => o.AccountId == accountId);
        var ordersTotal = await orders.CountAsync(cancellationToken);
        var orders12 = await orders.CountAsync(o => o.OrderDate > yearAgo && o.OrderDate <= today, cancellationToken);
        var lastOrder = await orders.MaxAsync(o => (DateOnly?)o.OrderDate, cancellationToken);
        var recentOrders = await orders
            .OrderByDescending(o => o.OrderDate)
            .ThenByDescending(o => o.Id)
            .Take(RecentOrderCount)
            .Select(o => new OrderSummary(
                o.Id, o.OrderNo, o.OrderDate, o.Currency,
                db.OrderLines.Count(l => l.OrderId == o.Id),
                db.OrderLines.Where(l => l.OrderId == o.Id).Sum(l => l.NetAmount)))
            .ToListAsync(cancellationToken);

        var timeline = await (
                from i in db.Interactions
                where i.AccountId == accountId
                orderby i.OccurredAt descending, i.Id descending
                join t in db.Touchpoints on i.TouchpointId equals t.Id into tj
                from t in tj.DefaultIfEmpty()
                join p in db.BusinessPhases on i.PhaseId equals p.Id into pj
                from p in pj.DefaultIfEmpty()
                join c in db.Contacts on i.ContactId equals c.Id into cj
                from c in cj.DefaultIfEmpty()
                select new TimelineEntry(
                    i.Id, i.OccurredAt, i.Channel, i.Direction, i.Subject,
                    c == null ? null : (c.FirstName == null ? c.LastName : c.FirstName + " " + c.LastName),
                    t == null ? null : t.NameEn, t == null ? null : t.NameDe,
                    p == null ? null : p.NameEn, p == null ? null : p.NameDe))
            .Take(Math.Clamp(timelineCount, 1, TimelineMax))
            .ToListAsync(cancellationToken);
        var interactionCount = await db.Interactions.CountAsync(i => i.AccountId == accountId, cancellationToken);

        var contracts = await db.Contracts
            .Where(c => c.AccountId == accountId)
            .OrderByDescending(c => c.StartDate)
            .Select(c => new ContractRow(c.Id, c.ContractNo, c.StartDate, c.EndDate, c.NoticeDays, c.AutoRenew, c.AnnualValue, c.TerminatedOn))
            .ToListAsync(cancellationToken);

        var figures = new AccountPageFigures(
            revenue12, revenuePrevious12, orders12, ordersTotal, lastOrder,
            contracts.Count(c => c.StatusOn(today) == ContractStatus.Running && c.StartDate <= today));
        return new AccountPageData(header, figures, buyingCenter, revenuePerYear, recentOrders, timeline, interactionCount, contracts, today);
    }
}
