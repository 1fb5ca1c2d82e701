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
    public async Task MigrateAsync_RecordedEarlierAcceptedChecksum_AcceptsAndRecordsCurrentChecksum()
    {
        var original = new MigrationScript(1, "things", "-- Things (see the brief).\nCREATE TABLE things (id int);\n");
        await new Migrator([original]).MigrateAsync(ConnectionString);
        var edited = new MigrationScript(1, "things", "-- Things (docs/things.md).\nCREATE TABLE things (id int);\n");
        var log = new List<string>();
        var migrator = new Migrator([edited], log.Add, [new EarlierChecksum(1, original.Checksum, "comments only")]);

        var first = await migrator.MigrateAsync(ConnectionString);
        var second = await migrator.MigrateAsync(ConnectionString);

        Assert.Empty(first.Applied);
        Assert.Empty(second.Applied);
        Assert.Equal([edited.Checksum], (await migrator.GetStatusAsync(ConnectionString)).Applied.Select(a => a.Checksum));
        var note = Assert.Single(log);
        Assert.Contains("0001_things", note, StringComparison.Ordinal);
        Assert.Contains("comments only", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_RapportDatabaseWithPreEditChecksums_MigratesAndRecordsCurrentChecksums()
    {
        // A database migrated before the comment edit carries the earlier checksums of the edited scripts.
        await Migrator.ForRapport().MigrateAsync(ConnectionString);
        foreach (var earlier in EarlierChecksum.OfRapportMigrations)
        {
            await ExecuteAsync($"UPDATE schema_migrations SET checksum = '{earlier.Checksum}' WHERE version = {earlier.Version}");
        }
        var log = new List<string>();

        var result = await Migrator.ForRapport(log.Add).MigrateAsync(ConnectionString);

        Assert.Empty(result.Applied);
        var status = await Migrator.ForRapport().GetStatusAsync(ConnectionString);
        Assert.Equal(Migrator.ForRapport().Scripts.Select(s => s.Checksum), status.Applied.Select(a => a.Checksum));
        Assert.Equal(EarlierChecksum.OfRapportMigrations.Count, log.Count);
        Assert.Contains(log, l => l.Contains("0006_surveys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_RapportScriptWithUnknownChecksum_ThrowsAsBefore()
    {
        await Migrator.ForRapport().MigrateAsync(ConnectionString);
        await ExecuteAsync($"UPDATE schema_migrations SET checksum = '{new string('f', 64)}' WHERE version = 6");

        var ex = await Assert.ThrowsAsync<MigrationException>(() => Migrator.ForRapport().MigrateAsync(ConnectionString));

        Assert.Contains("0006_surveys", ex.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_EarlierChecksumOfAnotherVersion_Throws()
    {
        await Migrator.ForRapport().MigrateAsync(ConnectionString);
        var ofVersion7 = EarlierChecksum.OfRapportMigrations.Single(e => e.Version == 7).Checksum;
        await ExecuteAsync($"UPDATE schema_migrations SET checksum = '{ofVersion7}' WHERE version = 6");

        var ex = await Assert.ThrowsAsync<MigrationException>(() => Migrator.ForRapport().MigrateAsync(ConnectionString));

        Assert.Contains("0006_surveys", ex.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OfRapportMigrations_Entries_AreTheChecksumsOfThePreEditScripts()
    {
        // SHA-256 of the scripts as released before the comment edit (LF line endings, no BOM), cross-checked against
        // the checksums a database migrated by that release recorded in schema_migrations.
        Dictionary<int, string> preEdit = new()
        {
            [1] = "96349ccd6564473a9a30673f56d5b60a5c4980ba019702550dc445ea049ea6b2",
            [3] = "c398080442f52ed570367d1e51a210dc45300455a9ea140d08a912c41c54202c",
            [4] = "fba924c5e8e9dea53a364f8eb42397a786aa8cf585c6d2490e3c7b451164f325",
            [6] = "154d5b11f99fe28093d64970f89f08142e669dc9bb55ff39c2c0c2112bd17963",
            [7] = "c201fcc3681749ad182166611e6ff336693c5d0fec7c357ed01092522ee2c318",
            [8] = "a2315b025a47739fd4ba86686e56c285bfea5fe968df0318c9a716fb72a595b2",
            [9] = "b6ef95db98d3f8795f3f8f2e3d1f1d3ad619cf87d2bf252e3ae82143b3fb84b2",
            [10] = "0f8feeb2c5ab243e59174e5b289422145dd71a6101906d66982a122427319feb",
            [11] = "fea8b9933f4c11a7fcc2bfc115f1d4036616f20b4044c28f31e29bfa34669245",
            [12] = "ce639110b619a6f456815f49d84231ab2d44a85ca9486cd4e020f2f716b71824",
            [13] = "5d4a025f9dd363587e347252230f9208bd9432e8898bd3e242790d3c2567333b",
            [14] = "91ebacc437f282c5fb4b60700956fcae3e347a26592429fef7e4212cd29b8533",
        };
        var current = Migrator.ForRapport().Scripts.ToDictionary(s => s.Version, s => s.Checksum);

        Assert.Equal(preEdit.OrderBy(p => p.Key), EarlierChecksum.OfRapportMigrations.Select(e => KeyValuePair.Create(e.Version, e.Checksum)));
        Assert.All(EarlierChecksum.OfRapportMigrations, e => Assert.NotEqual(current[e.Version], e.Checksum));
        Assert.All(EarlierChecksum.OfRapportMigrations, e => Assert.StartsWith("comments only", e.Reason, StringComparison.Ordinal));
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

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
