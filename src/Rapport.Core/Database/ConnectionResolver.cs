using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Rapport.Core.Database;

/// <summary>Where a connection string came from.</summary>
public enum ConnectionSource
{
    /// <summary>The <c>--connection</c> option (or another explicit value from the caller).</summary>
    Explicit,

    /// <summary>Configuration key <c>ConnectionStrings:Rapport</c> (environment variable <c>ConnectionStrings__Rapport</c>).</summary>
    Configuration,

    /// <summary>The local PostgreSQL instance in the Rapport data directory.</summary>
    LocalInstance,
}

/// <summary>A connection string and its origin.</summary>
/// <param name="ConnectionString">Contains credentials: do not print it.</param>
/// <param name="LocalInstance">Set when <paramref name="Source"/> is <see cref="ConnectionSource.LocalInstance"/>.</param>
public sealed record ResolvedConnection(string ConnectionString, ConnectionSource Source, LocalPostgresInstance? LocalInstance);

/// <summary>A configured connection string cannot be parsed; the message names where it came from (never its value).</summary>
public sealed class InvalidConnectionStringException(string message, Exception innerException) : Exception(message, innerException);

/// <summary>
/// Picks the database for the CLI and the web host (docs/running.md#database): <c>--connection</c>, else
/// <c>ConnectionStrings__Rapport</c>, else the local instance (started if needed).
/// </summary>
public static class ConnectionResolver
{
    public const string ConnectionStringName = "Rapport";

    /// <summary>Configuration key of the connection string.</summary>
    public const string ConfigurationKey = "ConnectionStrings:" + ConnectionStringName;

    /// <summary>The same key as an environment variable.</summary>
    public const string EnvironmentVariable = "ConnectionStrings__" + ConnectionStringName;

    /// <summary>Resolves and returns the connection string; see <see cref="ResolveWithSourceAsync"/>.</summary>
    public static async Task<string> ResolveAsync(
        string? explicitConnection,
        IConfiguration? configuration,
        LocalPostgresOptions? localOptions = null,
        CancellationToken cancellationToken = default) =>
        (await ResolveWithSourceAsync(explicitConnection, configuration, localOptions, cancellationToken)).ConnectionString;

    /// <summary>
    /// <paramref name="explicitConnection"/> if not blank; else <c>ConnectionStrings:Rapport</c> from
    /// <paramref name="configuration"/> (when null: the <c>ConnectionStrings__Rapport</c> environment variable);
    /// else <see cref="LocalPostgres.EnsureStartedAsync"/> with <paramref name="localOptions"/>.
    /// </summary>
    /// <exception cref="InvalidConnectionStringException">A given connection string does not parse.</exception>
    /// <exception cref="LocalPostgresException">The local instance is needed but cannot be started (e.g. no PostgreSQL installed).</exception>
    public static async Task<ResolvedConnection> ResolveWithSourceAsync(
        string? explicitConnection,
        IConfiguration? configuration,
        LocalPostgresOptions? localOptions = null,
        CancellationToken cancellationToken = default)
    {
        var configured = FindConfigured(explicitConnection, configuration);
        if (configured is not null)
        {
            return configured;
        }
        var local = await LocalPostgres.EnsureStartedAsync(localOptions, cancellationToken);
        return new ResolvedConnection(local.ConnectionString, ConnectionSource.LocalInstance, local);
    }

    /// <summary>The explicit or configured connection string, or null when the local instance would be used. Starts nothing.</summary>
    /// <exception cref="InvalidConnectionStringException">A given connection string does not parse.</exception>
    public static ResolvedConnection? FindConfigured(string? explicitConnection, IConfiguration? configuration)
    {
        if (!string.IsNullOrWhiteSpace(explicitConnection))
        {
            return new ResolvedConnection(Validate(explicitConnection, "--connection"), ConnectionSource.Explicit, null);
        }
        var fromConfiguration = configuration is not null
            ? configuration.GetConnectionString(ConnectionStringName)
            : Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromConfiguration))
        {
            return new ResolvedConnection(
                Validate(fromConfiguration, $"{EnvironmentVariable} (configuration key {ConfigurationKey})"),
                ConnectionSource.Configuration,
                null);
        }
        return null;
    }

    private static string Validate(string connectionString, string origin)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return connectionString;
        }
        catch (ArgumentException ex)
        {
            // The value is not echoed: it may hold a password.
            throw new InvalidConnectionStringException(
                $"The connection string from {origin} is not a valid PostgreSQL connection string: {ex.Message} "
                + "Expected e.g. \"Host=localhost;Port=5432;Database=rapport;Username=rapport;Password=...\".",
                ex);
        }
    }
}
