using Npgsql;
using Rapport.Core.Data;

namespace Rapport.Core.Database;

/// <summary>
/// Applies versioned SQL scripts (embedded <c>Migrations/NNNN_name.sql</c>) in order, each in its own transaction,
/// recording them in <c>schema_migrations</c>. A PostgreSQL advisory lock serialises concurrent migrators (several
/// app instances starting at once); a script edited after it was applied is refused, unless the recorded checksum is
/// one of the script's <see cref="EarlierChecksum">earlier accepted checksums</see> (then the record is updated).
/// See docs/decisions/0001-sql-migrations.md.
/// </summary>
public sealed class Migrator
{
    /// <summary>Prefix of the embedded migration resources of Rapport.Core.</summary>
    public const string RapportResourcePrefix = "Rapport.Core.Migrations.";

    /// <summary>Key of the session-level advisory lock held while migrating: the ASCII bytes of "rapport1".</summary>
    public const long AdvisoryLockKey = 0x726170706F727431;

    private static readonly Lazy<IReadOnlyList<MigrationScript>> RapportScripts =
        new(() => MigrationScript.FromEmbeddedResources(typeof(Migrator).Assembly, RapportResourcePrefix));

    private readonly Action<string>? _log;
    private readonly ILookup<int, EarlierChecksum> _earlierChecksums;

    /// <param name="scripts">The scripts to apply; versions must be unique.</param>
    /// <param name="log">
    /// Receives one line per applied script, a note when waiting for another migrator, and one line per record updated
    /// from an earlier accepted checksum.
    /// </param>
    /// <param name="earlierChecksums">Checksums the scripts had before comment-only edits, still accepted when recorded.</param>
    public Migrator(IEnumerable<MigrationScript> scripts, Action<string>? log = null, IEnumerable<EarlierChecksum>? earlierChecksums = null)
    {
        Scripts = MigrationScript.Ordered(scripts);
        _log = log;
        _earlierChecksums = (earlierChecksums ?? []).ToLookup(e => e.Version);
    }

    /// <summary>The migrator for Rapport's own schema, with <see cref="EarlierChecksum.OfRapportMigrations"/>.</summary>
    public static Migrator ForRapport(Action<string>? log = null) => new(RapportScripts.Value, log, EarlierChecksum.OfRapportMigrations);

    /// <summary>All scripts, ordered by version.</summary>
    public IReadOnlyList<MigrationScript> Scripts { get; }

    /// <summary>Applies every script not yet recorded in <c>schema_migrations</c>; safe to call concurrently and repeatedly.</summary>
    /// <exception cref="MigrationException">
    /// An applied script has changed, the database has a migration this code does not know, or a script failed
    /// (its transaction is rolled back; earlier scripts of the run stay applied).
    /// </exception>
    public async Task<MigrationResult> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection))
        {
            tryLock.Parameters.AddWithValue(AdvisoryLockKey);
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                _log?.Invoke("Another process is migrating this database; waiting for it to finish ...");
                await using var waitLock = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection) { CommandTimeout = 0 };
                waitLock.Parameters.AddWithValue(AdvisoryLockKey);
                await waitLock.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        try
        {
            await using (var create = new NpgsqlCommand(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    checksum text NOT NULL
                )
                """,
                connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var outdated = Validate(applied);
            if (outdated.Count > 0)
            {
                await UpdateChecksumsAsync(connection, outdated, cancellationToken);
            }
            var appliedVersions = applied.Select(a => a.Version).ToHashSet();
            var done = new List<MigrationScript>();
            foreach (var script in Scripts.Where(s => !appliedVersions.Contains(s.Version)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                _log?.Invoke($"Applying migration {script.Id} ...");
                await ApplyAsync(connection, script, cancellationToken);
                done.Add(script);
            }
            return new MigrationResult(done, applied.Count);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                unlock.Parameters.AddWithValue(AdvisoryLockKey);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Applied migrations (empty when the database was never migrated) and the scripts still to apply.</summary>
    public async Task<MigrationStatus> GetStatusAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return new MigrationStatus([], Scripts);
            }
        }
        var applied = await ReadAppliedAsync(connection, cancellationToken);
        var versions = applied.Select(a => a.Version).ToHashSet();
        return new MigrationStatus(applied, Scripts.Where(s => !versions.Contains(s.Version)).ToList());
    }

    private static async Task<List<AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new List<AppliedMigration>();
        await using var select = new NpgsqlCommand("SELECT version, name, applied_at, checksum FROM schema_migrations ORDER BY version", connection);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(new AppliedMigration(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3)));
        }
        return applied;
    }

    /// <summary>Throws for an unknown or changed migration; returns the records that carry an earlier accepted checksum.</summary>
    private List<(MigrationScript Script, EarlierChecksum Earlier)> Validate(IReadOnlyList<AppliedMigration> applied)
    {
        var known = Scripts.ToDictionary(s => s.Version);
        var outdated = new List<(MigrationScript Script, EarlierChecksum Earlier)>();
        foreach (var row in applied)
        {
            if (!known.TryGetValue(row.Version, out var script))
            {
                throw new MigrationException(
                    $"The database has migration {row.Version:D4}_{row.Name} applied, which this version of Rapport does not know: "
                    + "a newer Rapport migrated it. Run that version (or newer) instead.");
            }
            if (string.Equals(script.Checksum, row.Checksum, StringComparison.Ordinal))
            {
                continue;
            }
            var earlier = _earlierChecksums[row.Version].FirstOrDefault(e => string.Equals(e.Checksum, row.Checksum, StringComparison.Ordinal));
            if (earlier is not null)
            {
                outdated.Add((script, earlier));
            }
            else
            {
                throw new MigrationException(
                    $"Migration {script.Id} was changed after it was applied to this database (checksum recorded {row.Checksum[..Math.Min(12, row.Checksum.Length)]}…, "
                    + $"script now {script.Checksum[..12]}…). Applied migrations must not be edited: undo the edit and put the change in a new migration.");
            }
        }
        return outdated;
    }

    /// <summary>
    /// Records the current checksum for migrations applied in an earlier accepted version, in one transaction under
    /// the advisory lock; afterwards the records match the scripts, so a database logs each update once.
    /// </summary>
    private async Task UpdateChecksumsAsync(
        NpgsqlConnection connection, List<(MigrationScript Script, EarlierChecksum Earlier)> outdated, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (script, earlier) in outdated)
        {
            await using var update = new NpgsqlCommand(
                "UPDATE schema_migrations SET checksum = $1 WHERE version = $2 AND checksum = $3", connection, transaction);
            update.Parameters.AddWithValue(script.Checksum);
            update.Parameters.AddWithValue(script.Version);
            update.Parameters.AddWithValue(earlier.Checksum);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        foreach (var (script, earlier) in outdated)
        {
            _log?.Invoke($"Migration {script.Id} was applied in an earlier accepted version ({earlier.Reason}); its recorded checksum is updated.");
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!string.IsNullOrWhiteSpace(script.Sql))
            {
                await using var command = PgSql.Command(connection, transaction, script.Sql);
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction))
            {
                record.Parameters.AddWithValue(script.Version);
                record.Parameters.AddWithValue(script.Name);
                record.Parameters.AddWithValue(script.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            var statement = ex.BatchCommand?.CommandText?.Trim();
            if (statement is { Length: > 200 })
            {
                statement = statement[..200] + " …";
            }
            throw new MigrationException(
                $"Migration {script.Id} failed and was rolled back: {ex.MessageText} (SQLSTATE {ex.SqlState})"
                + (statement is null ? string.Empty : $" in statement: {statement}"),
                ex);
        }
    }
}
