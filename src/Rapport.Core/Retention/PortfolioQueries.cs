using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Retention;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using DomainPhase = Rapport.Core.Accounts.LifecyclePhase;

namespace Rapport.Core.Retention;

/// <summary>An account on the risk list (init properties, so that queries can still be ordered after the projection).</summary>
public sealed record RiskItem
{
    public long AccountId { get; init; }
    public required string ExternalId { get; init; }
    public required string Name { get; init; }
    public DomainPhase? LifecyclePhase { get; init; }
    public DateOnly? LifecyclePhaseSince { get; init; }
    public bool KeyAccount { get; init; }
    public string? OwnerEmail { get; init; }
    public double? PAlive { get; init; }
    public decimal? Clv { get; init; }
    public double? RiskShare { get; init; }
    public decimal? ClvAtRisk { get; init; }
    public decimal RevenueLast12m { get; init; }
    public DateOnly? LastTransactionOn { get; init; }
    public int OpenSignals { get; init; }
    public int HighSignals { get; init; }
}

/// <summary>Sort orders of the risk list.</summary>
public enum RiskSort
{
    /// <summary>CLV × risk share, largest first (default).</summary>
    ClvAtRisk,
    Clv,
    /// <summary>Lowest P(alive) first.</summary>
    PAlive,
    Revenue,
    Signals,
    Name,
}

/// <summary>One lifecycle phase on the portfolio board.</summary>
/// <param name="MedianDaysInPhase">Median days since the accounts entered the phase (null without accounts).</param>
public sealed record PortfolioPhase(DomainPhase Phase, int Accounts, decimal RevenueLast12m, decimal Clv, double? MedianDaysInPhase);

/// <summary>Changes from one phase to another in the period.</summary>
public sealed record PhaseFlow(DomainPhase From, DomainPhase To, int Accounts);

/// <summary>The portfolio board (docs/retention.md#lifecycle-phases): accounts by phase and the flows between phases over the last 12 months.</summary>
public sealed record Portfolio(DateOnly AsOf, DateOnly FlowsFrom, int TotalAccounts, int UnscoredAccounts, DateOnly? LastScoredOn,
    IReadOnlyList<PortfolioPhase> Phases, IReadOnlyList<PhaseFlow> Flows);

/// <summary>The risk list and the portfolio board over the accounts a user may see.</summary>
public static class PortfolioQueries
{
    /// <summary>
    /// Scored accounts with a CLV, filtered by phase; "CLV at risk" = CLV × risk share (docs/retention.md).
    /// </summary>
    public static IQueryable<RiskItem> Risks(RapportDbContext db, IQueryable<Account> visible, DomainPhase? phase)
    {
        ArgumentNullException.ThrowIfNull(db);
        var accounts = phase is { } p ? visible.Where(a => a.LifecyclePhase == p) : visible;
        return from a in accounts
               join s in db.AccountScores on a.Id equals s.AccountId
               where s.ClvAtRisk != null
               select new RiskItem
               {
                   AccountId = a.Id,
                   ExternalId = a.ExternalId,
                   Name = a.Name,
                   LifecyclePhase = a.LifecyclePhase,
                   LifecyclePhaseSince = a.LifecyclePhaseSince,
                   KeyAccount = a.KeyAccount,
                   OwnerEmail = a.Owner == null ? null : a.Owner.Email,
                   PAlive = s.PAlive,
                   Clv = s.Clv,
                   RiskShare = s.RiskShare,
                   ClvAtRisk = s.ClvAtRisk,
                   RevenueLast12m = s.RevenueLast12m,
                   LastTransactionOn = s.LastTransactionOn,
                   OpenSignals = db.Signals.Count(g => g.AccountId == a.Id && g.ResolvedOn == null),
                   HighSignals = db.Signals.Count(g => g.AccountId == a.Id && g.ResolvedOn == null && g.Severity == SignalSeverity.High),
               };
    }

