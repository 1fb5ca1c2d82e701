using System.Text;
using Rapport.Core.Import;
using Rapport.Testing;
using static Rapport.Testing.ImportTestSupport;

namespace Rapport.Core.Tests.Import;

public sealed class OrderImportTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Header = "order_id,account_external_id,order_date,net_amount,product_sku,product_category,quantity,currency,margin";

    public async Task InitializeAsync() => await SeedAccountsAsync(db);

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Lines(string orderNo) => $"""
        SELECT string_agg(concat_ws('|', l.line_no, l.product_sku, l.net_amount, l.quantity, l.currency, a.external_id, l.order_date), ';' ORDER BY l.line_no)
        FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN accounts a ON a.id = l.account_id WHERE o.order_no = '{orderNo}'
        """;

    [Fact]
    public async Task Import_LinesOfOrders_CreatesOrdersLinesAndProducts()
    {
        var result = await ImportAsync(db, ImportEntity.Orders, Csv("orders.csv", Header,
            "N-1,A-1,2025-01-10,100.00,SKU-1,pumps,2,EUR,20",
            "N-1,A-1,2025-01-10,-50.5,SKU-2,valves,-1,,",
            "N-2,A-2,2024-03-01,70,SKU-1,,1,usd,"));

        Assert.Equal((3L, 3L), (result.RowsRead, result.Inserted));
        Assert.Equal("1|SKU-1|100.00|2.000|EUR|A-1|2025-01-10;2|SKU-2|-50.50|-1.000|EUR|A-1|2025-01-10", await ScalarAsync<string>(db, Lines("N-1")));
        Assert.Equal("USD", await ScalarAsync<string>(db, "SELECT currency FROM orders WHERE order_no = 'N-2'"));
        Assert.Equal("valves", await ScalarAsync<string>(db, "SELECT category FROM products WHERE sku = 'SKU-2'"));
    }

    [Fact]
    public async Task Import_SameFileTwice_SameLines()
    {
        var path = Csv("twice.csv", Header, "TW-1,A-1,2025-02-01,10,SKU-9,,1,,", "TW-1,A-1,2025-02-01,20,SKU-8,,1,,", "TW-2,A-2,2025-02-02,5,,,,,");
        await ImportAsync(db, ImportEntity.Orders, path);
        var before = await SnapshotAsync(db, includeAudit: false);

        var again = await ImportAsync(db, ImportEntity.Orders, path);

        Assert.Equal((0L, 0L, 3L), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal(before, await SnapshotAsync(db, includeAudit: false));
    }

    [Fact]
    public async Task Import_ChangedOrder_ReplacesItsLines()
    {
        await ImportAsync(db, ImportEntity.Orders, Csv("v1.csv", Header,
            "RP-1,A-1,2025-03-01,10,SKU-1,,1,,", "RP-1,A-1,2025-03-01,20,SKU-2,,1,,", "RP-1,A-1,2025-03-01,30,SKU-3,,1,,", "RP-2,A-1,2025-03-02,1,,,,,"));

        var result = await ImportAsync(db, ImportEntity.Orders, Csv("v2.csv", Header,
            "RP-1,A-2,2025-03-05,99,SKU-7,,3,,", "RP-2,A-1,2025-03-02,1,,,,,"));

        Assert.Equal((0L, 1L, 1L), (result.Inserted, result.Updated, result.Unchanged));
        Assert.Equal("1|SKU-7|99.00|3.000|EUR|A-2|2025-03-05", await ScalarAsync<string>(db, Lines("RP-1")));
        Assert.Equal("A-2", await ScalarAsync<string>(db,
            "SELECT a.external_id FROM orders o JOIN accounts a ON a.id = o.account_id WHERE o.order_no = 'RP-1'"));
    }

    [Fact]
    public async Task Import_ExistingOrdersComparedLineByLine_OnlyEqualOnesUnchanged()
    {
        await ImportAsync(db, ImportEntity.Orders, Csv("cmp-1.csv", Header,
            "CM-GAP,A-1,2025-05-01,1,SKU-1,,1,,", "CM-GAP,A-1,2025-05-01,2,SKU-2,,1,,", "CM-GAP,A-1,2025-05-01,3,SKU-3,,1,,",
            "CM-MORE,A-1,2025-05-02,1,SKU-1,,1,,", "CM-MORE,A-1,2025-05-02,2,SKU-2,,1,,",
            "CM-SWAP,A-1,2025-05-03,1,SKU-1,,1,,", "CM-SWAP,A-1,2025-05-03,2,SKU-2,,1,,",
            "CM-NULL,A-2,2025-05-04,1,SKU-1,,1,,"));
        // Another writer removed a line: the stored numbers have a gap, which pairing by place in the order ignores.
        await ExecuteAsync(db, "DELETE FROM order_lines l USING orders o WHERE o.id = l.order_id AND o.order_no = 'CM-GAP' AND l.line_no = 2");

        var result = await ImportAsync(db, ImportEntity.Orders, Csv("cmp-2.csv", Header,
            "CM-GAP,A-1,2025-05-01,1,SKU-1,,1,,", "CM-GAP,A-1,2025-05-01,3,SKU-3,,1,,",
            "CM-MORE,A-1,2025-05-02,1,SKU-1,,1,,",
            "CM-SWAP,A-1,2025-05-03,2,SKU-2,,1,,", "CM-SWAP,A-1,2025-05-03,1,SKU-1,,1,,",
            "CM-NULL,A-2,2025-05-04,1,SKU-1,,,,"));

        Assert.Equal((0L, 4L, 2L), (result.Inserted, result.Updated, result.Unchanged));
        Assert.Equal("1|SKU-1|1.00|1.000|EUR|A-1|2025-05-01;3|SKU-3|3.00|1.000|EUR|A-1|2025-05-01", await ScalarAsync<string>(db, Lines("CM-GAP")));
        Assert.Equal("1|SKU-1|1.00|1.000|EUR|A-1|2025-05-02", await ScalarAsync<string>(db, Lines("CM-MORE")));
        Assert.Equal("1|SKU-2|2.00|1.000|EUR|A-1|2025-05-03;2|SKU-1|1.00|1.000|EUR|A-1|2025-05-03", await ScalarAsync<string>(db, Lines("CM-SWAP")));
        Assert.Equal("1|SKU-1|1.00|EUR|A-2|2025-05-04", await ScalarAsync<string>(db, Lines("CM-NULL")));
    }

    [Fact]
    public async Task Import_LinesOfOneOrderApart_NumberedInFileOrder()
    {
        await ImportAsync(db, ImportEntity.Orders, Csv("apart.csv", Header,
            "AP-1,A-1,2025-04-01,1,SKU-1,,,,", "AP-2,A-1,2025-04-01,2,,,,,", "AP-1,A-1,2025-04-01,3,SKU-3,,,,"));
        Assert.Equal("1|SKU-1|1.00|EUR|A-1|2025-04-01;2|SKU-3|3.00|EUR|A-1|2025-04-01", await ScalarAsync<string>(db, Lines("AP-1")));
    }

    [Fact]
    public async Task Import_UnknownAccount_InvalidNamesMissingIdAndChangesNothing()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Orders, Csv("unknown.csv", Header, "UA-1,A-1,2025-01-01,1,,,,,", "UA-2,NOPE-9,2025-01-01,1,,,,,"));
        AssertError(result, 3, "account_external_id", "no account with external_id 'NOPE-9'");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_LinesDisagreeOnAccount_InvalidNamesBothRows()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Orders, Csv("conflict.csv", Header, "CF-1,A-1,2025-01-01,1,,,,,", "CF-1,A-2,2025-01-01,1,,,,,"));
        var error = AssertError(result, 2, "order_id", "the lines of order 'CF-1' disagree");
        Assert.Contains("row 2 has account 'A-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 3 has account 'A-2'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_BadValues_InvalidEachNamed()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Orders, Csv("bad.csv", Header,
            ",A-1,2025-01-01,1,,,,,", "BV-2,A-1,2025-13-01,1,,,,,", "BV-3,A-1,2025-01-01,ten,,,,,", "BV-4,A-1,2025-01-01,1,,,1,EURO,"));
        AssertError(result, 2, "order_id", "a value is required");
        AssertError(result, 3, "order_date", "is not a date");
        AssertError(result, 4, "net_amount", "'ten' is not a number");
        AssertError(result, 5, "currency", "is not a currency code");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_SkipInvalid_KeepsGoodOrdersAndRejectsDisagreeingOnes()
    {
        var path = Csv("skip.csv", Header,
            "SK-1,A-1,2025-05-01,1,,,,,", "SK-2,A-1,2025-05-01,1,,,,,", "SK-2,A-2,2025-05-01,1,,,,,", "SK-3,NOPE,2025-05-01,1,,,,,");

        var result = await ImportAsync(db, ImportEntity.Orders, path, o => o with { SkipInvalid = true });

        Assert.Equal((1L, 3L), (result.Inserted, result.Rejected));
        Assert.Equal(4, File.ReadAllLines(result.RejectsFile!).Length);
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM orders WHERE order_no IN ('SK-2', 'SK-3')"));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM orders WHERE order_no = 'SK-1'"));
    }

    [Fact]
    public async Task Import_DryRun_ChangesNothing()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Orders, Csv("dry.csv", Header, "DR-1,A-1,2025-01-01,1,,,,,"), o => o with { DryRun = true });
        Assert.Equal((ImportStatus.Imported, 1L), (result.Status, result.Inserted));
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_Orders_RefreshesSegmentsOfTheirAccounts()
    {
        await ImportAsync(db, ImportEntity.Accounts, Csv("seg-accounts.csv", "external_id,name", "SEG-NEW,New", "SEG-REG,Regular", "SEG-LOST,Lost", "SEG-PROS,Prospect"));

        await ImportAsync(db, ImportEntity.Orders, Csv("seg.csv", Header,
            "SG-1,SEG-NEW,2025-01-15,1,,,,,",
            "SG-2,SEG-REG,2022-01-15,1,,,,,", "SG-3,SEG-REG,2025-05-01,1,,,,,",
            "SG-4,SEG-LOST,2023-01-15,1,,,,,"));

        Assert.Equal("SEG-LOST=lost,SEG-NEW=new,SEG-PROS=prospect,SEG-REG=regular", await ScalarAsync<string>(db,
            "SELECT string_agg(external_id || '=' || segment, ',' ORDER BY external_id) FROM accounts WHERE external_id LIKE 'SEG-%'"));
    }

    [Fact]
    public async Task Import_InvalidUtf8FarIntoFile_InvalidNamesExactRow()
    {
        var sb = new StringBuilder(Header + "\n");
        for (var i = 0; i < 3000; i++)
        {
            sb.Append("UTF-").Append(i).Append(",A-1,2025-01-01,1.00,SKU-LONG-NAME-TO-FILL-THE-BUFFER,category,1,EUR,0.10\n");
        }
        var bytes = Encoding.UTF8.GetBytes(sb.ToString()).Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var before = await SnapshotAsync(db);

        var result = await ImportAsync(db, ImportEntity.Orders, Bytes("late.csv", bytes));

        AssertError(result, 3002, null, "not valid UTF-8");
        Assert.Equal(before, await SnapshotAsync(db));
    }
}
