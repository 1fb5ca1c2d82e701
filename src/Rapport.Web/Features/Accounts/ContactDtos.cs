using Rapport.Core.Accounts;

namespace Rapport.Web.Features.Accounts;

/// <summary>A contact (Ansprechpartner) in lists.</summary>
public sealed record ContactListItem(
    long Id,
    string ExternalId,
    long AccountId,
    string AccountExternalId,
    string? FirstName,
    string LastName,
    string? Email,
    string? Phone,
    string? JobTitle,
    string? Department,
    BuyingRole? BuyingRole,
    bool IsActive);

/// <summary>The current consent of a contact for one purpose.</summary>
public sealed record ContactConsent(ConsentPurpose Purpose, bool Granted, string Source, DateTimeOffset RecordedAt);

/// <summary>One contact with its consents.</summary>
public sealed record ContactDetail(
    long Id,
    string ExternalId,
    long AccountId,
    string AccountExternalId,
    string? FirstName,
    string LastName,
    string? Email,
    string? Phone,
    string? JobTitle,
    string? Department,
    BuyingRole? BuyingRole,
    bool IsActive,
    DateOnly? InactiveSince,
    string Language,
    IReadOnlyList<ContactConsent> Consents,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
