using Npgsql;

namespace Rapport.Testing;

/// <summary>
/// Per-test-class database with Rapport's full schema: <c>public sealed class FooTests(TestDatabase db) : IClassFixture&lt;TestDatabase&gt;</c>.
/// Created on the shared test cluster before the class's first test, dropped after its last. See tests/INTEGRATION_TEST.md.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    /// <summary>False for a database without any migration applied (see <see cref="EmptyTestDatabase"/>).</summary>
    protected virtual bool Migrated => true;

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>Database name, unique per fixture instance.</summary>
    public string Name { get; private set; } = null!;

    /// <summary>Superuser connection string to this database (pooled).</summary>
    public string ConnectionString { get; private set; } = null!;

    /// <summary>A data source for this database, created on first use and disposed with the fixture.</summary>
    public NpgsqlDataSource DataSource => _dataSource ??= NpgsqlDataSource.Create(ConnectionString);

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        DataSource.OpenConnectionAsync(cancellationToken);

    public async Task InitializeAsync()
    {
        Cluster = await TestPostgres.GetClusterAsync();
        Name = await Cluster.CreateDatabaseAsync(Migrated);
        ConnectionString = Cluster.ConnectionStringFor(Name);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
        if (Name is not null)
        {
            await Cluster.DropDatabaseAsync(Name);
        }
    }
}

/// <summary>A per-test-class database with no migration applied, for tests of the migrator itself.</summary>
public sealed class EmptyTestDatabase : TestDatabase
{
    protected override bool Migrated => false;
}
