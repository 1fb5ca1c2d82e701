using Rapport.Core.Data;
using Rapport.Core.Retention;
using Rapport.Testing;

namespace Rapport.Core.Tests.Retention;

/// <summary>The CLV parts once the scoring job's account scores exist (written here directly, CLV = 100 × account id).</summary>
public sealed class KpiClvTests(DemoDatabase db) : IClassFixture<DemoDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var cmd = db.DataSource.CreateCommand("""
            INSERT INTO account_scores (account_id, scored_on, transactions, revenue_last_12m, revenue_prior_12m, clv)
            SELECT a.id, $1, 1, 0, 0, 100 * a.id FROM accounts a
            WHERE EXISTS (SELECT 1 FROM orders o WHERE o.account_id = a.id)
            ON CONFLICT (account_id) DO NOTHING
            """);
        cmd.Parameters.AddWithValue(DemoDatabase.AsOf);
        await cmd.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private RapportDbContext Context() => new(DataServiceCollectionExtensions.CreateOptions(db.DataSource));

    [Fact]
    public async Task DistributionAsync_Scored_QuantilesBinsAndClvToCac()
    {
        await using var context = Context();
        var customers = context.Accounts.Where(a => context.Orders.Any(o => o.AccountId == a.Id)).Select(a => new { a.Id, a.AcquisitionCost }).ToList();

        var d = (await AccountScores.DistributionAsync(context, KpiScope.All))!;

        var clvs = customers.Select(c => 100.0 * c.Id).Order().ToList();
        Assert.Equal(customers.Count, d.Accounts);
        Assert.Equal(clvs.Sum(), d.Total, 6);
        Assert.Equal(clvs.Average(), d.Mean, 6);
        Assert.InRange(d.Median, clvs[(clvs.Count - 1) / 2], clvs[clvs.Count / 2]);
        Assert.True(d.P10 < d.Median && d.Median < d.P90);
        Assert.Equal(customers.Count, d.Bins.Sum(b => b.Accounts));
        var withCost = customers.Where(c => c.AcquisitionCost is not null).ToList();
        Assert.Equal(withCost.Sum(c => 100.0 * c.Id) / withCost.Sum(c => (double)c.AcquisitionCost!.Value), d.ClvToCac!.Value, 9);
        Assert.NotEmpty(d.BySegment);
    }

    [Fact]
    public async Task ComputeAsync_Scored_MeanClvAndClvToCacPerChannel()
    {
        var period = new KpiPeriod(new DateOnly(2024, 7, 1), new DateOnly(2025, 7, 1));
        await using var context = Context();

        var result = Assert.Single((await new RetentionKpiQuery(context).ComputeAsync(
            new KpiRequest([period], 365, KpiScope.All, [], Acquisition: true))).Value!);

        var total = result.Acquisition.Single(a => a.Channel == "total");
        Assert.True(total.NewCustomers > 0);
        Assert.NotNull(total.MeanClv);
        Assert.Equal(total.MeanClv!.Value / (double)total.CostPerNewCustomer!.Value, total.ClvToCac!.Value, 9);
        Assert.All(result.Acquisition.Where(a => a.NewCustomers > 0), a => Assert.NotNull(a.MeanClv));
    }

    [Fact]
    public async Task LookAlikesAsync_Scored_ValueIsTheClv()
    {
        await using var context = Context();

        var ranking = await new LeadScoring(context).LookAlikesAsync(DemoDatabase.AsOf, null);

        Assert.Equal("clv", ranking.ValueBasis);
        Assert.NotEmpty(ranking.Prospects);
        Assert.All(ranking.Prospects, p => Assert.True(p.ExpectedValue >= 100));
    }
}
