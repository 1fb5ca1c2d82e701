using Microsoft.Extensions.Configuration;
using Npgsql;
using Rapport.Core.Database;
using Rapport.Testing;

namespace Rapport.Core.Tests.Database;

public sealed class ConnectionResolverTests
{
    private const string Explicit = "Host=explicit.example;Database=a;Username=u;Password=p";
    private const string Configured = "Host=configured.example;Database=b;Username=u;Password=p";

    private static IConfiguration Configuration(string? connectionString) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionResolver.ConfigurationKey] = connectionString })
            .Build();

    [Fact]
    public async Task ResolveWithSourceAsync_ExplicitAndConfigured_ExplicitWins()
    {
        var resolved = await ConnectionResolver.ResolveWithSourceAsync(Explicit, Configuration(Configured));

        Assert.Equal(ConnectionSource.Explicit, resolved.Source);
        Assert.Equal(Explicit, resolved.ConnectionString);
        Assert.Null(resolved.LocalInstance);
    }

    [Fact]
    public async Task ResolveAsync_BlankExplicitAndConfigured_ConfigurationWins()
    {
        Assert.Equal(Configured, await ConnectionResolver.ResolveAsync("  ", Configuration(Configured)));
    }

    [Fact]
    public async Task ResolveWithSourceAsync_NothingConfigured_StartsOrReusesLocalInstance()
    {
        var cluster = await TestPostgres.GetClusterAsync();

        var resolved = await ConnectionResolver.ResolveWithSourceAsync(null, Configuration(null), cluster.Options);

        Assert.Equal(ConnectionSource.LocalInstance, resolved.Source);
        Assert.NotNull(resolved.LocalInstance);
        Assert.False(resolved.LocalInstance.StartedNow);
        var builder = new NpgsqlConnectionStringBuilder(resolved.ConnectionString);
        Assert.Equal(cluster.Port, builder.Port);
        Assert.Equal("127.0.0.1", builder.Host);
        Assert.Equal("rapport", builder.Database);
    }

    [Fact]
    public void FindConfigured_NoConfigurationObject_ReadsEnvironmentVariable()
    {
        var previous = Environment.GetEnvironmentVariable(ConnectionResolver.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, Configured);

            var resolved = ConnectionResolver.FindConfigured(null, configuration: null);

            Assert.NotNull(resolved);
            Assert.Equal(ConnectionSource.Configuration, resolved.Source);
            Assert.Equal(Configured, resolved.ConnectionString);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public void FindConfigured_NothingSet_ReturnsNull()
    {
        Assert.Null(ConnectionResolver.FindConfigured(null, Configuration(null)));
    }

    [Fact]
    public void FindConfigured_MalformedExplicit_ThrowsNamingOptionWithoutEchoingSecret()
    {
        var ex = Assert.Throws<InvalidConnectionStringException>(
            () => ConnectionResolver.FindConfigured("Hots=x;Password=hunter2", Configuration(Configured)));

        Assert.Contains("--connection", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindConfigured_MalformedConfiguration_ThrowsNamingVariable()
    {
        var ex = Assert.Throws<InvalidConnectionStringException>(() => ConnectionResolver.FindConfigured(null, Configuration("nonsense")));

        Assert.Contains("ConnectionStrings__Rapport", ex.Message, StringComparison.Ordinal);
    }
}
