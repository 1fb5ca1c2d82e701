using Npgsql;
using Rapport.Core.Import;
using Rapport.Core.Tests.Infrastructure;
using static Rapport.Core.Tests.Import.ImportTestSupport;

namespace Rapport.Core.Tests.Import;

/// <summary>Migration 0002: order lines reference (order_id, account_id) of their order.</summary>
public sealed class OrderLineForeignKeyTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await SeedAccountsAsync(db);
        await ImportAsync(db, ImportEntity.Orders, Csv("o.csv",
            "order_id,account_external_id,order_date,net_amount", "FK-1,A-1,2025-01-01,10", "FK-1,A-1,2025-01-01,20", "FK-2,A-2,2025-01-02,5"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task InsertLine_AccountOtherThanOrders_Rejected()
    {
        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, """
            INSERT INTO order_lines (order_id, account_id, order_date, line_no, net_amount)
            SELECT o.id, a.id, o.order_date, 9, 1 FROM orders o, accounts a WHERE o.order_no = 'FK-1' AND a.external_id = 'A-2'
            """));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, ex.SqlState);
    }

    [Fact]
    public async Task UpdateOrderAccount_MovesItsLines()
    {
        await ExecuteAsync(db, "UPDATE orders SET account_id = (SELECT id FROM accounts WHERE external_id = 'G-1') WHERE order_no = 'FK-2'");
        Assert.Equal("G-1", await ScalarAsync<string>(db,
            "SELECT a.external_id FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN accounts a ON a.id = l.account_id WHERE o.order_no = 'FK-2'"));
    }

    [Fact]
    public async Task DeleteAccount_CascadesToOrdersAndLines()
    {
        await ExecuteAsync(db, "INSERT INTO accounts (external_id, name) VALUES ('FK-DEL', 'Delete me') ON CONFLICT DO NOTHING");
        await ImportAsync(db, ImportEntity.Orders, Csv("del.csv", "order_id,account_external_id,order_date,net_amount", "FK-DEL-1,FK-DEL,2025-01-01,1"));

        await ExecuteAsync(db, "DELETE FROM accounts WHERE external_id = 'FK-DEL'");

        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM orders WHERE order_no = 'FK-DEL-1'"));
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM order_lines l WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = l.order_id)"));
    }
}
