using System.Diagnostics.CodeAnalysis;
using Npgsql;
using Rapport.Core.Database;

namespace Rapport.Testing;

/// <summary>The shared test cluster (<see cref="TestPostgres.GetClusterAsync"/>): creates and drops databases.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "One cluster per test run; its gate lives as long as the process.")]
public sealed class TestCluster
{
    private const string TemplateName = "rapport_test_template";
    private readonly SemaphoreSlim _templateGate = new(1, 1);
    private bool _templateReady;

    internal TestCluster(LocalPostgresOptions options, LocalPostgresInstance instance)
    {
        Options = options;
        DataDirectory = instance.DataDirectory;
        Port = instance.Port;
        ServerVersion = instance.ServerVersion;
        _superuser = new NpgsqlConnectionStringBuilder(instance.ConnectionString);
    }

    private readonly NpgsqlConnectionStringBuilder _superuser;

    /// <summary>Options that address this cluster through <see cref="LocalPostgres"/> (e.g. for <c>rapport db status --data-dir</c>).</summary>
    public LocalPostgresOptions Options { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public string ServerVersion { get; }

    /// <summary>Superuser connection string for <paramref name="database"/>.</summary>
    public string ConnectionStringFor(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(_superuser.ConnectionString) { Database = database, Pooling = pooling }.ConnectionString;

    /// <summary>
    /// Creates a uniquely named database and returns its name. With <paramref name="migrated"/> it has Rapport's
    /// full schema: it is copied from a template database migrated once per run, which is much faster than
    /// running every migration per test class.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(bool migrated = true, CancellationToken cancellationToken = default)
    {
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        if (migrated)
        {
            await EnsureTemplateAsync(cancellationToken);
        }
        var sql = migrated
            ? $"CREATE DATABASE {name} TEMPLATE {TemplateName}"
            : $"CREATE DATABASE {name}";
        await ExecuteAsync(sql, cancellationToken);
        return name;
    }

    /// <summary>Drops <paramref name="database"/>, disconnecting whoever is still connected.</summary>
    public async Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        using (var pooled = new NpgsqlConnection(ConnectionStringFor(database)))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        await ExecuteAsync($"DROP DATABASE IF EXISTS {"\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""} WITH (FORCE)", cancellationToken);
    }

    private async Task EnsureTemplateAsync(CancellationToken cancellationToken)
    {
        if (_templateReady)
        {
            return;
        }
        await _templateGate.WaitAsync(cancellationToken);
        try
        {
            if (_templateReady)
            {
                return;
            }
            await ExecuteAsync($"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)", cancellationToken);
            await ExecuteAsync($"CREATE DATABASE {TemplateName}", cancellationToken);
            // Unpooled: an idle pooled session on the template would make every CREATE DATABASE ... TEMPLATE fail.
            await Migrator.ForRapport().MigrateAsync(ConnectionStringFor(TemplateName, pooling: false), cancellationToken);
            _templateReady = true;
        }
        finally
        {
            _templateGate.Release();
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres", pooling: false));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
