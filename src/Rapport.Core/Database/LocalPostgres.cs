using System.Globalization;
using Npgsql;
using Rapport.Core.Data;

namespace Rapport.Core.Database;

/// <summary>
/// The local PostgreSQL instance of docs/running.md#database: a cluster in the Rapport data directory, initialised on first use,
/// listening on 127.0.0.1 only, started detached with pg_ctl so that it outlives the process that started it and
/// is shared by every Rapport process using the same data directory, until <c>rapport db stop</c>.
/// See docs/decisions/0002-local-postgresql-instance.md.
/// </summary>
public static class LocalPostgres
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Returns a connection string to the running local instance, initialising and starting it if needed, and
    /// creating the database. Cheap when the server already runs (one connection test, no lock, no processes).
    /// </summary>
    /// <exception cref="PostgresBinariesNotFoundException">No PostgreSQL server binaries; the message says how to install them.</exception>
    /// <exception cref="LocalPostgresException">The cluster could not be initialised or started; the message carries the server's log.</exception>
    public static async Task<LocalPostgresInstance> EnsureStartedAsync(LocalPostgresOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalPostgresOptions();
        ValidateDatabaseName(options.DatabaseName);
        var files = new LocalPostgresFiles(options.ResolveDataDirectory());

        var running = await TryConnectRunningAsync(files, options.DatabaseName, cancellationToken);
        if (running is not null)
        {
            return running;
        }

        await PrepareDataDirectoryAsync(files, options, cancellationToken);
        using (await files.AcquireLockAsync(options.StartTimeout, options.Log, cancellationToken))
        {
            // Another process may have started the server while we waited for the lock.
            running = await TryConnectRunningAsync(files, options.DatabaseName, cancellationToken);
            if (running is not null)
            {
                return running;
            }

            var initializedNow = false;
            LocalPostgresBinaries? binaries = null;
            if (!files.IsInitialized)
            {
                binaries = await LocalPostgresBinaries.LocateAsync(options.BinDirectory, null, cancellationToken);
                await InitializeAsync(files, binaries, options, cancellationToken);
                initializedNow = true;
            }

            var instance = files.ReadInstance()
                ?? throw new LocalPostgresException($"{files.InstanceFile} is missing.");
            var pid = files.ReadPidFile();
            int port;
            var startedNow = false;
            if (pid is not null && IsPostmasterAlive(pid.ProcessId))
            {
                // Started by someone else (by hand, or a process that died before the server was ready): wait for it.
                port = pid.Port ?? instance.Port;
                await WaitForConnectionAsync(files, ConnectionString(port, instance, "postgres", pooling: false), options.StartTimeout, cancellationToken);
            }
            else
            {
                binaries ??= await LocalPostgresBinaries.LocateAsync(options.BinDirectory, files.ClusterMajorVersion, cancellationToken);
                port = await StartServerAsync(files, binaries, instance, options, cancellationToken);
                startedNow = true;
            }

            var version = await EnsureDatabaseAsync(ConnectionString(port, instance, "postgres", pooling: false), options.DatabaseName, cancellationToken);
            return new LocalPostgresInstance(
                ConnectionString(port, instance, options.DatabaseName, pooling: true),
                files.DataDirectory,
                port,
                version,
                startedNow,
                initializedNow);
        }
    }

    /// <summary>Looks at the data directory and, if the server runs, asks it for its version. Starts nothing, takes no lock.</summary>
    public static async Task<LocalPostgresStatus> GetStatusAsync(LocalPostgresOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalPostgresOptions();
        var files = new LocalPostgresFiles(options.ResolveDataDirectory());
        if (!files.IsInitialized)
        {
            return new LocalPostgresStatus(files.DataDirectory, false, false, null, null, null, null);
        }
        var instance = files.ReadInstance()!;
        var pid = files.ReadPidFile();
        var alive = pid is not null && IsPostmasterAlive(pid.ProcessId);
        var port = alive ? pid!.Port ?? instance.Port : instance.Port;
        string? version = null;
        if (alive)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString(port, instance, "postgres", pooling: false));
                await connection.OpenAsync(cancellationToken);
                version = ShortVersion(connection.ServerVersion);
            }
            catch (NpgsqlException)
            {
                // Alive but not (yet) accepting connections: reported as not running, with its process id.
            }
        }
        return new LocalPostgresStatus(
            files.DataDirectory,
            Initialized: true,
            Running: version is not null,
            Port: port,
            ProcessId: alive ? pid!.ProcessId : null,
            ServerVersion: version,
            ConnectionString: ConnectionString(port, instance, options.DatabaseName, pooling: true));
    }

    /// <summary>Stops the server (pg_ctl stop, fast mode: open sessions are disconnected). A no-op when it is not running.</summary>
    public static async Task<LocalPostgresStopResult> StopAsync(LocalPostgresOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalPostgresOptions();
        var files = new LocalPostgresFiles(options.ResolveDataDirectory());
        if (!files.IsInitialized)
        {
            return new LocalPostgresStopResult(files.DataDirectory, false);
        }
        using (await files.AcquireLockAsync(options.StartTimeout, options.Log, cancellationToken))
        {
            var pid = files.ReadPidFile();
            if (pid is null || !IsPostmasterAlive(pid.ProcessId))
            {
                return new LocalPostgresStopResult(files.DataDirectory, false);
            }
            var binaries = await LocalPostgresBinaries.LocateAsync(options.BinDirectory, files.ClusterMajorVersion, cancellationToken);
            options.Log?.Invoke($"Stopping the local PostgreSQL instance in {files.DataDirectory} ...");
            var outcome = await LocalPostgresProcess.RunAsync(
                binaries.PgCtl,
                ["stop", "-D", files.ClusterDirectory, "-m", "fast", "-w", "-t", Seconds(options.StartTimeout), "-s"],
                ServiceUser(options),
                options.StartTimeout + TimeSpan.FromSeconds(10),
                cancellationToken);
            if (outcome.ExitCode != 0)
            {
                throw new LocalPostgresException($"pg_ctl stop failed for {files.ClusterDirectory}: {outcome.Combined}");
            }
            var instance = files.ReadInstance()!;
            // Pooled connections of this process point at a server that is gone.
            using (var pooled = new NpgsqlConnection(ConnectionString(pid.Port ?? instance.Port, instance, options.DatabaseName, pooling: true)))
            {
                NpgsqlConnection.ClearPool(pooled);
            }
            return new LocalPostgresStopResult(files.DataDirectory, true);
        }
    }

    private static string? ServiceUser(LocalPostgresOptions options) => LocalPostgresProcess.IsRoot ? options.ServiceUser : null;

    private static string Seconds(TimeSpan span) => ((int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    internal static string ConnectionString(int port, LocalPostgresFiles.InstanceInfo instance, string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = instance.Username,
            Password = instance.Password,
            Database = database,
            Pooling = pooling,
        }.ConnectionString;

    private static void ValidateDatabaseName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 63 || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a usable PostgreSQL database name (1 to 63 characters).", nameof(name));
        }
    }

    private static string ShortVersion(string serverVersion) => serverVersion.Split(' ')[0];

    /// <summary>
    /// The process in postmaster.pid is alive and is a postgres process; after a reboot the recorded id may
    /// belong to something else, and PostgreSQL itself then treats the file as stale.
    /// </summary>
    private static bool IsPostmasterAlive(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited
                && (process.ProcessName.StartsWith("postgres", StringComparison.Ordinal)
                    || process.ProcessName.StartsWith("postmaster", StringComparison.Ordinal));
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<LocalPostgresInstance?> TryConnectRunningAsync(LocalPostgresFiles files, string database, CancellationToken cancellationToken)
    {
        if (!files.IsInitialized)
        {
            return null;
        }
        var pid = files.ReadPidFile();
        if (pid is null)
        {
            return null;
        }
        var instance = files.ReadInstance()!;
        var port = pid.Port ?? instance.Port;
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString(port, instance, database, pooling: false));
            await connection.OpenAsync(cancellationToken);
            return new LocalPostgresInstance(
                ConnectionString(port, instance, database, pooling: true),
                files.DataDirectory,
                port,
                ShortVersion(connection.ServerVersion),
                StartedNow: false,
                InitializedNow: false);
        }
        catch (NpgsqlException)
        {
            // Not running, still starting, or the database does not exist yet: the locked path sorts it out.
            return null;
        }
    }

    private static async Task PrepareDataDirectoryAsync(LocalPostgresFiles files, LocalPostgresOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var existed = Directory.Exists(files.DataDirectory);
            Directory.CreateDirectory(files.DataDirectory);
            if (files.IsInitialized)
            {
                return;
            }
            if (!OperatingSystem.IsWindows())
            {
                // instance.json holds the superuser password: nobody else may look inside.
                File.SetUnixFileMode(files.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            if (LocalPostgresProcess.IsRoot)
            {
                await LocalPostgresProcess.ChownAsync(files.DataDirectory, options.ServiceUser, cancellationToken);
            }
            if (!existed)
            {
                options.Log?.Invoke($"Created the Rapport data directory {files.DataDirectory}.");
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new LocalPostgresException(
                $"No access to the Rapport data directory {files.DataDirectory} ({ex.Message}). "
                + $"Set {LocalPostgresOptions.DataDirectoryVariable} to a directory you own, or set ConnectionStrings__Rapport to use another server.",
                ex);
        }
    }

    private static async Task InitializeAsync(
        LocalPostgresFiles files,
        LocalPostgresBinaries binaries,
        LocalPostgresOptions options,
        CancellationToken cancellationToken)
    {
        if (Directory.Exists(files.ClusterDirectory) && Directory.EnumerateFileSystemEntries(files.ClusterDirectory).Any())
        {
            throw new LocalPostgresException(File.Exists(Path.Combine(files.ClusterDirectory, "PG_VERSION"))
                ? $"{files.ClusterDirectory} holds a cluster but {files.InstanceFile} (its port and password) is missing. "
                  + "Restore the file, or stop that server and remove the data directory to start afresh."
                : $"{files.ClusterDirectory} exists but is not a PostgreSQL cluster; remove it or set {LocalPostgresOptions.DataDirectoryVariable} to another directory.");
        }
        if (Directory.Exists(files.ClusterDirectory))
        {
            Directory.Delete(files.ClusterDirectory);
        }
        if (Directory.Exists(files.PendingClusterDirectory))
        {
            // Left by an initdb that was interrupted; never a cluster anybody used.
            Directory.Delete(files.PendingClusterDirectory, recursive: true);
        }

        options.Log?.Invoke($"Initialising a PostgreSQL {binaries.Version} cluster in {files.ClusterDirectory} ...");
        var password = LocalPostgresFiles.GeneratePassword();
        var passwordFile = Path.Combine(files.DataDirectory, $".initdb-password-{Guid.NewGuid():N}");
        var createOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            createOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            await using (var stream = new FileStream(passwordFile, createOptions))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(password);
            }
            if (LocalPostgresProcess.IsRoot)
            {
                await LocalPostgresProcess.ChownAsync(passwordFile, options.ServiceUser, cancellationToken);
            }

            var outcome = await RunInitDbAsync(files, binaries, options, passwordFile, "C.UTF-8", cancellationToken);
            if (outcome.ExitCode != 0 && outcome.Combined.Contains("locale", StringComparison.OrdinalIgnoreCase))
            {
                // C.UTF-8 (Unicode-aware upper/lower, byte-order collation) is missing on some systems; plain C still sorts the same.
                if (Directory.Exists(files.PendingClusterDirectory))
                {
                    Directory.Delete(files.PendingClusterDirectory, recursive: true);
                }
                outcome = await RunInitDbAsync(files, binaries, options, passwordFile, "C", cancellationToken);
            }
            if (outcome.ExitCode != 0)
            {
                var hint = LocalPostgresProcess.IsRoot
                    ? $" Rapport runs as root, so initdb runs as the '{options.ServiceUser}' user, which must be able to reach {files.DataDirectory} "
                      + $"(every parent directory needs execute permission for it; /root does not allow that). Set {LocalPostgresOptions.DataDirectoryVariable} elsewhere if needed."
                    : string.Empty;
                throw new LocalPostgresException($"initdb failed for {files.ClusterDirectory}: {outcome.Combined}{hint}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var port = LocalPostgresFiles.ChooseFreePort();
        LocalPostgresFiles.WriteServerSettings(files.PendingClusterDirectory, port, options);
        files.WriteInstance(new LocalPostgresFiles.InstanceInfo(port, LocalPostgresFiles.Superuser, password));
        if (!options.DisableFsync)
        {
            await SyncFileSystemAsync(files.DataDirectory, cancellationToken);
        }
        Directory.Move(files.PendingClusterDirectory, files.ClusterDirectory);
    }

    private static Task<LocalPostgresProcess.Outcome> RunInitDbAsync(
        LocalPostgresFiles files,
        LocalPostgresBinaries binaries,
        LocalPostgresOptions options,
        string passwordFile,
        string locale,
        CancellationToken cancellationToken)
    {
        var arguments = new List<string>
        {
            "-D", files.PendingClusterDirectory,
            "-U", LocalPostgresFiles.Superuser,
            $"--pwfile={passwordFile}",
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            $"--locale={locale}",
            "--no-instructions",
        };
        // initdb's own sync fsyncs ~1,000 files one by one (1.5-2 s); one syncfs() afterwards (SyncFileSystemAsync) gives the same durability in a fraction.
        arguments.Add("--no-sync");
        return LocalPostgresProcess.RunAsync(binaries.InitDb, arguments, ServiceUser(options), ToolTimeout, cancellationToken);
    }

    /// <summary>Flushes the file system holding the new cluster to disk (syncfs via <c>sync -f</c>; plain <c>sync</c> where that is missing).</summary>
    private static async Task SyncFileSystemAsync(string directory, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        try
        {
            var outcome = await LocalPostgresProcess.RunAsync("sync", ["-f", directory], null, ToolTimeout, cancellationToken);
            if (outcome.ExitCode != 0)
            {
                await LocalPostgresProcess.RunAsync("sync", [], null, ToolTimeout, cancellationToken);
            }
        }
        catch (LocalPostgresException ex)
        {
            throw new LocalPostgresException($"Could not flush the new cluster in {directory} to disk: {ex.Message}", ex);
        }
    }

    /// <summary>pg_ctl start, detached; retries once on a new port if the recorded one was taken meanwhile.</summary>
    private static async Task<int> StartServerAsync(
        LocalPostgresFiles files,
        LocalPostgresBinaries binaries,
        LocalPostgresFiles.InstanceInfo instance,
        LocalPostgresOptions options,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            LocalPostgresFiles.WriteServerSettings(files.ClusterDirectory, instance.Port, options);
            options.Log?.Invoke($"Starting local PostgreSQL {binaries.Version} on 127.0.0.1:{instance.Port} (data directory {files.DataDirectory}) ...");
            var logOffset = File.Exists(files.LogFile) ? new FileInfo(files.LogFile).Length : 0;
            var outcome = await LocalPostgresProcess.RunAsync(
                binaries.PgCtl,
                ["start", "-D", files.ClusterDirectory, "-l", files.LogFile, "-w", "-t", Seconds(options.StartTimeout), "-s"],
                ServiceUser(options),
                options.StartTimeout + TimeSpan.FromSeconds(10),
                cancellationToken);
            if (outcome.ExitCode == 0)
            {
                await WaitForConnectionAsync(files, ConnectionString(instance.Port, instance, "postgres", pooling: false), options.StartTimeout, cancellationToken);
                return instance.Port;
            }

            var log = ReadFrom(files.LogFile, logOffset);
            if (attempt == 0 && (log.Contains("could not bind", StringComparison.Ordinal) || log.Contains("Address already in use", StringComparison.Ordinal)))
            {
                var port = LocalPostgresFiles.ChooseFreePort();
                options.Log?.Invoke($"Port {instance.Port} is taken by another program; moving the local instance to port {port}.");
                instance = instance with { Port = port };
                files.WriteInstance(instance);
                continue;
            }
            throw new LocalPostgresException(
                $"PostgreSQL did not start (data directory {files.ClusterDirectory}): {outcome.Combined}"
                + (log.Length > 0 ? $"{Environment.NewLine}Server log ({files.LogFile}):{Environment.NewLine}{Tail(log)}" : string.Empty));
        }
    }

    private static string ReadFrom(string path, long offset)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static string Tail(string text, int lines = 15)
    {
        var all = text.TrimEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private static async Task WaitForConnectionAsync(LocalPostgresFiles files, string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword || ex.SqlState == PostgresErrorCodes.InvalidAuthorizationSpecification)
            {
                throw new LocalPostgresException(
                    $"The local PostgreSQL server in {files.DataDirectory} rejected the credentials in {files.InstanceFile}: {ex.MessageText}", ex);
            }
            catch (NpgsqlException ex) when (DateTime.UtcNow >= deadline)
            {
                throw new LocalPostgresException(
                    $"The local PostgreSQL server in {files.DataDirectory} does not accept connections after {timeout.TotalSeconds:0} s: {ex.Message}"
                    + $"{Environment.NewLine}Server log ({files.LogFile}):{Environment.NewLine}{LocalPostgresProcess.Tail(files.LogFile)}",
                    ex);
            }
            catch (NpgsqlException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Creates the database unless it exists; returns the server version.</summary>
    private static async Task<string> EnsureDatabaseAsync(string maintenanceConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(maintenanceConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.AddWithValue(database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                try
                {
                    await using var create = PgSql.Command(connection, $"CREATE DATABASE {QuoteIdentifier(database)}");
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    // Created concurrently by a process using the server without our lock (e.g. a test fixture).
                }
            }
        }
        return ShortVersion(connection.ServerVersion);
    }

    internal static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
