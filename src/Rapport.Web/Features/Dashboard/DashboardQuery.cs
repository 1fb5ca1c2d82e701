using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Web.Features.Dashboard;

public sealed record DashboardFigures(
    int Accounts,
    int KeyAccounts,
    IReadOnlyDictionary<Segment, int> BySegment,
    IReadOnlyList<(LifecyclePhase? Phase, int Count)> ByLifecyclePhase,
    decimal RevenueLast12Months,
    int ContractsEndingWithin90Days,
    DateTimeOffset ComputedAt);

/// <summary>
/// The home page's key figures over the accounts the user may see. The revenue sum reads a year of order lines,
/// which at full scale (docs/scaling.md) takes a moment, so the figures are cached per visibility scope for a few minutes.
/// </summary>
internal sealed class DashboardQuery(IDbContextFactory<RapportDbContext> dbFactory, IMemoryCache cache, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public async Task<DashboardFigures> RunAsync(Caller user, CancellationToken cancellationToken = default)
    {
        var key = user.SeesOwnAccountsOnly ? $"rapport.dashboard.user.{user.Id}" : "rapport.dashboard.all";
        if (cache.TryGetValue(key, out DashboardFigures? cached) && cached is not null)
        {
            return cached;
        }
        var figures = await ComputeAsync(user, cancellationToken);
        cache.Set(key, figures, CacheFor);
        return figures;
    }

    private async Task<DashboardFigures> ComputeAsync(Caller user, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetLocalNow();
        var today = DateOnly.FromDateTime(now.DateTime);
        var accounts = db.VisibleAccounts(user);

        var bySegment = await accounts.GroupBy(a => a.Segment)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var byPhase = await accounts.GroupBy(a => a.LifecyclePhase)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var keyAccounts = await accounts.CountAsync(a => a.KeyAccount, cancellationToken);

        var yearAgo = today.AddYears(-1);
        var lines = db.OrderLines.Where(l => l.OrderDate > yearAgo && l.OrderDate <= today);
        if (user.SeesOwnAccountsOnly)
        {
            var ids = accounts.Select(a => a.Id);
            lines = lines.Where(l => ids.Contains(l.AccountId));
        }
        var revenue = await lines.SumAsync(l => l.NetAmount, cancellationToken);

        var in90Days = today.AddDays(90);
        var contracts = db.Contracts.Where(c => c.TerminatedOn == null && c.EndDate != null && c.EndDate >= today && c.EndDate <= in90Days);
        if (user.SeesOwnAccountsOnly)
        {
            var ids = accounts.Select(a => a.Id);
            contracts = contracts.Where(c => ids.Contains(c.AccountId));
        }
        var ending = await contracts.CountAsync(cancellationToken);

        var phases = byPhase
            .OrderBy(x => x.Key is null ? int.MaxValue : (int)x.Key)
            .Select(x => (x.Key, x.Count))
            .ToList();
        return new DashboardFigures(bySegment.Values.Sum(), keyAccounts, bySegment, phases, revenue, ending, now);
    }
}
