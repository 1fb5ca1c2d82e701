using Rapport.Core.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Accounts;

internal static partial class ContactsApi
{
    /// <summary>Where consents given through the API come from (docs/security.md#consent: with source and time).</summary>
    private const string ConsentSource = "api";

    internal static async Task<Results<Created<ContactDetail>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ContactInput input, RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.AddRules(ContactRules.Validate(input));
        var accountId = await db.ResolveWritableAccountAsync(user, input.AccountExternalId, errors, ct);
        if (errors.Any || accountId is null)
        {
            return ApiProblems.Validation(errors);
        }
        var externalId = input.ExternalId!.Trim();
        if (await db.Contacts.AnyAsync(c => c.ExternalId == externalId, ct))
        {
            return Duplicate(externalId);
        }
        var now = clock.GetUtcNow();
        var contact = new Contact { ExternalId = externalId, LastName = input.LastName!.Trim(), CreatedAt = now, UpdatedAt = now };
        Apply(contact, input, accountId.Value, now);
        db.Contacts.Add(contact);
        try
        {
            await AuditTrail.SaveAsync(db, user, AuditTrail.Create, Entity, () => contact.Id.ToString(CultureInfo.InvariantCulture),
                new { contact.ExternalId, accountExternalId = input.AccountExternalId }, ct);
        }
        catch (DbUpdateException ex) when (AccountsApi.IsUniqueViolation(ex))
        {
            return Duplicate(externalId);
        }
        return TypedResults.Created($"/api/v1/contacts/{contact.Id}", (await ReadDetailAsync(db, user, contact.Id, ct))!);
    }

    internal static async Task<Results<Ok<ContactDetail>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, ContactInput input, RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct)
    {
        var contact = await db.Contacts.AsTracking().Include(c => c.Consents).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null || !await db.CanWriteAsync(user, contact.AccountId, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        var errors = new FieldErrors();
        errors.AddRules(ContactRules.Validate(input));
        var accountId = await db.ResolveWritableAccountAsync(user, input.AccountExternalId, errors, ct);
        if (errors.Any || accountId is null)
        {
            return ApiProblems.Validation(errors);
        }
        var externalId = input.ExternalId!.Trim();
        if (externalId != contact.ExternalId && await db.Contacts.AnyAsync(c => c.ExternalId == externalId, ct))
        {
            return Duplicate(externalId);
        }
        var now = clock.GetUtcNow();
        contact.ExternalId = externalId;
        contact.LastName = input.LastName!.Trim();
        Apply(contact, input, accountId.Value, now);
        if (db.ChangeTracker.HasChanges())
        {
            contact.UpdatedAt = now;
            try
            {
                await AuditTrail.SaveAsync(db, user, AuditTrail.Update, Entity, () => id.ToString(CultureInfo.InvariantCulture), null, ct);
            }
            catch (DbUpdateException ex) when (AccountsApi.IsUniqueViolation(ex))
            {
                return Duplicate(externalId);
            }
        }
        return TypedResults.Ok((await ReadDetailAsync(db, user, id, ct))!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var contact = await db.Contacts.AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null || !await db.CanWriteAsync(user, contact.AccountId, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        db.Contacts.Remove(contact);
        await AuditTrail.SaveAsync(db, user, AuditTrail.Delete, Entity, () => id.ToString(CultureInfo.InvariantCulture),
            new { contact.ExternalId, contact.AccountId }, ct);
        return TypedResults.NoContent();
    }

    private static void Apply(Contact contact, ContactInput input, long accountId, DateTimeOffset now)
    {
        contact.AccountId = accountId;
        contact.FirstName = InputRules.Text(input.FirstName);
        contact.Email = InputRules.Text(input.Email);
        contact.Phone = InputRules.Text(input.Phone);
        contact.JobTitle = InputRules.Text(input.JobTitle);
        contact.Department = InputRules.Text(input.Department);
        contact.BuyingRole = input.BuyingRole;
        var active = input.Active ?? true;
        if (contact.IsActive && !active)
        {
            // When a key contact left matters for the early-warning signals (docs/retention.md#early-warning-signals).
            contact.InactiveSince = DateOnly.FromDateTime(now.UtcDateTime);
        }
        else if (active)
        {
            contact.InactiveSince = null;
        }
        contact.IsActive = active;
        SetConsent(contact, ConsentPurpose.Surveys, input.ConsentSurveys, now);
        SetConsent(contact, ConsentPurpose.Marketing, input.ConsentMarketing, now);
        foreach (var consent in contact.Consents)
        {
            consent.AccountId = accountId;
        }
    }

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

    private static ProblemHttpResult Duplicate(string externalId) =>
        ApiProblems.Conflict($"A contact with the external id '{externalId}' already exists.");
}
