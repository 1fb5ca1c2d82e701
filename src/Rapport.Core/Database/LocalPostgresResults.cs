namespace Rapport.Core.Database;

/// <summary>A running local instance.</summary>
/// <param name="ConnectionString">To <see cref="LocalPostgresOptions.DatabaseName"/> as the cluster's superuser; contains the password, do not print it.</param>
/// <param name="StartedNow">This call started the server (false: it was already running).</param>
/// <param name="InitializedNow">This call created the cluster (initdb).</param>
public sealed record LocalPostgresInstance(
    string ConnectionString,
    string DataDirectory,
    int Port,
    string ServerVersion,
    bool StartedNow,
    bool InitializedNow);

/// <summary>What <see cref="LocalPostgres.GetStatusAsync"/> found; it never starts anything.</summary>
/// <param name="Initialized">The data directory holds a cluster made by Rapport.</param>
/// <param name="Running">The server process is alive and accepted a connection.</param>
/// <param name="Port">The port the server listens on (or will, once started); null before initialisation.</param>
/// <param name="ProcessId">The postmaster's process id while it runs.</param>
/// <param name="ServerVersion">As reported by the running server, e.g. "15.18".</param>
/// <param name="ConnectionString">To the Rapport database, null before initialisation; contains the password, do not print it.</param>
public sealed record LocalPostgresStatus(
    string DataDirectory,
    bool Initialized,
    bool Running,
    int? Port,
    int? ProcessId,
    string? ServerVersion,
    string? ConnectionString);

/// <summary>Outcome of <see cref="LocalPostgres.StopAsync"/>.</summary>
/// <param name="WasRunning">False when there was nothing to stop.</param>
public sealed record LocalPostgresStopResult(string DataDirectory, bool WasRunning);
