using Rapport.Core.Common;
using Rapport.Core.Data;

namespace Rapport.Core.Retention;

/// <summary>What the KPI dashboard shows for a period.</summary>
/// <param name="Period">The KPIs of the chosen period with the breakdowns by segment, business type and acquisition channel, and acquisition by channel.</param>
/// <param name="Trend">The same KPIs (without breakdowns) for consecutive periods ending where the chosen period ends, oldest first.</param>
/// <param name="TrendUnit">Length of the trend periods.</param>
/// <param name="Clv">The CLV distribution of the scope; null while account scores are not available.</param>
public sealed record KpiDashboardData(KpiPeriodResult Period, IReadOnlyList<KpiPeriodResult> Trend, TrendUnit TrendUnit, ClvDistribution? Clv);

/// <summary>
/// Everything the KPI dashboard (<c>/retention/kpis</c>) needs, in two queries: the period and its trend in one pass over
/// the accounts (<see cref="RetentionKpiQuery"/>), and the CLV distribution when account scores exist.
/// </summary>
public sealed class KpiDashboard(RapportDbContext db)
{
    public static IReadOnlyList<KpiGrouping> Groupings { get; } = [KpiGrouping.Segment, KpiGrouping.BusinessType, KpiGrouping.AcquisitionChannel];

    public async Task<Result<KpiDashboardData>> LoadAsync(
        KpiPeriod period, int activeWindowDays, KpiScope scope, TrendUnit trendUnit, int? trendLength = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        if (RetentionKpiQuery.Validate(period.From, period.To, activeWindowDays) is { } error)
        {
            return error;
        }
        var trend = KpiPeriods.Trend(period.To, trendUnit, trendLength ?? KpiPeriods.DefaultTrendLength(trendUnit));
        // The chosen period is computed with its breakdowns; trend periods equal to it reuse its totals.
        var query = new RetentionKpiQuery(db);
        var periods = new List<KpiPeriod> { period };
        periods.AddRange(trend.Where(p => p != period));
        var result = await query.ComputeAsync(new KpiRequest(periods, activeWindowDays, scope, Groupings, Acquisition: true, DetailedPeriods: 1), ct);
        if (result.Error is { } failed)
        {
            return failed;
        }
        var computed = result.Value!;
        var byPeriod = computed.ToDictionary(r => r.Period);
        var trendResults = trend.Select(p => byPeriod[p] is var r && p == period
            ? r with { Groups = [], Acquisition = [] }
            : r).ToList();
        var clv = await AccountScores.DistributionAsync(db, scope, ct);
        return Result<KpiDashboardData>.Ok(new KpiDashboardData(computed[0], trendResults, trendUnit, clv));
    }
}
