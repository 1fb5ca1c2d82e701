using System.Diagnostics;
using System.Text;

namespace Rapport.Core.Database;

/// <summary>Runs the PostgreSQL tools, as the service user when Rapport itself runs as root.</summary>
internal static class LocalPostgresProcess
{
    /// <summary>
    /// Effective user is root. <see cref="Environment.UserName"/> is looked up from the effective uid on Unix,
    /// so this is the geteuid() == 0 test without P/Invoke.
    /// </summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    internal sealed record Outcome(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Combined => (StandardOutput + Environment.NewLine + StandardError).Trim();
    }

    /// <summary>Runs <paramref name="fileName"/>; as root through <c>runuser -u serviceUser --</c> when <paramref name="serviceUser"/> is given.</summary>
    public static async Task<Outcome> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? serviceUser,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The caller's working directory may be one the service user cannot enter (e.g. /root).
            WorkingDirectory = OperatingSystem.IsWindows() ? Path.GetTempPath() : "/",
        };
        if (serviceUser is not null && IsRoot)
        {
            start.FileName = FindRunuser();
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(serviceUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(fileName);
        }
        else
        {
            start.FileName = fileName;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // PG* variables (PGDATA, PGPORT, PGHOST, ...) of the caller's shell would silently redirect the tools.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        // English, untranslated messages: we look for "could not bind" in the server log.
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANG"] = "C";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new LocalPostgresException($"Could not run {start.FileName}: {ex.Message}", ex);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited between the timeout and the kill.
            }
            cancellationToken.ThrowIfCancellationRequested();
            throw new LocalPostgresException(
                $"{Path.GetFileName(fileName)} did not finish within {timeout.TotalSeconds:0} s.");
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Gives <paramref name="path"/> to the service user (only meaningful as root).</summary>
    public static async Task ChownAsync(string path, string serviceUser, CancellationToken cancellationToken)
    {
        var outcome = await RunAsync("chown", [$"{serviceUser}:", path], serviceUser: null, TimeSpan.FromSeconds(30), cancellationToken);
        if (outcome.ExitCode != 0)
        {
            throw new LocalPostgresException(
                $"Could not give {path} to the '{serviceUser}' system user, which runs PostgreSQL when Rapport runs as root: "
                + outcome.Combined
                + (outcome.Combined.Contains("invalid user", StringComparison.OrdinalIgnoreCase)
                    ? $" The '{serviceUser}' user is created by the PostgreSQL server package (apt-get install postgresql)."
                    : string.Empty));
        }
    }

    private static string FindRunuser()
    {
        foreach (var candidate in new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return "runuser";
    }

    /// <summary>The last lines of a log file, for error messages.</summary>
    public static string Tail(string path, int lines = 15)
    {
        try
        {
            if (!File.Exists(path))
            {
                return string.Empty;
            }
            var all = File.ReadAllLines(path, Encoding.UTF8);
            return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
