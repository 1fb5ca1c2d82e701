using Rapport.Core.Import;
using Rapport.Testing;
using static Rapport.Testing.ImportTestSupport;

namespace Rapport.Core.Tests.Import;

/// <summary>
/// The order loader (ADR 0010) writes lines of new orders straight into order_lines in chunks and stages the rest; it
/// must leave exactly what the general path (every row staged) leaves, wherever chunk boundaries fall.
/// </summary>
public sealed class OrderLoadTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Header = "order_id,account_external_id,order_date,net_amount,product_sku,product_category,quantity,currency,margin";

    /// <summary>The general path, the loader with chunk boundaries after (nearly) every row, and the loader as shipped.</summary>
    private static readonly (string Prefix, Func<ImportOptions, ImportOptions> Configure)[] Paths =
    [
        ("ST", o => o with { StageAll = true }),
        ("C1", o => o with { OrderChunkRows = 1 }),
        ("C2", o => o with { OrderChunkRows = 2 }),
        ("C3", o => o with { OrderChunkRows = 3 }),
        ("CD", o => o),
    ];

    public async Task InitializeAsync() => await SeedAccountsAsync(db);

    public Task DisposeAsync() => Task.CompletedTask;

    private static string[] First(string p) =>
    [
        $"{p}-E1,A-1,2025-01-01,10,SKU-1,,1,,", $"{p}-E1,A-1,2025-01-01,11,SKU-2,,1,,",
        $"{p}-E2,A-1,2025-01-02,20,SKU-1,,1,,", $"{p}-E2,A-1,2025-01-02,21,,,,,",
        $"{p}-E3,A-2,2025-01-03,30,SKU-3,,2,USD,",
    ];

    /// <summary>New orders (one apart three times, one longer than a small chunk), unchanged ones (one apart), a changed one.</summary>
    private static string[] Second(string p) =>
    [
        $"{p}-N1,A-1,2025-02-01,1,SKU-1,,1,,", $"{p}-N1,A-1,2025-02-01,2,SKU-2,,1,chf,",
        $"{p}-E1,A-1,2025-01-01,10,SKU-1,,1,,",
        $"{p}-N2,A-2,2025-02-02,-3,SKU-3,,-1,,",
        $"{p}-E1,A-1,2025-01-01,11,SKU-2,,1,,",
        $"{p}-N1,A-1,2025-02-01,4,SKU-4,fittings,1,,",
        $"{p}-E2,A-2,2025-01-05,99,SKU-9,,3,,",
        $"{p}-E3,A-2,2025-01-03,30,SKU-3,,2,USD,",
        .. Enumerable.Range(5, 10).Select(i => $"{p}-N3,G-1,2025-02-03,{i},,,,,"),
        $"{p}-N1,A-1,2025-02-01,5,,,,,",
    ];

    private Task<string> OrdersAsync(string prefix) => ScalarAsync<string>(db, $"""
        SELECT string_agg(format('%s:%s/%s/%s[%s]', substr(o.order_no, 4), a.external_id, o.order_date, o.currency, x.lines), ' ; ' ORDER BY o.order_no)
        FROM orders o JOIN accounts a ON a.id = o.account_id
        CROSS JOIN LATERAL (
            SELECT string_agg(concat_ws('|', l.line_no, l.product_sku, l.net_amount, l.quantity, l.currency, la.external_id, l.order_date), ', ' ORDER BY l.line_no) AS lines
            FROM order_lines l JOIN accounts la ON la.id = l.account_id WHERE l.order_id = o.id) x
        WHERE o.order_no LIKE '{prefix}-%'
        """);

    [Fact]
    public async Task Import_ChunkBoundariesAnywhere_SameOrdersAndCountsAsStagingEveryRow()
    {
        var outcomes = new List<(string Orders, long Inserted, long Updated, long Unchanged)>();
        foreach (var (prefix, configure) in Paths)
        {
            var first = await ImportAsync(db, ImportEntity.Orders, Csv($"{prefix}-1.csv", [Header, .. First(prefix)]), configure);
            Assert.Equal((ImportStatus.Imported, 5L), (first.Status, first.Inserted));
            var second = await ImportAsync(db, ImportEntity.Orders, Csv($"{prefix}-2.csv", [Header, .. Second(prefix)]), configure);
            Assert.Equal((ImportStatus.Imported, prefix == "ST"), (second.Status, second.StagedEveryRow));
            outcomes.Add((await OrdersAsync(prefix), second.Inserted, second.Updated, second.Unchanged));
        }

        var staged = outcomes[0];
        Assert.Equal((15L, 1L, 3L), (staged.Inserted, staged.Updated, staged.Unchanged));
        Assert.Contains("N1:A-1/2025-02-01/CHF[1|SKU-1|1.00|1.000|EUR|A-1|2025-02-01, 2|SKU-2|2.00|1.000|CHF|A-1|2025-02-01, "
            + "3|SKU-4|4.00|1.000|EUR|A-1|2025-02-01, 4|5.00|EUR|A-1|2025-02-01]", staged.Orders, StringComparison.Ordinal);
        Assert.Contains("E2:A-2/2025-01-05/EUR[1|SKU-9|99.00|3.000|EUR|A-2|2025-01-05]", staged.Orders, StringComparison.Ordinal);
        Assert.Contains("10|14.00|EUR|G-1|2025-02-03]", staged.Orders, StringComparison.Ordinal);
        Assert.All(outcomes, o => Assert.Equal(staged, o));
        Assert.Equal("fittings", await ScalarAsync<string>(db, "SELECT category FROM products WHERE sku = 'SKU-4'"));
    }

    [Fact]
    public async Task Import_OrderDisagreeingAcrossChunks_SameErrorsAsStagingAndChangesNothing()
    {
        var errors = new List<string>();
        foreach (var (prefix, configure) in Paths)
        {
            var before = await SnapshotAsync(db);
            var result = await ImportAsync(db, ImportEntity.Orders, Csv($"{prefix}-bad.csv", Header,
                "DA-1,A-1,2025-03-01,1,,,,,", "DA-2,A-1,2025-03-01,1,,,,,", "DA-1,A-2,2025-03-01,1,,,,,"), configure);

            var error = AssertError(result, 4, "order_id", "the lines of order 'DA-1' disagree");
            Assert.True(result.StagedEveryRow);
            Assert.Contains("row 4 has account 'A-2'", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, await SnapshotAsync(db));
            errors.Add(string.Join(" | ", result.Errors));
        }
        Assert.All(errors, e => Assert.Equal(errors[0], e));
    }

    [Fact]
    public async Task Import_SkipInvalidRowsOfNewOrders_RejectsThemAndNumbersTheRest()
    {
        var outcomes = new List<(string Orders, long Inserted, long Rejected, string Rejects)>();
        foreach (var (prefix, configure) in Paths)
        {
            var path = Csv($"{prefix}-skip.csv", Header,
                $"{prefix}-S1,A-1,2025-04-01,1,,,,,", $"{prefix}-S1,A-1,2025-04-01,ten,,,,,", $"{prefix}-S1,A-1,2025-04-01,3,,,,,",
                $"{prefix}-S2,NOPE,2025-04-01,1,,,,,", $"{prefix}-S3,A-2,2025-04-02,4,,,,,");

            var result = await ImportAsync(db, ImportEntity.Orders, path, o => configure(o) with { SkipInvalid = true });
            Assert.Equal(prefix == "ST", result.StagedEveryRow);

            var rejects = File.ReadAllLines(result.RejectsFile!).Select(l => l.Replace(prefix + "-", "", StringComparison.Ordinal));
            outcomes.Add((await OrdersAsync(prefix), result.Inserted, result.Rejected, string.Join('\n', rejects)));
        }

        var staged = outcomes[0];
        Assert.Equal((3L, 2L), (staged.Inserted, staged.Rejected));
        Assert.Contains("S1:A-1/2025-04-01/EUR[1|1.00|EUR|A-1|2025-04-01, 2|3.00|EUR|A-1|2025-04-01]", staged.Orders, StringComparison.Ordinal);
        var rejected = staged.Rejects.Split('\n');
        Assert.Equal(3, rejected.Length);
        Assert.Equal(Header + ",reason", rejected[0]);
        Assert.StartsWith("S1,A-1,2025-04-01,ten,,,,,,\"column 'net_amount': ", rejected[1], StringComparison.Ordinal);
        Assert.Equal("S2,NOPE,2025-04-01,1,,,,,,column 'account_external_id': no account with external_id 'NOPE' in the database", rejected[2]);
        Assert.All(outcomes, o => Assert.Equal(staged, o));
    }

    [Fact]
    public async Task Import_DryRunWithNewAndExistingOrders_CountsLikeTheImportAndChangesNothing()
    {
        await ImportAsync(db, ImportEntity.Orders, Csv("dry-1.csv", [Header, .. First("DRY")]));
        var second = Csv("dry-2.csv", [Header, .. Second("DRY")]);
        var before = await SnapshotAsync(db);

        var dry = await ImportAsync(db, ImportEntity.Orders, second, o => o with { DryRun = true, OrderChunkRows = 2 });

        Assert.Equal((15L, 1L, 3L, false), (dry.Inserted, dry.Updated, dry.Unchanged, dry.StagedEveryRow));
        Assert.Equal(before, await SnapshotAsync(db));
    }
}
