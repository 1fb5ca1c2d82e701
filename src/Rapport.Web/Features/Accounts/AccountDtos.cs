using Rapport.Core.Accounts;

namespace Rapport.Web.Features.Accounts;

/// <summary>An account in lists (docs/api.md, exactly these fields).</summary>
public sealed record AccountListItem(
    long Id,
    string ExternalId,
    string Name,
    string? Industry,
    string? Country,
    BusinessType? BusinessType,
    bool KeyAccount,
    Segment Segment,
    LifecyclePhase? LifecyclePhase,
    string? OwnerEmail);

/// <summary>A contact of the account's buying center.</summary>
public sealed record AccountContact(
    long Id,
    string ExternalId,
    string? FirstName,
    string LastName,
    string? Email,
    string? JobTitle,
    string? Department,
    BuyingRole? BuyingRole,
    bool IsActive);

/// <summary>
/// Key figures of an account: revenue of the order lines dated in the last 12 months (returns included),
/// all orders, the date of the latest order, and the contracts running today and not terminated.
/// </summary>
public sealed record AccountKeyFigures(decimal RevenueLast12Months, int OrderCount, DateOnly? LastOrderDate, int OpenContracts);

/// <summary>One account with its buying center and key figures.</summary>
public sealed record AccountDetail(
    long Id,
    string ExternalId,
    string Name,
    string? Industry,
    string? Country,
    string? Region,
    int? Employees,
    BusinessType? BusinessType,
    AcquisitionChannel? AcquisitionChannel,
    DateOnly? AcquiredOn,
    decimal? AcquisitionCost,
    bool KeyAccount,
    string? OwnerEmail,
    long? ParentAccountId,
    string? ParentExternalId,
    Segment Segment,
    LifecyclePhase? LifecyclePhase,
    DateOnly? LifecyclePhaseSince,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<AccountContact> Contacts,
    AccountKeyFigures KeyFigures);
