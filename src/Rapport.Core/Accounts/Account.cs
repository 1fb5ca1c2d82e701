using Rapport.Core.Identity;

namespace Rapport.Core.Accounts;

/// <summary>A customer company (Kunde); may have a parent account.</summary>
public sealed class Account
{
    public long Id { get; set; }
    public required string ExternalId { get; set; }
    public required string Name { get; set; }
    public string? Industry { get; set; }
    public string? Country { get; set; }
    public string? Region { get; set; }
    public int? Employees { get; set; }
    public BusinessType? BusinessType { get; set; }
    public AcquisitionChannel? AcquisitionChannel { get; set; }
    public DateOnly? AcquiredOn { get; set; }
    public decimal? AcquisitionCost { get; set; }
    public bool KeyAccount { get; set; }
    public long? OwnerUserId { get; set; }
    public User? Owner { get; set; }
    public long? ParentAccountId { get; set; }
    public Account? Parent { get; set; }
    public Segment Segment { get; set; } = Segment.Prospect;
    public LifecyclePhase? LifecyclePhase { get; set; }
    public DateOnly? LifecyclePhaseSince { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Contact> Contacts { get; } = [];
}

/// <summary>A user other than the owner who may see and edit the account.</summary>
public sealed class AccountShare
{
    public long AccountId { get; set; }
    public long UserId { get; set; }
}
