using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Database;
using Rapport.Core.Identity;
using Rapport.Demo;

namespace Rapport.Web.Infrastructure;

/// <summary>Seeds the demo company into an empty database (docs/running.md#first-start); replaceable in tests.</summary>
public interface IDemoDataSeeder
{
    Task SeedAsync(RapportOptions options, CancellationToken ct);
}

/// <summary>The demo company of <see cref="DemoSeeder"/>, dated today.</summary>
internal sealed class DemoCompanySeeder(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<DemoCompanySeeder> logger) : IDemoDataSeeder
{
    public async Task SeedAsync(RapportOptions options, CancellationToken ct)
    {
        var result = await DemoSeeder.SeedAsync(dataSource, new DemoOptions
        {
            Accounts = options.DemoAccounts,
            Seed = options.DemoSeed,
            AsOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            Actor = "system (first start)",
        }, cancellationToken: ct);
        switch (result.Failure)
        {
            case null:
                DatabaseLog.Seeded(logger, result.Summary!.Tables.Accounts, result.Summary.ElapsedSeconds);
                break;
            case DemoSeedFailure.DatabaseNotEmpty:
                // Another app instance seeded first; its data is as good as ours.
                DatabaseLog.SeedSkipped(logger, result.Message!);
                break;
            default:
                throw new InvalidOperationException($"Configuration {RapportOptions.Section}:DemoAccounts: {result.Message}");
        }
    }
}

/// <summary>Database wiring of the host: connection resolution (local instance or configured server), migrations, demo seed.</summary>
internal static class DatabaseSetup
{
    /// <summary>
    /// Resolves the database (<c>ConnectionStrings:Rapport</c>, else the local instance, started when needed) and
    /// registers the data services and the shared data-protection key ring.
    /// </summary>
    public static async Task AddRapportDatabaseAsync(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RapportOptions>().Bind(builder.Configuration.GetSection(RapportOptions.Section));

        var resolved = await ConnectionResolver.ResolveWithSourceAsync(null, builder.Configuration,
            new LocalPostgresOptions { Log = message => Console.Out.WriteLine(message) });
        builder.Services.AddSingleton(resolved);
        builder.Services.AddRapportData(resolved.ConnectionString);
        // Every SQL statement at Information level drowns the log; failures still come through as errors.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<UserDirectory>();
        builder.Services.AddSingleton<IDemoDataSeeder, DemoCompanySeeder>();

        builder.Services.AddDataProtection().SetApplicationName("Rapport");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IDbContextFactory<RapportDbContext>>())));
    }

    /// <summary>Migrates (unless <c>Rapport:ApplyMigrations=false</c>), creates the first administrator, seeds the demo company.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<RapportOptions>>().Value;
        var connection = app.Services.GetRequiredService<ResolvedConnection>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Rapport.Database");
        var ct = app.Lifetime.ApplicationStopping;
        var source = connection.Source == ConnectionSource.LocalInstance
            ? $"local PostgreSQL instance in {connection.LocalInstance?.DataDirectory}"
            : "the server of ConnectionStrings:Rapport";
        DatabaseLog.Using(logger, source);

        if (options.ApplyMigrations)
        {
            var migrator = Migrator.ForRapport(message => DatabaseLog.Migration(logger, message));
            var result = await migrator.MigrateAsync(connection.ConnectionString, ct);
            DatabaseLog.Migrated(logger, result.Applied.Count, result.Total);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The administrator comes first: the demo company brings its own account managers, and "no users yet" is
            // what marks the first start.
            var admin = await scope.ServiceProvider.GetRequiredService<UserDirectory>().EnsureAdminAsync(options.AdminEmail, ct);
            if (admin is not null)
            {
                AnnounceAdmin(logger, admin);
            }
        }

        if (options.SeedDemoData && await DemoSeeder.IsDatabaseEmptyAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), ct))
        {
            DatabaseLog.Seeding(logger, options.DemoAccounts);
            await app.Services.GetRequiredService<IDemoDataSeeder>().SeedAsync(options, ct);
        }
    }

    /// <summary>The one-time password goes to the log and to stdout: whoever started the app must be able to log in.</summary>
    private static void AnnounceAdmin(ILogger logger, CreatedUser admin)
    {
        var message = $"Created the administrator '{admin.User.Email}' with the one-time password '{admin.GeneratedPassword}' (change it at first login).";
        logger.LogWarning("{Message}", message);
        Console.Out.WriteLine(message);
        Console.Out.Flush();
    }
}

internal static partial class DatabaseLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Source}.")]
    public static partial void Using(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    public static partial void Migration(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema: {Applied} migration(s) applied now, {Total} in total.")]
    public static partial void Migrated(ILogger logger, int applied, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty database: seeding the demo company ({Accounts} accounts).")]
    public static partial void Seeding(ILogger logger, int accounts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo company seeded: {Accounts} accounts in {Seconds:F1} s.")]
    public static partial void Seeded(ILogger logger, int accounts, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo company not seeded: {Reason}")]
    public static partial void SeedSkipped(ILogger logger, string reason);
}
