using Npgsql;
using Rapport.Core.Import;
using Rapport.Testing;
using static Rapport.Testing.ImportTestSupport;

namespace Rapport.Core.Tests.Import;

/// <summary>
/// The first order import into empty tables drops the secondary indexes of orders and order lines and builds them again
/// (ADR 0019); it must leave exactly what the general path leaves, with the same indexes, and change nothing when it fails.
/// Each test empties the order tables first, so every import here is an initial load.
/// </summary>
public sealed class InitialOrderLoadTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Header = "order_id,account_external_id,order_date,net_amount,product_sku,product_category,quantity,currency,margin";

    // Orders spread over the file (I-1 comes back twice), one longer than a small chunk, returns, currencies.
    private static readonly string[] Lines =
    [
        Header,
        "I-1,A-1,2025-01-02,10.50,SKU-1,machines,1,,2.10", "I-1,A-1,2025-01-02,-3,SKU-2,spare parts,-1,,",
        "I-2,A-2,2025-01-03,200,SKU-3,service,2,usd,",
        "I-1,A-1,2025-01-02,7,,,,,",
        .. Enumerable.Range(1, 9).Select(i => $"I-3,G-1,2025-02-03,{i}.25,SKU-{i},training,{i},,"),
        "I-4,A-2,2024-12-31,1,SKU-1,,1,,",
        "I-1,A-1,2025-01-02,8,SKU-1,machines,1,,",
    ];

    public async Task InitializeAsync()
    {
        if (await ScalarAsync<long>(db, "SELECT count(*) FROM accounts") == 0)
        {
            await SeedAccountsAsync(db);
        }
        await ExecuteAsync(db, "TRUNCATE orders; DELETE FROM kpi_dirty_accounts; DELETE FROM kpi_account_facts;");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<string> IndexesAsync() => ScalarAsync<string>(db, """
        SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE tablename IN ('orders', 'order_lines')
        """);

    private Task<string> OrdersAsync() => ScalarAsync<string>(db, """
        SELECT string_agg(format('%s:%s/%s/%s[%s]', o.order_no, a.external_id, o.order_date, o.currency, x.lines), ' ; ' ORDER BY o.order_no)
        FROM orders o JOIN accounts a ON a.id = o.account_id
        CROSS JOIN LATERAL (
            SELECT string_agg(concat_ws('|', l.line_no, l.product_sku, l.product_category, l.net_amount, l.quantity, l.margin, l.currency,
                                        la.external_id, l.order_date), ', ' ORDER BY l.line_no) AS lines
            FROM order_lines l JOIN accounts la ON la.id = l.account_id WHERE l.order_id = o.id) x
        """);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(16_384)]
    public async Task Import_IntoEmptyTables_SameOrdersAndIndexesAsTheGeneralPath(int chunkRows)
    {
        var indexes = await IndexesAsync();
        var path = Csv("initial.csv", Lines);

        var staged = await ImportAsync(db, ImportEntity.Orders, path, o => o with { StageAll = true });
        Assert.Equal((ImportStatus.Imported, 15L), (staged.Status, staged.Inserted));
        var expected = await OrdersAsync();
        await ExecuteAsync(db, "TRUNCATE orders");
        var oid = await ScalarAsync<uint>(db, "SELECT 'ix_order_lines_account_date'::regclass::oid");

        var loaded = await ImportAsync(db, ImportEntity.Orders, path, o => o with { OrderChunkRows = chunkRows });

        Assert.Equal((ImportStatus.Imported, 15L, false), (loaded.Status, loaded.Inserted, loaded.StagedEveryRow));
        Assert.Equal(expected, await OrdersAsync());
        Assert.Contains("I-1:A-1/2025-01-02/EUR[1|SKU-1|machines|10.50|1.000|2.10|EUR|A-1|2025-01-02, 2|SKU-2|spare parts|-3.00|-1.000|EUR|A-1|2025-01-02, "
            + "3|7.00|EUR|A-1|2025-01-02, 4|SKU-1|machines|8.00|1.000|EUR|A-1|2025-01-02]", expected, StringComparison.Ordinal);
        Assert.Equal(indexes, await IndexesAsync());
        Assert.NotEqual(oid, await ScalarAsync<uint>(db, "SELECT 'ix_order_lines_account_date'::regclass::oid"));
        Assert.Equal(4L, await ScalarAsync<long>(db, "SELECT count(*) FROM pg_indexes WHERE tablename = 'order_lines' OR (tablename = 'orders' AND indexname LIKE 'ix_%')"));
        // The ids were taken from the sequence in blocks: the next order written by anybody else gets a free one.
        Assert.True(await ScalarAsync<bool>(db, """
            WITH n AS (INSERT INTO orders (order_no, account_id, order_date) SELECT 'AFTER', id, DATE '2025-03-01' FROM accounts LIMIT 1 RETURNING id)
            SELECT (SELECT id FROM n) > (SELECT max(id) FROM orders WHERE order_no LIKE 'I-%')
            """));
    }

    [Fact]
    public async Task Import_IntoEmptyTables_KpiFactsAndSegmentsAsForAnyWriter()
    {
        var result = await ImportAsync(db, ImportEntity.Orders, Csv("kpi.csv", Lines));
        Assert.Equal(ImportStatus.Imported, result.Status);

        // The loader skipped the KPI trigger; the accounts it wrote must be marked dirty all the same, and refreshing them
        // must give what building every account's facts from scratch gives.
        Assert.Equal(3, await ScalarAsync<int>(db, "SELECT kpi_refresh_account_facts()"));
        var refreshed = await ScalarAsync<string>(db, "SELECT string_agg(to_jsonb(f)::text, '|' ORDER BY account_id) FROM kpi_account_facts f");
        await ExecuteAsync(db, "DELETE FROM kpi_account_facts; SELECT kpi_build_account_facts(NULL);");
        Assert.Equal(await ScalarAsync<string>(db, "SELECT string_agg(to_jsonb(f)::text, '|' ORDER BY account_id) FROM kpi_account_facts f"), refreshed);
        Assert.Equal("A-1:new A-2:new G-1:new", await ScalarAsync<string>(db,
            "SELECT string_agg(external_id || ':' || segment, ' ' ORDER BY external_id) FROM accounts"));
    }

    [Fact]
    public async Task Import_IntoEmptyTablesWithABadRow_ChangesNothingAndKeepsTheIndexes()
    {
        var indexes = await IndexesAsync();
        var before = await SnapshotAsync(db);

        // The bad row comes after the first chunks were written into the tables without their indexes.
        var result = await ImportAsync(db, ImportEntity.Orders, Csv("bad.csv", [.. Lines, "I-9,A-1,2025-13-01,1,,,,,"]),
            o => o with { OrderChunkRows = 2 });

        AssertError(result, Lines.Length + 1, "order_date", "");
        Assert.Equal(before, await SnapshotAsync(db));
        Assert.Equal(indexes, await IndexesAsync());
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM kpi_dirty_accounts"));
    }

    [Fact]
    public async Task Import_ByRoleThatMayNotSkipTriggers_SameOrdersThroughTheTriggers()
    {
        var path = Csv("limited.csv", Lines);
        await ImportAsync(db, ImportEntity.Orders, path);
        var expected = await OrdersAsync();
        await ExecuteAsync(db, "TRUNCATE orders; DELETE FROM kpi_dirty_accounts;");

        // A plain role owning nothing but granted what an application role needs: no superuser, no SET on
        // session_replication_role, so every row goes through the foreign key and the statement triggers.
        var role = "rapport_limited_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(db, $"""
            CREATE ROLE {role} LOGIN PASSWORD 'limited';
            GRANT ALL ON ALL TABLES IN SCHEMA public TO {role};
            GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role};
            GRANT CREATE, TEMPORARY ON DATABASE "{db.Name}" TO {role};
            """);
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = role, Password = "limited", Pooling = false };
            await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
            var options = new ImportOptions { Path = path, Entity = ImportEntity.Orders, Today = new DateOnly(2025, 6, 30), OrderChunkRows = 3 };

            var result = await new CsvImporter(dataSource).ImportAsync(options);

            Assert.True(result.Status == ImportStatus.Imported, string.Join(" | ", result.Errors));
            Assert.Equal(expected, await OrdersAsync());
            Assert.Equal(3L, await ScalarAsync<long>(db, "SELECT count(DISTINCT account_id) FROM kpi_dirty_accounts"));
        }
        finally
        {
            await ExecuteAsync(db, $"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}; REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}; "
                + $"REVOKE ALL ON DATABASE \"{db.Name}\" FROM {role}; DROP ROLE {role};");
        }
    }
}
