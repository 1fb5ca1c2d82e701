using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Rapport.Core.Database;

/// <summary>One versioned SQL migration, <c>NNNN_name.sql</c>.</summary>
public sealed partial record MigrationScript
{
    public MigrationScript(int version, string name, string sql)
    {
        if (version <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Migration versions start at 1.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sql);
        Version = version;
        Name = name;
        Sql = sql;
        Checksum = ComputeChecksum(sql);
    }

    public int Version { get; }

    public string Name { get; }

    public string Sql { get; }

    /// <summary>SHA-256 (hex) of the script with line endings normalised, so a Windows checkout does not look "changed".</summary>
    public string Checksum { get; }

    /// <summary>e.g. <c>0001_initial</c>.</summary>
    public string Id => $"{Version:D4}_{Name}";

    public override string ToString() => Id;

    internal static string ComputeChecksum(string sql)
    {
        var normalised = sql.TrimStart('\uFEFF').ReplaceLineEndings("\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    /// <summary>
    /// Reads the embedded resources whose names start with <paramref name="resourcePrefix"/> and end in
    /// <c>NNNN_name.sql</c> (e.g. prefix <c>Rapport.Core.Migrations.</c>), ordered by version.
    /// </summary>
    /// <exception cref="MigrationException">Two scripts share a version.</exception>
    public static IReadOnlyList<MigrationScript> FromEmbeddedResources(Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[resourcePrefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                if (fileName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
                {
                    throw new MigrationException(
                        $"Migration resource '{resource}' is not named NNNN_name.sql (four digits, an underscore, letters/digits/underscores).");
                }
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            scripts.Add(new MigrationScript(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd()));
        }
        return Ordered(scripts);
    }

    internal static IReadOnlyList<MigrationScript> Ordered(IEnumerable<MigrationScript> scripts)
    {
        var ordered = scripts.OrderBy(s => s.Version).ToList();
        var duplicate = ordered.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException(
                $"Several migrations have version {duplicate.Key:D4}: {string.Join(", ", duplicate.Select(s => s.Id))}. Renumber the newer one.");
        }
        return ordered;
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}

/// <summary>A migration row in <c>schema_migrations</c>.</summary>
public sealed record AppliedMigration(int Version, string Name, DateTimeOffset AppliedAt, string Checksum);

/// <summary>Outcome of <see cref="Migrator.MigrateAsync"/>.</summary>
/// <param name="Applied">Scripts this call applied, in order.</param>
/// <param name="AlreadyApplied">Scripts that were applied before.</param>
public sealed record MigrationResult(IReadOnlyList<MigrationScript> Applied, int AlreadyApplied)
{
    public int Total => Applied.Count + AlreadyApplied;
}

/// <summary>Applied and pending migrations of a database, from <see cref="Migrator.GetStatusAsync"/>.</summary>
public sealed record MigrationStatus(IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<MigrationScript> Pending);

/// <summary>The schema cannot be migrated (changed or unknown migration, failing script); the message names the migration.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException(string message)
        : base(message)
    {
    }

    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
