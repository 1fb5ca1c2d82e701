using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Rapport.Core.Data;

/// <summary>Registers the database for the web host, the CLI and tests alike.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>Adds one shared <see cref="NpgsqlDataSource"/> and a pooled <see cref="RapportDbContext"/> factory over it.</summary>
    public static IServiceCollection AddRapportData(this IServiceCollection services, string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        services.AddSingleton(dataSource);
        services.AddDbContextPool<RapportDbContext>(o => Configure(o, dataSource));
        services.AddPooledDbContextFactory<RapportDbContext>(o => Configure(o, dataSource));
        return services;
    }

    /// <summary>Options for a context over <paramref name="dataSource"/> (also used directly by the CLI).</summary>
    public static DbContextOptions<RapportDbContext> CreateOptions(NpgsqlDataSource dataSource)
    {
        var builder = new DbContextOptionsBuilder<RapportDbContext>();
        Configure(builder, dataSource);
        return builder.Options;
    }

    private static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.CommandTimeout(300))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
}
