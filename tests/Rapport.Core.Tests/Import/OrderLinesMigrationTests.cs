using Npgsql;
using Rapport.Core.Database;
using Rapport.Testing;

namespace Rapport.Core.Tests.Import;

/// <summary>Migration 0004 on a database that already holds order lines (ADR 0010).</summary>
public sealed class OrderLinesMigrationTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private string _database = null!;

    private string ConnectionString => _cluster.ConnectionStringFor(_database);

    public async Task InitializeAsync()
    {
        _cluster = await TestPostgres.GetClusterAsync();
        _database = await _cluster.CreateDatabaseAsync(migrated: false);
    }

    public Task DisposeAsync() => _cluster.DropDatabaseAsync(_database);

    [Fact]
    public async Task Migrate0004_ExistingLines_KeptRenumberedWhereDuplicateAndStillChecked()
    {
        var all = Migrator.ForRapport().Scripts;
        await new Migrator(all.Where(s => s.Version < 4)).MigrateAsync(ConnectionString);
        await ExecuteAsync("""
            INSERT INTO accounts (external_id, name) VALUES ('M-1', 'One');
            INSERT INTO orders (order_no, account_id, order_date) SELECT 'MO-1', id, '2025-01-01' FROM accounts;
            INSERT INTO order_lines (order_id, account_id, order_date, line_no, net_amount)
            SELECT o.id, o.account_id, o.order_date, n, 10 * i FROM orders o, (VALUES (1, 1), (2, 2), (2, 3)) v(n, i);
            """);

        await Migrator.ForRapport().MigrateAsync(ConnectionString);

        Assert.Equal("1:10.00,2:20.00,3:30.00", await ScalarAsync<string>("SELECT string_agg(line_no || ':' || net_amount, ',' ORDER BY line_no) FROM order_lines"));
        Assert.Equal("order_id,line_no", await ScalarAsync<string>("""
            SELECT string_agg(a.attname, ',' ORDER BY k.n)
            FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
            WHERE c.conname = 'order_lines_pkey'
            """));
        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            "INSERT INTO order_lines (order_id, account_id, order_date, line_no, net_amount) SELECT id + 1, account_id, order_date, 1, 1 FROM orders"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, ex.SqlState);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
