namespace Rapport.Demo;

/// <summary>What to generate. The same options (seed, accounts, as-of date) always produce the same data.</summary>
public sealed class DemoOptions
{
    public const int DefaultAccounts = 400;
    public const int DefaultSeed = 42;

    /// <summary>The four story accounts plus enough others to fill every situation.</summary>
    public const int MinAccounts = 20;

    /// <summary>The full scale of docs/scaling.md.</summary>
    public const int MaxAccounts = 50_000;

    /// <summary>Number of customer accounts, <see cref="MinAccounts"/>–<see cref="MaxAccounts"/>.</summary>
    public int Accounts { get; init; } = DefaultAccounts;

    public int Seed { get; init; } = DefaultSeed;

    /// <summary>"Today" of the generated history: five years of orders end here. Callers pass the current date;
    /// tests pin it so that the data is reproducible.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Delete all business data (accounts and everything that hangs off them, products) before seeding.
    /// Without it, seeding a database that already has accounts fails.</summary>
    public bool Replace { get; init; }

    /// <summary>Who seeds, for the audit log.</summary>
    public string Actor { get; init; } = "system";
}

/// <summary>Where the seeder is; <paramref name="Completed"/> of <paramref name="Total"/> steps.</summary>
public sealed record DemoSeedProgress(string Step, int Completed, int Total);

/// <summary>Rows written per table.</summary>
public sealed record DemoTableCounts(
    int Users,
    int Accounts,
    int AccountShares,
    int Contacts,
    int Consents,
    int Products,
    int Orders,
    int OrderLines,
    int Interactions,
    int Contracts,
    int Competitors);

/// <summary>Accounts per segment (docs/domain.md#glossary) after the seed.</summary>
public sealed record DemoSegmentCounts(int Prospect, int New, int Regular, int Lost);

/// <summary>Accounts per generated situation (the history each account was built to have).</summary>
public sealed record DemoSituationCounts(int Prospect, int New, int Growing, int Stable, int Declining, int Lost, int WonBack);

/// <summary>The outcome of a successful seed.</summary>
public sealed record DemoSeedSummary(
    int Seed,
    DateOnly AsOf,
    bool Replaced,
    DemoTableCounts Tables,
    DemoSegmentCounts Segments,
    DemoSituationCounts Situations,
    decimal RevenueLast12Months,
    IReadOnlyList<DemoStory> Stories,
    double ElapsedSeconds);

/// <summary>Why a seed did not run.</summary>
public enum DemoSeedFailure
{
    /// <summary>The database already holds accounts and <see cref="DemoOptions.Replace"/> was not set.</summary>
    DatabaseNotEmpty,

    /// <summary>The options are out of range.</summary>
    InvalidOptions,
}

/// <summary>Either a summary or a failure with a message for the user.</summary>
public sealed record DemoSeedResult(DemoSeedSummary? Summary, DemoSeedFailure? Failure, string? Message)
{
    public bool Succeeded => Summary is not null;

    internal static DemoSeedResult Ok(DemoSeedSummary summary) => new(summary, null, null);

    internal static DemoSeedResult Fail(DemoSeedFailure failure, string message) => new(null, failure, message);
}
