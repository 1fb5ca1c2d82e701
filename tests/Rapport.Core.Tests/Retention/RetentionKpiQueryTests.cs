using System.Globalization;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Retention;
using Rapport.Testing;

namespace Rapport.Core.Tests.Retention;

/// <summary>The KPIs from the per-account facts against the line accumulator, on the demo company (150 accounts).</summary>
public sealed class RetentionKpiQueryTests(DemoDatabase db) : IClassFixture<DemoDatabase>
{
    private RapportDbContext Context() => new(DataServiceCollectionExtensions.CreateOptions(db.DataSource));

    public static TheoryData<string, string, int> Periods => new()
    {
        { "2025-04-01", "2025-07-01", 365 },   // the last quarter of the demo history
        { "2024-07-01", "2025-07-01", 365 },   // the last 12 months
        { "2024-01-01", "2024-04-01", 90 },
        { "2022-03-15", "2022-03-16", 1 },     // one day, a one-day window
        { "2025-06-01", "2025-09-01", 30 },    // reaching past the as-of date
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task ComputeAsync_DemoCompany_EqualsAccumulatorOnAllLinesAndContracts(string from, string to, int window)
    {
        var period = new KpiPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));
        await using var context = Context();

        var result = await new RetentionKpiQuery(context).ComputeAsync(
            new KpiRequest([period], window, KpiScope.All, [KpiGrouping.Segment, KpiGrouping.BusinessType]));
        var (all, bySegment) = await KpiReference.ComputeAsync(db.DataSource, period, window);

