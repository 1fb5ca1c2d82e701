namespace Rapport.Web.Infrastructure;

/// <summary>Database wiring of the host: connection resolution (local instance or configured server), migrations, demo seed.</summary>
internal static class DatabaseSetup
{
    public static Task AddRapportDatabaseAsync(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Task.CompletedTask;
    }

    public static Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Task.CompletedTask;
    }
}
