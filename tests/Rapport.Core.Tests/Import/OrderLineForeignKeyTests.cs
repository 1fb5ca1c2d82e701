using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Import;
using Rapport.Testing;
using static Rapport.Testing.ImportTestSupport;

namespace Rapport.Core.Tests.Import;

/// <summary>
/// Order lines reference (order_id, account_id) of their order, enforced by the statement-level triggers of migration
/// 0004 (ADR 0010) for every writer: plain SQL, EF Core, concurrent transactions.
/// </summary>
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
        Assert.Equal("order_lines_order_fkey", ex.ConstraintName);
    }

    [Fact]
    public async Task InsertLines_OneOfThemWithoutOrder_RejectsTheStatement()
    {
        var before = await ScalarAsync<long>(db, "SELECT count(*) FROM order_lines");

        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, """
            INSERT INTO order_lines (order_id, account_id, order_date, line_no, net_amount)
            SELECT o.id, o.account_id, o.order_date, 10, 1 FROM orders o WHERE o.order_no = 'FK-1'
            UNION ALL SELECT max(id) + 1000, min(account_id), '2025-01-01', 1, 1 FROM orders
            """));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, ex.SqlState);
        Assert.Equal("order_lines_order_fkey", ex.ConstraintName);
        Assert.Equal(before, await ScalarAsync<long>(db, "SELECT count(*) FROM order_lines"));
    }

    [Fact]
    public async Task UpdateLine_ToOrderOfOtherAccount_Rejected()
    {
        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, """
            UPDATE order_lines SET order_id = (SELECT id FROM orders WHERE order_no = 'FK-2'), line_no = 99
            WHERE order_id = (SELECT id FROM orders WHERE order_no = 'FK-1') AND line_no = 1
            """));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, ex.SqlState);
    }

    [Fact]
    public async Task UpdateOrderAccount_MovesItsLines()
    {
        await ImportAsync(db, ImportEntity.Orders, Csv("mv.csv", "order_id,account_external_id,order_date,net_amount", "FK-MV,A-2,2025-01-02,5"));

        await ExecuteAsync(db, "UPDATE orders SET account_id = (SELECT id FROM accounts WHERE external_id = 'G-1') WHERE order_no = 'FK-MV'");

        Assert.Equal("G-1", await ScalarAsync<string>(db,
            "SELECT a.external_id FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN accounts a ON a.id = l.account_id WHERE o.order_no = 'FK-MV'"));
    }

    [Fact]
    public async Task UpdateOrderId_Rejected()
    {
        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "UPDATE orders SET id = id + 100000 WHERE order_no = 'FK-2'"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, ex.SqlState);
        Assert.Contains("cannot change", ex.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteOrder_DeletesItsLines()
    {
        await ImportAsync(db, ImportEntity.Orders, Csv("del-order.csv", "order_id,account_external_id,order_date,net_amount", "FK-DO,A-1,2025-01-01,1", "FK-DO,A-1,2025-01-01,2"));
        var id = await ScalarAsync<long>(db, "SELECT id FROM orders WHERE order_no = 'FK-DO'");

        await ExecuteAsync(db, "DELETE FROM orders WHERE order_no = 'FK-DO'");

        Assert.Equal(0L, await ScalarAsync<long>(db, $"SELECT count(*) FROM order_lines WHERE order_id = {id}"));
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

    [Fact]
    public async Task TruncateAccountsCascade_EmptiesOrderLines()
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var truncate = new NpgsqlCommand("TRUNCATE accounts CASCADE", connection, tx))
        {
            await truncate.ExecuteNonQueryAsync();
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM order_lines", connection, tx);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task EfCore_LineForOrderOfOtherAccount_Rejected()
    {
        await using var context = new RapportDbContext(DataServiceCollectionExtensions.CreateOptions(db.DataSource));
        var order = await context.Orders.SingleAsync(o => o.OrderNo == "FK-2");
        var otherAccount = await context.Accounts.Where(a => a.ExternalId == "A-1").Select(a => a.Id).SingleAsync();
        context.OrderLines.Add(new OrderLine { OrderId = order.Id, AccountId = otherAccount, OrderDate = order.OrderDate, LineNo = 7, NetAmount = 1 });

        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, Assert.IsType<PostgresException>(ex.InnerException).SqlState);
    }

    [Fact]
    public async Task DeleteOrder_WhileAnotherTransactionAddsALine_WaitsAndDeletesThatLineToo()
    {
        var id = await NewOrderAsync("FK-C1");
        await using var inserter = await db.OpenConnectionAsync();
        await using var tx = await inserter.BeginTransactionAsync();
        await RunAsync(inserter, tx, $"INSERT INTO order_lines (order_id, account_id, order_date, line_no, net_amount) SELECT id, account_id, order_date, 2, 1 FROM orders WHERE id = {id}");

        await using var deleter = await db.OpenConnectionAsync();
        var delete = RunAsync(deleter, null, $"DELETE FROM orders WHERE id = {id}");
        await Task.Delay(300);
        Assert.False(delete.IsCompleted, "the delete should wait for the transaction adding a line");

        await tx.CommitAsync();
        await delete;
        Assert.Equal(0L, await ScalarAsync<long>(db, $"SELECT count(*) FROM order_lines WHERE order_id = {id}"));
    }

    [Fact]
    public async Task AddLine_WhileAnotherTransactionDeletesTheOrder_WaitsAndIsRejected()
    {
        var id = await NewOrderAsync("FK-C2");
        await using var deleter = await db.OpenConnectionAsync();
        await using var tx = await deleter.BeginTransactionAsync();
        await RunAsync(deleter, tx, $"DELETE FROM orders WHERE id = {id}");

        await using var inserter = await db.OpenConnectionAsync();
        var insert = RunAsync(inserter, null, $"""
            INSERT INTO order_lines (order_id, account_id, order_date, line_no, net_amount)
            SELECT {id}, id, '2025-01-01', 2, 1 FROM accounts WHERE external_id = 'A-1'
            """);
        await Task.Delay(300);
        Assert.False(insert.IsCompleted, "the insert should wait for the transaction deleting the order");

        await tx.CommitAsync();
        var ex = await Assert.ThrowsAsync<PostgresException>(() => insert);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, ex.SqlState);
        Assert.Equal(0L, await ScalarAsync<long>(db, $"SELECT count(*) FROM order_lines WHERE order_id = {id}"));
    }

    [Fact]
    public async Task RepeatableReadDelete_AfterAConcurrentLineWasAdded_FailsToSerialize()
    {
        var id = await NewOrderAsync("FK-C3");
        await using var deleter = await db.OpenConnectionAsync();
        await using var tx = await deleter.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await RunAsync(deleter, tx, "SELECT count(*) FROM orders");

        await ExecuteAsync(db, $"INSERT INTO order_lines (order_id, account_id, order_date, line_no, net_amount) SELECT id, account_id, order_date, 2, 1 FROM orders WHERE id = {id}");

        var ex = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(deleter, tx, $"DELETE FROM orders WHERE id = {id}"));
        Assert.Equal(PostgresErrorCodes.SerializationFailure, ex.SqlState);
        await tx.RollbackAsync();
        Assert.Equal(2L, await ScalarAsync<long>(db, $"SELECT count(*) FROM order_lines WHERE order_id = {id}"));
    }

    private async Task<long> NewOrderAsync(string orderNo)
    {
        await ImportAsync(db, ImportEntity.Orders, Csv(orderNo + ".csv", "order_id,account_external_id,order_date,net_amount", $"{orderNo},A-1,2025-01-01,1"));
        return await ScalarAsync<long>(db, $"SELECT id FROM orders WHERE order_no = '{orderNo}'");
    }

    private static async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync();
    }
}
