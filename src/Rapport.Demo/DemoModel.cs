using Rapport.Core.Accounts;

namespace Rapport.Demo;

/// <summary>The history an account is generated to have; checked against its orders (see <see cref="DemoHistory.Classify"/>).</summary>
internal enum DemoSituation
{
    /// <summary>No orders.</summary>
    Prospect,

    /// <summary>First order within the last 365 days.</summary>
    New,

    /// <summary>Revenue of the last 12 months ≥ 120 % of the 12 months before.</summary>
    Growing,

    /// <summary>Neither growing nor declining, buying without long gaps.</summary>
    Stable,

    /// <summary>Revenue of the last 12 months ≤ 70 % of the 12 months before.</summary>
    Declining,

    /// <summary>No order in the last 365 days.</summary>
    Lost,

    /// <summary>A gap of more than a year between orders, then buying again within the last 365 days.</summary>
    WonBack,
}

internal sealed class DemoAccount
{
    public required int Index { get; init; }
    public required int CustomerNo { get; init; }
    public string ExternalId => $"K-{CustomerNo}";
    public required string Name { get; set; }
    public required string BaseName { get; set; }
    public required string Industry { get; set; }
    public required string Country { get; init; }
    public required string Region { get; init; }
    public required string City { get; init; }
    public required string Locale { get; init; }
    public required string Territory { get; init; }
    public required int Employees { get; set; }
    public required BusinessType BusinessType { get; set; }
    public required AcquisitionChannel Channel { get; init; }
    public required decimal AcquisitionCost { get; init; }
    public required string Domain { get; set; }
    public required DemoSituation Situation { get; set; }
    public bool KeyAccount { get; set; }
    public int OwnerUser { get; set; }
    public int? ParentIndex { get; set; }
    public bool IsGroupMember { get; set; }

    /// <summary>Set only after the history is generated (from the first order, or earlier for long-standing customers).</summary>
    public DateOnly? AcquiredOn { get; set; }

    public bool IsLockIn => DemoStories.IsLockInSegment(Industry, BusinessType);
    public bool IsStory => Index < DemoPlanner.StoryCount;
    public double SizeFactor => Math.Clamp(Math.Pow(Employees / 400.0, 0.45), 0.35, 3.5);
}

internal sealed record DemoContact(
    int LocalIndex,
    string ExternalId,
    string FirstName,
    string LastName,
    string Email,
    string Phone,
    string JobTitle,
    string Department,
    BuyingRole Role,
    string Language,
    DateOnly? InactiveSince)
{
    public bool IsActiveOn(DateOnly day) => InactiveSince is not { } since || day < since;
}

internal sealed record DemoConsent(int ContactLocalIndex, ConsentPurpose Purpose, bool Granted, string Source, DateTimeOffset RecordedAt);

internal sealed record DemoOrderLine(int LineNo, string Sku, string Category, decimal Quantity, decimal NetAmount, decimal Margin);

internal sealed class DemoOrder
{
    public required string OrderNo { get; set; }
    public required DateOnly Date { get; init; }
    public List<DemoOrderLine> Lines { get; } = [];
}

internal sealed record DemoInteraction(
    DateTimeOffset OccurredAt,
    int? ContactLocalIndex,
    InteractionChannel Channel,
    string Touchpoint,
    string Phase,
    InteractionDirection Direction,
    string Subject);

internal sealed record DemoContract(
    string ContractNo,
    DateOnly StartDate,
    DateOnly EndDate,
    int NoticeDays,
    bool AutoRenew,
    decimal AnnualValue,
    DateOnly? TerminatedOn,
    string BillingSku);

/// <summary>Everything generated for one account.</summary>
internal sealed class DemoAccountHistory
{
    public required DemoAccount Account { get; init; }
    public List<DemoContact> Contacts { get; } = [];
    public List<DemoConsent> Consents { get; } = [];
    public List<DemoOrder> Orders { get; } = [];
    public List<DemoInteraction> Interactions { get; } = [];
    public List<DemoContract> Contracts { get; } = [];
}

internal sealed record DemoPlan(
    IReadOnlyList<DemoUserSeed> Users,
    IReadOnlyList<DemoAccount> Accounts,
    IReadOnlyList<(int AccountIndex, int UserIndex)> Shares);