    public static IOrderedQueryable<RiskItem> Order(IQueryable<RiskItem> items, RiskSort sort, bool descending) => (sort, descending) switch
    {
        (RiskSort.Clv, true) => items.OrderByDescending(r => r.Clv).ThenBy(r => r.AccountId),
        (RiskSort.Clv, false) => items.OrderBy(r => r.Clv).ThenBy(r => r.AccountId),
        (RiskSort.PAlive, true) => items.OrderByDescending(r => r.PAlive).ThenBy(r => r.AccountId),
        (RiskSort.PAlive, false) => items.OrderBy(r => r.PAlive).ThenBy(r => r.AccountId),
        (RiskSort.Revenue, true) => items.OrderByDescending(r => r.RevenueLast12m).ThenBy(r => r.AccountId),
        (RiskSort.Revenue, false) => items.OrderBy(r => r.RevenueLast12m).ThenBy(r => r.AccountId),
        (RiskSort.Signals, true) => items.OrderByDescending(r => r.HighSignals).ThenByDescending(r => r.OpenSignals).ThenBy(r => r.AccountId),
        (RiskSort.Signals, false) => items.OrderBy(r => r.HighSignals).ThenBy(r => r.OpenSignals).ThenBy(r => r.AccountId),
        (RiskSort.Name, true) => items.OrderByDescending(r => r.Name).ThenBy(r => r.AccountId),
        (RiskSort.Name, false) => items.OrderBy(r => r.Name).ThenBy(r => r.AccountId),
        (_, false) => items.OrderBy(r => r.ClvAtRisk).ThenBy(r => r.AccountId),
        _ => items.OrderByDescending(r => r.ClvAtRisk).ThenBy(r => r.AccountId),
    };

    /// <summary>The portfolio of the <paramref name="visible"/> accounts as of <paramref name="asOf"/>.</summary>
    public static async Task<Portfolio> ReadAsync(RapportDbContext db, IQueryable<Account> visible, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await (from a in visible
                          join s in db.AccountScores on a.Id equals s.AccountId into scores
                          from s in scores.DefaultIfEmpty()
                          select new
                          {
                              a.LifecyclePhase,
                              a.LifecyclePhaseSince,
                              Revenue = s == null ? 0m : s.RevenueLast12m,
                              Clv = s == null ? null : s.Clv,
                              ScoredOn = s == null ? (DateOnly?)null : s.ScoredOn,
                          }).ToListAsync(ct);
        var phases = Enum.GetValues<DomainPhase>().Select(phase =>
        {
            var inPhase = rows.Where(r => r.LifecyclePhase == phase).ToList();
            var days = inPhase.Where(r => r.LifecyclePhaseSince is not null)
                .Select(r => (double)Math.Max(0, asOf.DayNumber - r.LifecyclePhaseSince!.Value.DayNumber)).Order().ToList();
            return new PortfolioPhase(phase, inPhase.Count, inPhase.Sum(r => r.Revenue), inPhase.Sum(r => r.Clv ?? 0), Median(days));
        }).ToList();

        var from = asOf.AddDays(-365);
        var visibleIds = visible.Select(a => a.Id);
        var flows = await db.LifecyclePhaseHistory
            .Where(h => h.PreviousPhase != null && h.ChangedOn > from && h.ChangedOn <= asOf && visibleIds.Contains(h.AccountId))
            .GroupBy(h => new { From = h.PreviousPhase!.Value, To = h.Phase })
            .Select(g => new PhaseFlow(g.Key.From, g.Key.To, g.Count()))
            .ToListAsync(ct);
        return new Portfolio(asOf, from.AddDays(1), rows.Count, rows.Count(r => r.LifecyclePhase is null), rows.Max(r => r.ScoredOn),
            phases, [.. flows.OrderBy(f => f.From).ThenBy(f => f.To)]);
    }

    private static double? Median(List<double> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
