using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Web.Infrastructure;

/// <summary>Database wiring of the host: connection resolution (local instance or configured server), migrations, demo seed.</summary>
internal static class DatabaseSetup
{
    public static Task AddRapportDatabaseAsync(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RapportOptions>().Bind(builder.Configuration.GetSection(RapportOptions.Section));

        var connectionString = builder.Configuration.GetConnectionString("Rapport")
            ?? throw new InvalidOperationException("No database configured: set ConnectionStrings__Rapport.");
        builder.Services.AddRapportData(connectionString);
        // Every SQL statement at Information level drowns the log; failures still come through as errors.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<UserDirectory>();

        builder.Services.AddDataProtection().SetApplicationName("Rapport");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IDbContextFactory<RapportDbContext>>())));
        return Task.CompletedTask;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<RapportOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Rapport.Database");
        var ct = app.Lifetime.ApplicationStopping;

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserDirectory>();
        var admin = await users.EnsureAdminAsync(options.AdminEmail, ct);
        if (admin is not null)
        {
            AnnounceAdmin(logger, admin);
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
