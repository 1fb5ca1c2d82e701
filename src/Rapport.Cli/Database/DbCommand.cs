using System.CommandLine;
using Npgsql;
using Rapport.Cli.Infrastructure;
using Rapport.Core.Database;

namespace Rapport.Cli.Database;

/// <summary><c>rapport db start|stop|status|migrate</c>: the local PostgreSQL instance and the schema (docs/running.md, docs/cli.md).</summary>
internal static class DbCommand
{
    public static readonly Option<string?> DataDirectory = new("--data-dir")
    {
        Description = $"Data directory of the local PostgreSQL instance (default: {LocalPostgresOptions.DataDirectoryVariable}, "
            + "else 'rapport-data' in the user's local data folder; as root /var/lib/rapport/rapport-data).",
        Recursive = true,
    };

    public static Command Create()
    {
        var command = new Command("db", "Manage the local PostgreSQL instance and the database schema.");
        command.Options.Add(DataDirectory);
        command.Subcommands.Add(CreateStart());
        command.Subcommands.Add(CreateStop());
        command.Subcommands.Add(CreateStatus());
        command.Subcommands.Add(CreateMigrate());
        return command;
    }

    private static LocalPostgresOptions LocalOptions(ParseResult parse) => new()
    {
        DataDirectory = parse.GetValue(DataDirectory),
        Log = message => parse.InvocationConfiguration.Error.WriteLine(message),
    };

    private static ResolvedConnection? Configured(ParseResult parse)
    {
        try
        {
            return ConnectionResolver.FindConfigured(parse.GetValue(CommonOptions.Connection), configuration: null);
        }
        catch (InvalidConnectionStringException ex)
        {
            throw new InvalidInputException(ex.Message);
        }
    }

    private static Command CreateStart()
    {
        var command = new Command("start", "Start the local PostgreSQL instance (initialising it on first use); a no-op when it already runs.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configured = Configured(parse);
            var instance = await LocalPostgres.EnsureStartedAsync(LocalOptions(parse), cancellationToken);
            if (configured is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"Note: {Describe(configured.Source)} is set, so Rapport uses that server rather than this local instance.");
            }
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, new
                {
                    dataDirectory = instance.DataDirectory,
                    host = "127.0.0.1",
                    port = instance.Port,
                    serverVersion = instance.ServerVersion,
                    startedNow = instance.StartedNow,
                    initializedNow = instance.InitializedNow,
                });
                return ExitCodes.Ok;
            }
            var what = instance.StartedNow ? "Started local PostgreSQL" : "Local PostgreSQL is already running:";
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"{what} {instance.ServerVersion} on 127.0.0.1:{instance.Port} (data directory {instance.DataDirectory}). Stop it with `rapport db stop`.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateStop()
    {
        var command = new Command("stop", "Stop the local PostgreSQL instance (open sessions are disconnected).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await LocalPostgres.StopAsync(LocalOptions(parse), cancellationToken);
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, new { dataDirectory = result.DataDirectory, wasRunning = result.WasRunning });
                return ExitCodes.Ok;
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync(result.WasRunning
                ? $"Stopped the local PostgreSQL instance (data directory {result.DataDirectory})."
                : $"The local PostgreSQL instance is not running (data directory {result.DataDirectory}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateStatus()
    {
        var command = new Command("status", "Show the local instance (data directory, port, running, version) and the migrations of the database in use.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configured = Configured(parse);
            var local = await LocalPostgres.GetStatusAsync(LocalOptions(parse), cancellationToken);
            var source = configured?.Source ?? ConnectionSource.LocalInstance;
            var connectionString = configured?.ConnectionString ?? (local.Running ? local.ConnectionString : null);

            MigrationStatus? migrations = null;
            string? databaseError = null;
            if (connectionString is not null)
            {
                try
                {
                    // A short timeout: status must answer quickly even when a configured server is unreachable.
                    var quick = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false }.ConnectionString;
                    migrations = await Migrator.ForRapport().GetStatusAsync(quick, cancellationToken);
                }
                catch (NpgsqlException ex)
                {
                    databaseError = ex.Message;
                }
            }
            else
            {
                databaseError = local.Initialized ? "the local instance is not running" : "the local instance is not initialised";
            }

            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, new
                {
                    dataDirectory = local.DataDirectory,
                    initialized = local.Initialized,
                    running = local.Running,
                    port = local.Port,
                    processId = local.ProcessId,
                    serverVersion = local.ServerVersion,
                    connectionSource = SourceName(source),
                    databaseReachable = migrations is not null,
                    appliedMigrations = migrations?.Applied.Count,
                    pendingMigrations = migrations?.Pending.Count,
                    databaseError,
                });
                return ExitCodes.Ok;
            }

            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"Data directory:  {local.DataDirectory}");
            await output.WriteLineAsync(
                !local.Initialized ? "Local instance:  not initialised (created by `rapport db start` or the first use)"
                : local.Running ? $"Local instance:  running, PostgreSQL {local.ServerVersion} on 127.0.0.1:{local.Port} (pid {local.ProcessId})"
                : local.ProcessId is not null ? $"Local instance:  process {local.ProcessId} exists but does not accept connections on 127.0.0.1:{local.Port}"
                : $"Local instance:  stopped (port {local.Port})");
            var target = configured is null ? "local instance" : $"{Describe(source)}: {Endpoint(configured.ConnectionString)}";
            await output.WriteLineAsync(migrations is not null
                ? $"Database:        {target}, {migrations.Applied.Count} migration(s) applied, {migrations.Pending.Count} pending"
                : $"Database:        {target}, not reachable ({databaseError})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateMigrate()
    {
        var command = new Command("migrate", "Apply pending schema migrations to the database (--connection, else ConnectionStrings__Rapport, else the local instance).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            ResolvedConnection resolved;
            try
            {
                resolved = await ConnectionResolver.ResolveWithSourceAsync(
                    parse.GetValue(CommonOptions.Connection), configuration: null, LocalOptions(parse), cancellationToken);
            }
            catch (InvalidConnectionStringException ex)
            {
                throw new InvalidInputException(ex.Message);
            }
            var migrator = Migrator.ForRapport(message => parse.InvocationConfiguration.Error.WriteLine(message));
            var result = await migrator.MigrateAsync(resolved.ConnectionString, cancellationToken);
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, new
                {
                    connectionSource = SourceName(resolved.Source),
                    applied = result.Applied.Select(s => s.Id).ToArray(),
                    alreadyApplied = result.AlreadyApplied,
                    total = result.Total,
                });
                return ExitCodes.Ok;
            }
            var output = parse.InvocationConfiguration.Output;
            foreach (var script in result.Applied)
            {
                await output.WriteLineAsync($"Applied {script.Id}.");
            }
            await output.WriteLineAsync(
                $"Database {Endpoint(resolved.ConnectionString)} is up to date: {result.Total} migration(s), {result.Applied.Count} applied now.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string SourceName(ConnectionSource source) => source switch
    {
        ConnectionSource.Explicit => "option",
        ConnectionSource.Configuration => "configuration",
        _ => "local",
    };

    private static string Describe(ConnectionSource source) => source switch
    {
        ConnectionSource.Explicit => "--connection",
        _ => ConnectionResolver.EnvironmentVariable,
    };

    /// <summary>host:port/database without the credentials.</summary>
    private static string Endpoint(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
