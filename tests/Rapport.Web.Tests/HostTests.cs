using System.Net;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests;

public sealed class HostTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>
{
    [Fact]
    public async Task Healthz_Anonymous_Returns200()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FirstStart_EmptyDatabase_CreatesAdminWithOneTimePasswordAndPrintsIt()
    {
        var mustChange = await app.ScalarAsync<bool>("SELECT must_change_password FROM users WHERE email = 'admin@rapport.local' AND role = 'admin'");
        var announcement = Assert.Single(app.LogMessages, m => m.Contains("Created the administrator 'admin@rapport.local'", StringComparison.Ordinal));
        var password = System.Text.RegularExpressions.Regex.Match(announcement, "one-time password '([^']+)'").Groups[1].Value;

        Assert.True(mustChange);
        Assert.True(password.Length >= 16, announcement);
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Rapport.Core.Identity.UserDirectory>()
            .AuthenticateByPasswordAsync("admin@rapport.local", password);
        Assert.NotNull(user);
    }

    [Fact]
    public async Task DataProtection_KeyRing_IsStoredInTheDatabase()
    {
        using var client = app.CreateClient();
        await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        var roundTrip = protector.Unprotect(protector.Protect("secret"));

        Assert.Equal("secret", roundTrip);
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys") >= 1);
    }
}

/// <summary>Its own host with the demo seed switched on (smallest demo company).</summary>
public sealed class DemoSeedOnStartTests(DemoSeedOnStartTests.Factory app) : IClassFixture<DemoSeedOnStartTests.Factory>
{
    public sealed class Factory : RapportApplicationFactory
    {
        protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Rapport:SeedDemoData", "true");
            builder.UseSetting("Rapport:DemoAccounts", "20");
        }
    }

    [Fact]
    public async Task FirstStart_SeedDemoDataOn_SeedsTheDemoCompanyAndTheAdmin()
    {
        var accounts = await app.ScalarAsync<long>("SELECT count(*) FROM accounts");
        var admins = await app.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'admin@rapport.local' AND role = 'admin'");
        var client = await app.CreateAuthenticatedClientAsync(Rapport.Core.Identity.UserRole.Analyst);

        var list = await HttpAssert.JsonAsync(await client.Http.GetAsync(new Uri("/api/v1/accounts?pageSize=1", UriKind.Relative)));

        Assert.Equal(20, accounts);
        Assert.Equal(1, admins);
        Assert.Equal(20, list.GetProperty("totalCount").GetInt32());
    }
}

/// <summary>Its own host whose health check reaches a port where no database listens.</summary>
public sealed class HealthWithoutDatabaseTests(HealthWithoutDatabaseTests.Factory app) : IClassFixture<HealthWithoutDatabaseTests.Factory>
{
    public sealed class Factory : RapportApplicationFactory
    {
        protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.ConfigureServices(services => services.AddSingleton(
                Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=9;Username=nobody;Database=none;Timeout=2")));
    }

    [Fact]
    public async Task Healthz_DatabaseUnreachable_Returns503()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        await HttpAssert.ProblemAsync(response, System.Net.HttpStatusCode.ServiceUnavailable);
    }
}
