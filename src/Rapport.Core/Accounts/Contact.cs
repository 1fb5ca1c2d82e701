namespace Rapport.Core.Accounts;

/// <summary>A person at an account (Ansprechpartner), a member of its buying center.</summary>
public sealed class Contact
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public Account? Account { get; set; }
    public required string ExternalId { get; set; }
    public string? FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? JobTitle { get; set; }
    public string? Department { get; set; }
    public BuyingRole? BuyingRole { get; set; }
    public bool IsActive { get; set; } = true;
    public string Language { get; set; } = "de";
    public DateOnly? InactiveSince { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Consent> Consents { get; } = [];
}

/// <summary>The current consent of a contact for one purpose (docs/security.md#consent); withdrawal is honoured immediately.</summary>
public sealed class Consent
{
    public long ContactId { get; set; }
    public ConsentPurpose Purpose { get; set; }
    public long AccountId { get; set; }
    public bool Granted { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
