using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rapport.Core.Database;

/// <summary>
/// Layout of a Rapport data directory:
/// <c>pgdata/</c> the cluster, <c>instance.json</c> port and superuser credentials (mode 0600),
/// <c>server.log</c> the server's log, <c>.lock</c> serialises starting and stopping between processes.
/// </summary>
internal sealed class LocalPostgresFiles(string dataDirectory)
{
    public const string Superuser = "rapport";
    private const string ConfigBegin = "# BEGIN rapport: managed by Rapport, rewritten whenever Rapport starts the server";
    private const string ConfigEnd = "# END rapport";

    public string DataDirectory { get; } = dataDirectory;

    public string ClusterDirectory => Path.Combine(DataDirectory, "pgdata");

    /// <summary>initdb writes here first; the rename to <see cref="ClusterDirectory"/> makes initialisation all-or-nothing.</summary>
    public string PendingClusterDirectory => Path.Combine(DataDirectory, "pgdata.initdb");

    public string InstanceFile => Path.Combine(DataDirectory, "instance.json");

    public string LogFile => Path.Combine(DataDirectory, "server.log");

    public string LockFile => Path.Combine(DataDirectory, ".lock");

    public string PidFile => Path.Combine(ClusterDirectory, "postmaster.pid");

    public bool IsInitialized => File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")) && File.Exists(InstanceFile);

    /// <summary>Major version that created the cluster (PG_VERSION), or null before initialisation.</summary>
    public int? ClusterMajorVersion
    {
        get
        {
            var path = Path.Combine(ClusterDirectory, "PG_VERSION");
            if (!File.Exists(path))
            {
                return null;
            }
            var text = File.ReadAllText(path).Trim();
            return int.TryParse(text.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : null;
        }
    }

    internal sealed record InstanceInfo(int Port, string Username, string Password);

    public InstanceInfo? ReadInstance()
    {
        try
        {
            if (!File.Exists(InstanceFile))
            {
                return null;
            }
            return JsonSerializer.Deserialize<InstanceInfo>(File.ReadAllText(InstanceFile), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new LocalPostgresException($"{InstanceFile} is damaged ({ex.Message}). Stop the server and remove the data directory {DataDirectory} to start afresh.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new LocalPostgresException($"Cannot read {InstanceFile}: the local instance belongs to another user. Set RAPPORT_DATA_DIR to a directory of your own.", ex);
        }
    }

    public void WriteInstance(InstanceInfo info)
    {
        var temporary = InstanceFile + ".tmp";
        // Created with 0600 from the start: the file holds the superuser password.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, info, JsonOptions);
        }
        File.Move(temporary, InstanceFile, overwrite: true);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    /// <summary>A port nobody listens on right now (the OS picks it); persisted so later processes find the server.</summary>
    public static int ChooseFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Rewrites Rapport's block at the end of postgresql.conf. The file already exists (initdb made it, owned
    /// by the service user); rewriting in place keeps its owner, so no chown is needed when running as root.
    /// </summary>
    public static void WriteServerSettings(string clusterDirectory, int port, LocalPostgresOptions options)
    {
        var path = Path.Combine(clusterDirectory, "postgresql.conf");
        var text = File.ReadAllText(path);
        var begin = text.IndexOf(ConfigBegin, StringComparison.Ordinal);
        if (begin >= 0)
        {
            text = text[..begin];
        }
        var block = new StringBuilder()
            .AppendLine(ConfigBegin)
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {port}")
            // No Unix socket: the default socket directory (/var/run/postgresql) is not writable for ordinary users,
            // and TCP on 127.0.0.1 with a password is the one way in.
            .AppendLine("unix_socket_directories = ''")
            .AppendLine(CultureInfo.InvariantCulture, $"max_connections = {options.MaxConnections}")
            .AppendLine("timezone = 'UTC'")
            .AppendLine("log_timezone = 'UTC'")
            .AppendLine("password_encryption = 'scram-sha-256'")
            // One server, no replicas or WAL archive: minimal WAL lets bulk writes into tables created or truncated in
            // the same transaction (the first order import, ADR 0019) skip the WAL and sync their files once at commit.
            .AppendLine("wal_level = minimal")
            .AppendLine("max_wal_senders = 0");
        if (options.DisableFsync)
        {
            block.AppendLine("fsync = off")
                .AppendLine("synchronous_commit = off")
                .AppendLine("full_page_writes = off");
        }
        block.AppendLine(ConfigEnd);
        File.WriteAllText(path, text.TrimEnd() + "\n\n" + block.ToString().ReplaceLineEndings("\n"));
    }

    internal sealed record PidInfo(int ProcessId, int? Port, string? Status);

    /// <summary>postmaster.pid: line 1 pid, line 4 port, line 8 status ("ready", "starting", "stopping").</summary>
    public PidInfo? ReadPidFile()
    {
        string[] lines;
        try
        {
            if (!File.Exists(PidFile))
            {
                return null;
            }
            lines = File.ReadAllLines(PidFile);
        }
        catch (IOException)
        {
            return null;
        }
        if (lines.Length == 0 || !int.TryParse(lines[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }
        int? port = lines.Length > 3 && int.TryParse(lines[3].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
        var status = lines.Length > 7 ? lines[7].Trim() : null;
        return new PidInfo(pid, port, status);
    }

    /// <summary>
    /// Exclusive lock on <c>.lock</c>. On Unix .NET takes an flock() for <see cref="FileShare.None"/>, which other
    /// processes (and other handles in this process) respect; the kernel drops it if the process dies.
    /// </summary>
    public async Task<IDisposable> AcquireLockAsync(TimeSpan timeout, Action<string>? log, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var announced = false;
        while (true)
        {
            try
            {
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!announced)
                {
                    log?.Invoke($"Waiting for another Rapport process that is starting or stopping the local PostgreSQL instance in {DataDirectory} ...");
                    announced = true;
                }
                await Task.Delay(50, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new LocalPostgresException(
                    $"Another process kept {LockFile} locked for more than {timeout.TotalSeconds:0} s; is a Rapport process stuck while starting PostgreSQL?", ex);
            }
        }
    }
}
