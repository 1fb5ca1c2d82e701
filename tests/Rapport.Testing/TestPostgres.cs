using System.Diagnostics;
using System.Globalization;
using Rapport.Core.Database;

namespace Rapport.Testing;

/// <summary>
/// The one PostgreSQL cluster of a test run (per test assembly process): started on first use from a fresh temp
/// data directory with fsync off, on a free port, through <see cref="LocalPostgres"/>; stopped and deleted when the
/// test process exits. See tests/INTEGRATION_TEST.md.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<TestCluster>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared cluster; the first call starts it (about 1–2 s).</summary>
    public static Task<TestCluster> GetClusterAsync() => Shared.Value;

    /// <summary>
    /// Options for a cluster in <paramref name="dataDirectory"/> tuned for tests: fsync off, room for many
    /// parallel connections, notes to the test output only when asked.
    /// </summary>
    public static LocalPostgresOptions TestOptions(string dataDirectory) => new()
    {
        DataDirectory = dataDirectory,
        DisableFsync = true,
        MaxConnections = 300,
        StartTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>
    /// A new, not yet existing directory under the temp folder for a throw-away cluster. It is removed — and a
    /// server running in it stopped — when this process exits, even if it is killed.
    /// </summary>
    public static string CreateScratchDirectory(string purpose)
    {
        var root = Path.Combine(Path.GetTempPath(), "rapport-tests");
        Directory.CreateDirectory(root);
        var directory = Path.Combine(root, $"{purpose}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
        StartWatchdog(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ShutDownImmediately(directory);
        return directory;
    }

    /// <summary>Stops a server in <paramref name="directory"/> if one runs, then deletes the directory.</summary>
    public static void RemoveCluster(string directory)
    {
        try
        {
            if (File.Exists(Path.Combine(directory, "instance.json")))
            {
                LocalPostgres.StopAsync(TestOptions(directory)).GetAwaiter().GetResult();
            }
        }
        catch (LocalPostgresException)
        {
            // Deleting the directory below still frees the disk; a server that refused to stop is killed by the watchdog.
        }
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // The watchdog retries once this process is gone.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    /// <summary>
    /// The test host is killed a few hundred milliseconds after ProcessExit starts, too soon for pg_ctl's orderly
    /// stop; SIGQUIT (PostgreSQL's immediate shutdown) is enough for a throw-away cluster. The watchdog finishes
    /// whatever this does not get to.
    /// </summary>
    private static void ShutDownImmediately(string directory)
    {
        try
        {
            var pidFile = Path.Combine(directory, "pgdata", "postmaster.pid");
            if (!OperatingSystem.IsWindows() && File.Exists(pidFile))
            {
                var pid = File.ReadLines(pidFile).First().Trim();
                using (var kill = Process.Start(new ProcessStartInfo("kill", ["-QUIT", pid]) { UseShellExecute = false }))
                {
                    kill?.WaitForExit(1000);
                }
                var deadline = DateTime.UtcNow.AddSeconds(2);
                while (File.Exists(pidFile) && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(20);
                }
            }
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Left to the watchdog.
        }
    }

    private static async Task<TestCluster> StartSharedAsync()
    {
        var directory = CreateScratchDirectory("cluster");
        var options = TestOptions(directory);
        var instance = await LocalPostgres.EnsureStartedAsync(options);
        return new TestCluster(options, instance);
    }

    /// <summary>
    /// A detached shell that waits for this process to end and then shuts the cluster down (SIGQUIT: immediate
    /// shutdown) and deletes its directory. It covers test hosts that are killed, where ProcessExit never runs;
    /// setsid keeps it out of the process group that a Ctrl+C or a test-host kill takes down.
    /// </summary>
    private static void StartWatchdog(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        const string script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            pidfile="$2/pgdata/postmaster.pid"
            if [ -f "$pidfile" ]; then
              kill -QUIT "$(head -n 1 "$pidfile")" 2>/dev/null
              i=0
              while [ -f "$pidfile" ] && [ "$i" -lt 50 ]; do sleep 0.2; i=$((i+1)); done
            fi
            rm -rf "$2"
            """;
        var start = new ProcessStartInfo { UseShellExecute = false };
        var setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
        if (setsid is not null)
        {
            start.FileName = setsid;
            start.ArgumentList.Add("/bin/sh");
        }
        else
        {
            start.FileName = "/bin/sh";
        }
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("rapport-test-watchdog");
        start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start);
    }
}
