namespace Rapport.Web.Infrastructure;

/// <summary>The <c>Rapport</c> configuration section (environment: <c>Rapport__SeedDemoData=false</c>).</summary>
public sealed class RapportOptions
{
    public const string Section = "Rapport";

    /// <summary>Apply pending schema migrations on start (docs/running.md#migrations).</summary>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>Seed the demo company into an empty database on start (docs/running.md#first-start).</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>How many accounts the demo company gets (20–50,000).</summary>
    public int DemoAccounts { get; set; } = Rapport.Demo.DemoOptions.DefaultAccounts;

    /// <summary>Random seed of the demo data, so that two installations show the same company.</summary>
    public int DemoSeed { get; set; } = Rapport.Demo.DemoOptions.DefaultSeed;

    /// <summary>Login of the administrator created at first start.</summary>
    public string AdminEmail { get; set; } = "admin@rapport.local";
}
