using Microsoft.EntityFrameworkCore;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Accounts.Records;

/// <summary>A contact request that passed the rules.</summary>
public sealed record ContactValues(ContactInput Input, string ExternalId, long AccountId);

/// <summary>Contacts: keyed by external id; consents given through the API are recorded with source and time.</summary>
public sealed class ContactRecord : AccountRecordKind<Contact, ContactInput, ContactValues>
{
    public static readonly ContactRecord Kind = new();

    /// <summary>Where consents given through the API come from (docs/security.md#consent: with source and time).</summary>
    private const string ConsentSource = "api";

    public override string Entity => "contact";

    public override Task<Contact?> FindForWriteAsync(RapportDbContext db, long id, CancellationToken ct) =>
        db.Contacts.AsTracking().Include(c => c.Consents).FirstOrDefaultAsync(c => c.Id == id, ct);

    public override long IdOf(Contact entity) => entity.Id;

    public override long AccountIdOf(Contact entity) => entity.AccountId;

    public override async Task<ContactValues?> ValidateAsync(RapportDbContext db, Caller user, ContactInput input, Contact? existing,
        FieldErrors errors, CancellationToken ct)
    {
        errors.AddRules(ContactRules.Validate(input));
        var accountId = await AccountWriteScope.ResolveWritableAccountAsync(db, user, input.AccountExternalId, errors, ct);
        return errors.Any || accountId is null ? null : new ContactValues(input, input.ExternalId!.Trim(), accountId.Value);
    }

    public override async Task<Error?> FindDuplicateAsync(RapportDbContext db, ContactValues values, Contact? existing, CancellationToken ct) =>
        values.ExternalId != existing?.ExternalId && await db.Contacts.AnyAsync(c => c.ExternalId == values.ExternalId, ct)
            ? SaveConflict(values) : null;

    public override Error SaveConflict(ContactValues values) =>
        Error.Conflict($"A contact with the external id '{values.ExternalId}' already exists.");

    public override Contact Create(ContactValues values, Caller user, DateTimeOffset now)
    {
        var contact = new Contact { ExternalId = values.ExternalId, LastName = values.Input.LastName!.Trim(), CreatedAt = now, UpdatedAt = now };
        Set(contact, values, now);
        return contact;
    }

    public override void Apply(RapportDbContext db, Contact entity, ContactValues values, Caller user, DateTimeOffset now) => Set(entity, values, now);

    private static void Set(Contact entity, ContactValues values, DateTimeOffset now)
    {
        var input = values.Input;
        entity.ExternalId = values.ExternalId;
        entity.LastName = input.LastName!.Trim();
        entity.AccountId = values.AccountId;
        entity.FirstName = Text(input.FirstName);
        entity.Email = Text(input.Email);
        entity.Phone = Text(input.Phone);
        entity.JobTitle = Text(input.JobTitle);
        entity.Department = Text(input.Department);
        entity.BuyingRole = input.BuyingRole;
        var active = input.Active ?? true;
        if (entity.IsActive && !active)
        {
            // When a key contact left matters for the early-warning signals (docs/retention.md#early-warning-signals).
            entity.InactiveSince = DateOnly.FromDateTime(now.UtcDateTime);
        }
        else if (active)
        {
            entity.InactiveSince = null;
        }
        entity.IsActive = active;
        SetConsent(entity, ConsentPurpose.Surveys, input.ConsentSurveys, now);
        SetConsent(entity, ConsentPurpose.Marketing, input.ConsentMarketing, now);
        foreach (var consent in entity.Consents)
        {
            consent.AccountId = values.AccountId;
        }
    }

    public override void Touch(Contact entity, DateTimeOffset now) => entity.UpdatedAt = now;

    public override object CreateDetails(Contact entity, ContactInput input) =>
        new { entity.ExternalId, accountExternalId = input.AccountExternalId };

    public override object DeleteDetails(Contact entity) => new { entity.ExternalId, entity.AccountId };

    private static void SetConsent(Contact contact, ConsentPurpose purpose, bool? granted, DateTimeOffset now)
    {
        if (granted is not { } value)
        {
            return;
        }
        var consent = contact.Consents.FirstOrDefault(c => c.Purpose == purpose);
        if (consent is null)
        {
            contact.Consents.Add(new Consent { Purpose = purpose, AccountId = contact.AccountId, Granted = value, Source = ConsentSource, RecordedAt = now });
        }
        else if (consent.Granted != value)
        {
            consent.Granted = value;
            consent.Source = ConsentSource;
            consent.RecordedAt = now;
        }
    }
}
