using Npgsql;
using Rapport.Core.Database;
using Rapport.Testing;

namespace Rapport.Core.Tests.Database;

public sealed class TestDatabaseTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task InitializeAsync_MigratedFixture_HasEveryRapportMigrationRecorded()
    {
        var status = await Migrator.ForRapport().GetStatusAsync(db.ConnectionString);

        Assert.Empty(status.Pending);
        Assert.Equal(Migrator.ForRapport().Scripts.Select(s => s.Version), status.Applied.Select(a => a.Version));
    }

    [Fact]
    public async Task OpenConnectionAsync_Fixture_ConnectsToItsOwnDatabase()
    {
        await using var connection = await db.OpenConnectionAsync();

        Assert.Equal(db.Name, connection.Database);
        Assert.StartsWith("test_", db.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DropDatabaseAsync_OpenSessions_DropsAnyway()
    {
        var cluster = await TestPostgres.GetClusterAsync();
        var name = await cluster.CreateDatabaseAsync();
        await using var open = new NpgsqlConnection(cluster.ConnectionStringFor(name));
        await open.OpenAsync();

        await cluster.DropDatabaseAsync(name);

        await using var admin = new NpgsqlConnection(cluster.ConnectionStringFor("postgres"));
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", admin);
        command.Parameters.AddWithValue(name);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}