        Assert.True(result.Succeeded, result.Error?.Message);
        var computed = Assert.Single(result.Value!);
        Assert.Equal(all, computed.Kpis);
        Assert.True(all.CustomersAtStart + all.BuyingCustomers > 0);
        var segments = computed.Groups.Where(g => g.Grouping == KpiGrouping.Segment).ToDictionary(g => g.Key, g => g.Kpis);
        // A group whose accounts play no part in the period is left out; the reference has it with zero figures.
        var none = new Rapport.Analytics.Retention.RetentionKpiTally().Result();
        Assert.Subset(bySegment.Keys.ToHashSet(), segments.Keys.ToHashSet());
        foreach (var (segment, kpis) in bySegment)
        {
            Assert.Equal(kpis, segments.GetValueOrDefault(segment, none));
        }
        var businessTypes = computed.Groups.Where(g => g.Grouping == KpiGrouping.BusinessType).ToList();
        Assert.Equal(all.Revenue, businessTypes.Sum(g => g.Kpis.Revenue));
        Assert.Equal(all.CustomersAtStart, businessTypes.Sum(g => g.Kpis.CustomersAtStart));
    }

    [Fact]
    public async Task ComputeAsync_ManyPeriodsAtOnce_EachAsComputedAlone()
    {
        var trend = KpiPeriods.Trend(new DateOnly(2025, 7, 1), TrendUnit.Quarter, 8);
        await using var context = Context();
        var query = new RetentionKpiQuery(context);

        var together = (await query.ComputeAsync(new KpiRequest(trend, 365, KpiScope.All, []))).Value!;

        Assert.Equal(8, together.Count);
        Assert.Equal(new DateOnly(2023, 7, 1), together[0].Period.From);
        Assert.Equal(new DateOnly(2025, 7, 1), together[^1].Period.To);
        foreach (var (period, i) in trend.Select((p, i) => (p, i)))
        {
            var alone = Assert.Single((await query.ComputeAsync(new KpiRequest([period], 365, KpiScope.All, []))).Value!);
            Assert.Equal(alone.Kpis, together[i].Kpis);
        }
    }

    [Fact]
    public async Task ComputeAsync_AccountManagerAndFilters_OnlyTheirAccountsCount()
    {
        var period = new KpiPeriod(new DateOnly(2024, 7, 1), new DateOnly(2025, 7, 1));
        await using var context = Context();
        var manager = context.Users.First(u => u.Role == Rapport.Core.Identity.UserRole.AccountManager && context.Accounts.Any(a => a.OwnerUserId == u.Id));
        var scope = await KpiScope.ForUserAsync(context, manager.Id, manager.Role, businessType: BusinessType.Product);
        var query = new RetentionKpiQuery(context);

        var scoped = Assert.Single((await query.ComputeAsync(new KpiRequest([period], 365, scope, []))).Value!);
        var everything = Assert.Single((await query.ComputeAsync(new KpiRequest([period], 365, KpiScope.All, []))).Value!);
        var (expected, _) = await KpiReference.ComputeAsync(db.DataSource, period, 365, scope);

        Assert.NotNull(scope.AccountIds);
        Assert.Equal(expected, scoped.Kpis);
        Assert.True(scoped.Kpis.CustomersAtStart < everything.Kpis.CustomersAtStart);
    }

    [Fact]
    public async Task ComputeAsync_Acquisition_NewCustomersByChannelAddUpWithCosts()
    {
        var period = new KpiPeriod(new DateOnly(2024, 7, 1), new DateOnly(2025, 7, 1));
        await using var context = Context();

        var result = Assert.Single((await new RetentionKpiQuery(context).ComputeAsync(
            new KpiRequest([period], 365, KpiScope.All, [KpiGrouping.AcquisitionChannel], Acquisition: true))).Value!);

        var total = Assert.Single(result.Acquisition, a => a.Channel == "total");
        Assert.Equal(result.Kpis.NewCustomers, total.NewCustomers);
        Assert.True(total.NewCustomers > 0);
        Assert.Equal(total.NewCustomers, result.Acquisition.Where(a => a.Channel != "total").Sum(a => a.NewCustomers));
        Assert.Equal(total.Cost, result.Acquisition.Where(a => a.Channel != "total").Sum(a => a.Cost));
        Assert.True(total.Cost > 0);
        Assert.Equal(total.Cost / total.NewCustomers, total.CostPerNewCustomer);
        Assert.All(result.Acquisition, a => Assert.Null(a.MeanClv));   // no account scores in this schema
        var newByChannel = result.Groups.Where(g => g.Grouping == KpiGrouping.AcquisitionChannel).ToDictionary(g => g.Key, g => g.Kpis.NewCustomers);
        Assert.All(result.Acquisition.Where(a => a.Channel != "total" && a.NewCustomers > 0), a => Assert.Equal(newByChannel[a.Channel], a.NewCustomers));
    }

    [Fact]
    public void Validate_BadInput_NamesTheField()
    {
        Assert.Equal("to", RetentionKpiQuery.Validate(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 1), 365)!.Field);
        Assert.Equal("activeWindowDays", RetentionKpiQuery.Validate(new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1), 0)!.Field);
        Assert.Equal("from", RetentionKpiQuery.Validate(new DateOnly(1, 1, 5), new DateOnly(2025, 2, 1), 365)!.Field);
        Assert.Null(RetentionKpiQuery.Validate(new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1), 365));
    }

    [Fact]
    public async Task DistributionAsync_NotScoredYet_NoAccounts()
    {
        await using var context = Context();

        var distribution = await AccountScores.DistributionAsync(context, KpiScope.All);

        Assert.NotNull(distribution);
        Assert.Equal(0, distribution.Accounts);
        Assert.Empty(distribution.Bins);
    }

    [Fact]
    public void Trend_QuarterAndYear_ConsecutivePeriodsEndingAtTo()
    {
        var years = KpiPeriods.Trend(new DateOnly(2025, 1, 1), TrendUnit.Year, 5);

        Assert.Equal(new KpiPeriod(new DateOnly(2020, 1, 1), new DateOnly(2021, 1, 1)), years[0]);
        Assert.Equal(new KpiPeriod(new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1)), years[^1]);
        Assert.Equal(new KpiPeriod(new DateOnly(2025, 4, 1), new DateOnly(2025, 7, 1)), KpiPeriods.LastCompleteQuarter(new DateOnly(2025, 9, 30)));
        Assert.Equal(new KpiPeriod(new DateOnly(2024, 10, 1), new DateOnly(2025, 1, 1)), KpiPeriods.LastCompleteQuarter(new DateOnly(2025, 1, 1)));
    }
}
