using System.Globalization;
using System.Text.RegularExpressions;

namespace Rapport.Core.Database;

/// <summary>A directory with the PostgreSQL server programs Rapport needs (initdb, pg_ctl, postgres).</summary>
public sealed partial record LocalPostgresBinaries(string BinDirectory, int MajorVersion, string Version)
{
    /// <summary>Oldest server major version Rapport's migrations are written for.</summary>
    public const int MinimumMajorVersion = 15;

    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    internal string InitDb => Program("initdb");

    internal string PgCtl => Program("pg_ctl");

    private string Program(string name) => Path.Combine(BinDirectory, OperatingSystem.IsWindows() ? name + ".exe" : name);

    /// <summary>
    /// Finds the binaries: <paramref name="explicitBinDirectory"/> if given, else <c>pg_config --bindir</c>,
    /// then /usr/lib/postgresql/*/bin (newest first) and the other usual install paths, then PATH.
    /// With <paramref name="requiredMajorVersion"/> (an existing cluster) only that major version fits.
    /// </summary>
    public static async Task<LocalPostgresBinaries> LocateAsync(
        string? explicitBinDirectory,
        int? requiredMajorVersion,
        CancellationToken cancellationToken)
    {
        var candidates = string.IsNullOrWhiteSpace(explicitBinDirectory)
            ? await CandidateDirectoriesAsync(cancellationToken)
            : [Path.GetFullPath(explicitBinDirectory)];

        var rejected = new List<string>();
        foreach (var directory in candidates)
        {
            if (!RequiredPrograms.All(p => File.Exists(Path.Combine(directory, OperatingSystem.IsWindows() ? p + ".exe" : p))))
            {
                continue;
            }
            var found = await ReadVersionAsync(directory, cancellationToken);
            if (found is null)
            {
                continue;
            }
            if (requiredMajorVersion is { } required ? found.MajorVersion != required : found.MajorVersion < MinimumMajorVersion)
            {
                rejected.Add($"{found.Version} in {directory}");
                continue;
            }
            return found;
        }
        throw new PostgresBinariesNotFoundException(NotFoundMessage(candidates, rejected, requiredMajorVersion, explicitBinDirectory));
    }

    internal static string NotFoundMessage(
        IReadOnlyCollection<string> searched,
        IReadOnlyCollection<string> rejected,
        int? requiredMajorVersion,
        string? explicitBinDirectory)
    {
        var where = explicitBinDirectory is not null
            ? $"in {explicitBinDirectory}"
            : "via `pg_config --bindir`, in /usr/lib/postgresql/*/bin and on PATH"
              + (searched.Count > 0 ? $" (checked: {string.Join(", ", searched)})" : string.Empty);
        var wanted = requiredMajorVersion is { } required
            ? $"PostgreSQL {required} server binaries (the local data directory was created by PostgreSQL {required})"
            : $"PostgreSQL {MinimumMajorVersion}+ server binaries (initdb, pg_ctl, postgres)";
        var unusable = rejected.Count > 0 ? $" Found but not usable: {string.Join("; ", rejected)}." : string.Empty;
        var package = requiredMajorVersion is { } major ? $"postgresql-{major}" : "postgresql";
        return $"No {wanted} were found {where}.{unusable} "
            + $"Install PostgreSQL (Debian/Ubuntu: `sudo apt-get install {package}`; other systems: https://www.postgresql.org/download/), "
            + "or point Rapport at an existing PostgreSQL 15+ server with the environment variable "
            + "ConnectionStrings__Rapport=\"Host=...;Port=5432;Database=rapport;Username=...;Password=...\" or the --connection option.";
    }

    private static async Task<IReadOnlyList<string>> CandidateDirectoriesAsync(CancellationToken cancellationToken)
    {
        var result = new List<string>();
        void Add(string? directory)
        {
            if (string.IsNullOrWhiteSpace(directory))
            {
                return;
            }
            var full = Path.GetFullPath(directory.Trim());
            if (!result.Contains(full, StringComparer.Ordinal))
            {
                result.Add(full);
            }
        }

        Add(await PgConfigBinDirAsync(cancellationToken));
        foreach (var pattern in UsualInstallRoots())
        {
            foreach (var directory in VersionedDirectories(pattern.Root, pattern.Prefix, pattern.Suffix))
            {
                Add(directory);
            }
        }
        Add("/usr/local/pgsql/bin");
        foreach (var entry in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (entry.Length > 0 && File.Exists(Path.Combine(entry, OperatingSystem.IsWindows() ? "pg_ctl.exe" : "pg_ctl")))
            {
                Add(entry);
            }
        }
        return result;
    }

    private static IEnumerable<(string Root, string Prefix, string Suffix)> UsualInstallRoots()
    {
        if (OperatingSystem.IsWindows())
        {
            yield return (Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "PostgreSQL"), string.Empty, "bin");
            yield break;
        }
        yield return ("/usr/lib/postgresql", string.Empty, "bin");   // Debian, Ubuntu
        yield return ("/usr", "pgsql-", "bin");                     // RHEL, Fedora (PGDG)
        yield return ("/opt/homebrew/opt", "postgresql@", "bin");   // macOS Homebrew
        yield return ("/usr/local/opt", "postgresql@", "bin");
    }

    /// <summary>Subdirectories <c>root/prefixNN/suffix</c>, highest version first.</summary>
    internal static IEnumerable<string> VersionedDirectories(string root, string prefix, string suffix)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }
        try
        {
            return Directory.EnumerateDirectories(root, prefix + "*")
                .Select(d => (Path: d, Version: ParseDecimal(Path.GetFileName(d)[prefix.Length..])))
                .Where(d => d.Version is not null)
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Path, suffix))
                .ToList();
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static decimal? ParseDecimal(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static async Task<string?> PgConfigBinDirAsync(CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await LocalPostgresProcess.RunAsync("pg_config", ["--bindir"], null, TimeSpan.FromSeconds(10), cancellationToken);
            return outcome.ExitCode == 0 ? outcome.StandardOutput.Trim() : null;
        }
        catch (LocalPostgresException)
        {
            // pg_config is not installed (it comes with the client/dev packages); the path search still applies.
            return null;
        }
    }

    private static async Task<LocalPostgresBinaries?> ReadVersionAsync(string directory, CancellationToken cancellationToken)
    {
        var pgCtl = Path.Combine(directory, OperatingSystem.IsWindows() ? "pg_ctl.exe" : "pg_ctl");
        try
        {
            var outcome = await LocalPostgresProcess.RunAsync(pgCtl, ["--version"], null, TimeSpan.FromSeconds(10), cancellationToken);
            if (outcome.ExitCode != 0)
            {
                return null;
            }
            var version = ParseVersion(outcome.StandardOutput);
            return version is null ? null : new LocalPostgresBinaries(directory, version.Value.Major, version.Value.Text);
        }
        catch (LocalPostgresException)
        {
            return null;
        }
    }

    /// <summary>Reads "pg_ctl (PostgreSQL) 15.18 (Debian ...)" or "PostgreSQL 16beta1".</summary>
    internal static (int Major, string Text)? ParseVersion(string output)
    {
        var match = VersionPattern().Match(output);
        if (!match.Success)
        {
            return null;
        }
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[0].Value);
    }

    [GeneratedRegex(@"(\d+)(?:\.\d+)*(?:beta\d+|rc\d+|devel)?", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
