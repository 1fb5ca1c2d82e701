using Npgsql;
using Rapport.Core.Database;
using Rapport.Testing;

namespace Rapport.Core.Tests.Database;

/// <summary>Each test gets its own empty database (xunit makes a class instance per test).</summary>
public sealed class MigratorTests : IAsyncLifetime
{
    private const string TestPrefix = "Rapport.Core.Tests.Database.TestMigrations.";
    private TestCluster _cluster = null!;
    private string _database = null!;

    private string ConnectionString => _cluster.ConnectionStringFor(_database);

    public async Task InitializeAsync()
    {
        _cluster = await TestPostgres.GetClusterAsync();
        _database = await _cluster.CreateDatabaseAsync(migrated: false);
    }

    public Task DisposeAsync() => _cluster.DropDatabaseAsync(_database);

    private static Migrator TestMigrator() => new(MigrationScript.FromEmbeddedResources(typeof(MigratorTests).Assembly, TestPrefix));

    [Fact]
    public void FromEmbeddedResources_TestScripts_ReadInVersionOrder()
    {
        var scripts = TestMigrator().Scripts;

        Assert.Equal(["0001_create_widgets", "0002_widget_rules"], scripts.Select(s => s.Id));
        Assert.All(scripts, s => Assert.Matches("^[0-9a-f]{64}$", s.Checksum));
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_AppliesEachScriptOnceAndIsIdempotent()
    {
        var migrator = TestMigrator();

        var first = await migrator.MigrateAsync(ConnectionString);
        var second = await migrator.MigrateAsync(ConnectionString);

        Assert.Equal(["0001_create_widgets", "0002_widget_rules"], first.Applied.Select(s => s.Id));
        Assert.Equal(0, first.AlreadyApplied);
        Assert.Empty(second.Applied);
        Assert.Equal(2, second.AlreadyApplied);
        Assert.Equal("SEED; WITH SEMICOLON", await ScalarAsync<string>("SELECT widget_label(w) FROM widgets w"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM widgets"));
        var status = await migrator.GetStatusAsync(ConnectionString);
        Assert.Equal([1, 2], status.Applied.Select(a => a.Version));
        Assert.Equal(migrator.Scripts.Select(s => s.Checksum), status.Applied.Select(a => a.Checksum));
        Assert.Empty(status.Pending);
    }

    [Fact]
    public async Task GetStatusAsync_NeverMigrated_ReportsAllPendingWithoutCreatingTable()
    {
        var status = await TestMigrator().GetStatusAsync(ConnectionString);

        Assert.Empty(status.Applied);
        Assert.Equal(2, status.Pending.Count);
        Assert.False(await ScalarAsync<bool>("SELECT to_regclass('schema_migrations') IS NOT NULL"));
    }

    [Fact]
    public async Task MigrateAsync_AppliedScriptEdited_ThrowsNamingMigration()
    {
        await new Migrator([new MigrationScript(1, "create_things", "CREATE TABLE things (id int);")]).MigrateAsync(ConnectionString);
        var edited = new Migrator([new MigrationScript(1, "create_things", "CREATE TABLE things (id bigint);")]);

        var ex = await Assert.ThrowsAsync<MigrationException>(() => edited.MigrateAsync(ConnectionString));

        Assert.Contains("0001_create_things", ex.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_OnlyLineEndingsDiffer_TreatsScriptAsUnchanged()
    {
        await new Migrator([new MigrationScript(1, "a", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n")]).MigrateAsync(ConnectionString);

        var again = await new Migrator([new MigrationScript(1, "a", "\uFEFFCREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n")]).MigrateAsync(ConnectionString);

        Assert.Empty(again.Applied);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseHasUnknownMigration_Throws()
    {
        await new Migrator([new MigrationScript(1, "a", "SELECT 1;"), new MigrationScript(2, "b", "SELECT 2;")]).MigrateAsync(ConnectionString);

        var ex = await Assert.ThrowsAsync<MigrationException>(
            () => new Migrator([new MigrationScript(1, "a", "SELECT 1;")]).MigrateAsync(ConnectionString));

        Assert.Contains("0002_b", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not know", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_FailingScript_RollsItBackAndKeepsEarlierOnes()
    {
        var migrator = new Migrator(
        [
            new MigrationScript(1, "good", "CREATE TABLE good (id int);"),
            new MigrationScript(2, "bad", "CREATE TABLE half (id int);\nSELECT * FROM missing_table;"),
        ]);

        var ex = await Assert.ThrowsAsync<MigrationException>(() => migrator.MigrateAsync(ConnectionString));

        Assert.Contains("0002_bad", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing_table", ex.Message, StringComparison.Ordinal);
        Assert.True(await ScalarAsync<bool>("SELECT to_regclass('good') IS NOT NULL"));
        Assert.False(await ScalarAsync<bool>("SELECT to_regclass('half') IS NOT NULL"));
        Assert.Equal([1], (await migrator.GetStatusAsync(ConnectionString)).Applied.Select(a => a.Version));
    }

    [Fact]
    public async Task MigrateAsync_ConcurrentMigrators_ApplyEachScriptExactlyOnce()
    {
        // The sleep keeps the first migrator inside its transaction long enough for the others to queue on the lock.
        MigrationScript[] scripts =
        [
            new(1, "slow", "SELECT pg_sleep(0.3); CREATE TABLE slow (id int);"),
            new(2, "after", "CREATE TABLE after_slow (id int);"),
        ];

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => new Migrator(scripts).MigrateAsync(ConnectionString))));

        Assert.Equal(2, results.Sum(r => r.Applied.Count));
        Assert.Single(results, r => r.Applied.Count == 2);
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public void Constructor_DuplicateVersions_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<MigrationException>(() => new Migrator(
            [new MigrationScript(3, "one", "SELECT 1;"), new MigrationScript(3, "two", "SELECT 2;")]));

        Assert.Contains("0003_one", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0003_two", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForRapport_EmbeddedScripts_HaveUniqueAscendingVersions()
    {
        var versions = Migrator.ForRapport().Scripts.Select(s => s.Version).ToList();

        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
