using Npgsql;
using Rapport.Analytics.Retention;
using Rapport.Core.Data;
using Rapport.Core.Retention;
using Rapport.Testing;

namespace Rapport.Core.Tests.Retention;

/// <summary>The per-account facts of migration 0014 follow every change of order_lines (insert, update, delete, truncate).</summary>
public sealed class KpiFactsMaintenanceTests : IAsyncLifetime
{
    private static readonly KpiPeriod Period = new(new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 1));
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<long> AccountAsync(string externalId)
    {
        await using var cmd = db.DataSource.CreateCommand("INSERT INTO accounts (external_id, name) VALUES ($1, $1) RETURNING id");
        cmd.Parameters.AddWithValue(externalId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task OrderAsync(long account, string orderNo, string date, params (decimal Amount, string? Category)[] lines)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            WITH o AS (INSERT INTO orders (order_no, account_id, order_date) VALUES ($1, $2, $3::date) RETURNING id)
            INSERT INTO order_lines (order_id, account_id, order_date, line_no, net_amount, product_category)
            SELECT o.id, $2, $3::date, l.n, l.amount, l.category FROM o, unnest($4::numeric[], $5::text[]) WITH ORDINALITY AS l(amount, category, n)
            """);
        cmd.Parameters.AddWithValue(orderNo);
        cmd.Parameters.AddWithValue(account);
        cmd.Parameters.AddWithValue(date);
        cmd.Parameters.AddWithValue(lines.Select(l => l.Amount).ToArray());
        cmd.Parameters.AddWithValue(lines.Select(l => l.Category).ToArray());
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<RetentionKpis> ComputeAsync(int window = 60)
    {
        await using var context = new RapportDbContext(DataServiceCollectionExtensions.CreateOptions(db.DataSource));
        var result = await new RetentionKpiQuery(context).ComputeAsync(new KpiRequest([Period], window, KpiScope.All, []));
        return Assert.Single(result.Value!).Kpis;
    }

    private async Task AssertMatchesLinesAsync(int window = 60)
    {
        var (expected, _) = await KpiReference.ComputeAsync(db.DataSource, Period, window);
        Assert.Equal(expected, await ComputeAsync(window));
    }

    [Fact]
    public async Task Facts_InsertUpdateDeleteTruncate_FollowTheLines()
    {
        var a = await AccountAsync("A");
        var b = await AccountAsync("B");
        await OrderAsync(a, "A1", "2023-12-20", (100m, "x"), (-30m, "x"));
        await OrderAsync(a, "A2", "2024-02-01", (50m, "y"));
        await OrderAsync(b, "B1", "2024-03-10", (70m, " z "));
        await AssertMatchesLinesAsync();
        Assert.Equal(2, (await ComputeAsync()).BuyingCustomers);

        await ExecuteAsync("UPDATE order_lines SET net_amount = -50 WHERE net_amount = 50");       // A's period purchase becomes a return
        await AssertMatchesLinesAsync();
        Assert.Equal(1, (await ComputeAsync()).BuyingCustomers);

        await ExecuteAsync("DELETE FROM orders WHERE order_no = 'B1'");                            // cascades to the lines
        await AssertMatchesLinesAsync();
        Assert.Equal(0, (await ComputeAsync()).BuyingCustomers);

        await ExecuteAsync("TRUNCATE order_lines");
        Assert.Equal(0m, (await ComputeAsync()).Revenue);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM kpi_account_facts"));
    }

    [Fact]
    public async Task Facts_FarApartDaysAndHugeAmounts_EncodedExactly()
    {
        var a = await AccountAsync("FAR");
        await OrderAsync(a, "F1", "1950-06-01", (10m, "old"));                       // 26,000+ days before the next
        await OrderAsync(a, "F2", "2023-12-31", (99_999_999_999_999.99m, "x"));      // beyond int cents
        await OrderAsync(a, "F3", "2024-01-15", (-25_000_000.01m, null), (3m, "new"));
        await OrderAsync(a, "F4", "2024-03-31", (21_474_836.48m, "x"));             // exactly 2^31 cents

        await AssertMatchesLinesAsync(window: 30);
        var k = await ComputeAsync(window: 30);
        Assert.Equal(-25_000_000.01m + 3m + 21_474_836.48m, k.Revenue);
        Assert.Equal(1, k.CrossSellCustomers);
    }

    [Fact]
    public async Task Facts_Contracts_CountWithoutLines()
    {
        var a = await AccountAsync("C");
        var c = await AccountAsync("D");
        await ExecuteAsync($"INSERT INTO contracts (contract_no, account_id, start_date, end_date) VALUES ('K1', {a}, '2023-01-01', NULL)");
        await ExecuteAsync($"INSERT INTO contracts (contract_no, account_id, start_date, end_date, terminated_on) VALUES ('K2', {c}, '2023-01-01', '2026-01-01', '2024-02-01')");

        await AssertMatchesLinesAsync();
        var k = await ComputeAsync();
        Assert.Equal(2, k.CustomersAtStart);
        Assert.Equal(1, k.RetainedCustomers);   // D's contract was terminated during the period
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
