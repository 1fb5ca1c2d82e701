using Rapport.Demo;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Retention;

/// <summary>The app over a database holding the demo company as of today (400 accounts, as the app seeds it on first start).</summary>
public class DemoCompanyApp : RapportApplicationFactory, IAsyncLifetime
{
    public static DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.Now);

    protected virtual int Accounts => DemoOptions.DefaultAccounts;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var seeded = await DemoSeeder.SeedAsync(Database.DataSource, new DemoOptions { Accounts = Accounts, Seed = DemoOptions.DefaultSeed, AsOf = Today });
        Assert.True(seeded.Succeeded, seeded.Message);
        await SeededAsync();
    }

    /// <summary>Changes a derived fixture makes to the seeded data.</summary>
    protected virtual Task SeededAsync() => Task.CompletedTask;
}

/// <summary>
/// The demo company (150 accounts) without contracts: <c>rapport analyze kpis</c> reads only the order file, while the
/// database KPIs also count a running contract as activity (docs/definitions.md#retention-kpis).
/// </summary>
public sealed class DemoOrdersOnlyApp : DemoCompanyApp
{
    protected override int Accounts => 150;

    protected override Task SeededAsync() => ExecuteAsync("DELETE FROM contracts");
}
