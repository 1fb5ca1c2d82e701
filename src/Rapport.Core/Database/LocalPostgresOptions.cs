namespace Rapport.Core.Database;

/// <summary>Settings of the local PostgreSQL instance Rapport runs when no connection string is configured (docs/running.md#database).</summary>
public sealed class LocalPostgresOptions
{
    /// <summary>Environment variable that overrides the default data directory.</summary>
    public const string DataDirectoryVariable = "RAPPORT_DATA_DIR";

    /// <summary>Default data directory when Rapport runs as root (see docs/decisions/0002-local-postgresql-instance.md).</summary>
    public const string RootDefaultDataDirectory = "/var/lib/rapport/rapport-data";

    /// <summary>Data directory; null means <c>RAPPORT_DATA_DIR</c>, else the per-user default.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Directory holding initdb, pg_ctl and postgres; null means search (pg_config, /usr/lib/postgresql/*/bin, PATH).</summary>
    public string? BinDirectory { get; set; }

    /// <summary>Database created (if missing) and named in the returned connection string.</summary>
    public string DatabaseName { get; set; } = "rapport";

    /// <summary>
    /// Turns off fsync, synchronous commit and full-page writes. Only for throw-away test clusters:
    /// a crash of the machine can corrupt such a cluster.
    /// </summary>
    public bool DisableFsync { get; set; }

    /// <summary>Server setting <c>max_connections</c>.</summary>
    public int MaxConnections { get; set; } = 100;

    /// <summary>How long to wait for the server to accept connections, and for another Rapport process holding the start lock.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// System user that owns the cluster and runs the server when Rapport runs as root
    /// (initdb and postgres refuse to run as root).
    /// </summary>
    public string ServiceUser { get; set; } = "postgres";

    /// <summary>Receives short human-readable notes (initialising, starting, stopping); the CLI sends them to stderr.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>The data directory these options point at, as an absolute path.</summary>
    public string ResolveDataDirectory()
    {
        var configured = DataDirectory;
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        }
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = DefaultDataDirectory(
                LocalPostgresProcess.IsRoot,
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData));
        }
        return Path.GetFullPath(configured);
    }

    /// <summary>
    /// The per-user default. As root the user's folder is /root, which the postgres user cannot enter,
    /// so the cluster lives in a system location instead.
    /// </summary>
    internal static string DefaultDataDirectory(bool isRoot, string localApplicationData)
    {
        if (isRoot && !OperatingSystem.IsWindows())
        {
            return RootDefaultDataDirectory;
        }
        if (string.IsNullOrWhiteSpace(localApplicationData))
        {
            // No home directory (e.g. a service account without HOME): the temp folder is the only writable guess.
            return Path.Combine(Path.GetTempPath(), $"rapport-data-{Environment.UserName}");
        }
        return Path.Combine(localApplicationData, "rapport-data");
    }
}
