namespace Rapport.Core.Loyalty;

/// <summary>
/// A tier of the loyalty program (Bonus-/Treueprogramm, docs/loyalty-and-plans.md#loyalty-program). An account is in the highest-ranked active tier whose
/// thresholds it meets: revenue of the last 12 months and tenure in months.
/// </summary>
public sealed class LoyaltyTier
{
    public int Id { get; set; }

    /// <summary>Stable key, lower case (<c>gold</c>).</summary>
    public required string Code { get; set; }

    public required string NameEn { get; set; }
    public required string NameDe { get; set; }

    /// <summary>Net revenue of the rolling 12 months (EUR) the tier needs.</summary>
    public decimal MinRevenue12m { get; set; }

    /// <summary>Whole months since the account was acquired (or first ordered) the tier needs.</summary>
    public int MinTenureMonths { get; set; }

    /// <summary>Factor on the points an order earns (1 = as the earn rule says).</summary>
    public decimal EarnMultiplier { get; set; } = 1m;

    public string? BenefitsEn { get; set; }
    public string? BenefitsDe { get; set; }

    /// <summary>Higher rank = higher tier.</summary>
    public int Rank { get; set; }

    public bool IsActive { get; set; } = true;
}

/// <summary>
/// Points per EUR of net order amount. A rule for a product category applies to that category's order lines and
/// takes precedence over a rule without category, which applies to all other lines.
/// </summary>
public sealed class EarnRule
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Null: every category without a rule of its own.</summary>
    public string? ProductCategory { get; set; }

    public decimal PointsPerEur { get; set; }

    /// <summary>Orders with a smaller net total earn nothing under this rule.</summary>
    public decimal MinOrderValue { get; set; }

    public DateOnly ActiveFrom { get; set; }

    /// <summary>Last day the rule applies (inclusive); null = open-ended.</summary>
    public DateOnly? ActiveTo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The enrolment of an account; its ledger hangs off it.</summary>
public sealed class LoyaltyMember
{
    public long AccountId { get; set; }

    /// <summary>Orders from this day on earn points.</summary>
    public DateOnly EnrolledOn { get; set; }

    /// <summary>The contact who receives statements; shown only while their loyalty consent is granted.</summary>
    public long? ProgramContactId { get; set; }

    public required string EnrolledBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a ledger entry records.</summary>
public enum LedgerEntryKind
{
    /// <summary>Points for an order (once per order).</summary>
    Earn,

    /// <summary>Points granted by hand, with a reason.</summary>
    Grant,

    /// <summary>Points taken for a reward.</summary>
    Redeem,

    /// <summary>Points that reached their expiry (FIFO, see docs/loyalty-and-plans.md).</summary>
    Expire,

    /// <summary>The correction of an earlier entry: its points with the opposite sign.</summary>
    Reversal,
}

/// <summary>
/// One entry of the append-only points ledger. The database rejects UPDATE and DELETE; the balance of an account is
/// the sum of its entries and never negative.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    public long AccountId { get; set; }

    /// <summary>When the points moved: the order date for earn entries, the moment of booking otherwise.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public LedgerEntryKind Kind { get; set; }

    /// <summary>Positive adds, negative takes.</summary>
    public int Points { get; set; }

    public long? OrderId { get; set; }
    public int? RewardId { get; set; }
    public long? ReversesEntryId { get; set; }
    public string? Reason { get; set; }

    /// <summary>The user's e-mail, or <c>system</c> for jobs.</summary>
    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Kinds of rewards: the catalogue is about services, training and events, not only discounts.</summary>
public enum RewardKind { Service, Training, Event, Discount, Other }

/// <summary>A reward of the catalogue.</summary>
public sealed class Reward
{
    public int Id { get; set; }
    public RewardKind Kind { get; set; }
    public required string NameEn { get; set; }
    public required string NameDe { get; set; }
    public string? DescriptionEn { get; set; }
    public string? DescriptionDe { get; set; }
    public int PointsCost { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Units left; null = unlimited.</summary>
    public int? Stock { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Where a redemption stands.</summary>
public enum RedemptionStatus
{
    /// <summary>Points are taken, the reward is yet to be delivered.</summary>
    Redeemed,

    /// <summary>The reward was delivered.</summary>
    Fulfilled,

    /// <summary>Cancelled; its points came back through a reversal entry.</summary>
    Cancelled,
}

/// <summary>A reward taken for points; its ledger entry is the redeem entry.</summary>
public sealed class Redemption
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public int RewardId { get; set; }
    public int Quantity { get; set; } = 1;
    public int Points { get; set; }
    public RedemptionStatus Status { get; set; } = RedemptionStatus.Redeemed;
    public long LedgerEntryId { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RedeemedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? FulfilledAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
}
