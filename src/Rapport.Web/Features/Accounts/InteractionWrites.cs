using Rapport.Core.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Accounts;

internal static partial class InteractionsApi
{
    private sealed record References(long AccountId, long? ContactId, int? TouchpointId, int? PhaseId);

    internal static async Task<Results<Created<InteractionItem>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        InteractionInput input, RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.AddRules(InteractionRules.Validate(input));
        var refs = await ResolveAsync(input, db, user, errors, ct);
        if (errors.Any || refs is null)
        {
            return ApiProblems.Validation(errors);
        }
        var importKey = InteractionRules.ImportKey(input);
        if (await db.Interactions.Where(i => i.ImportKey == importKey).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct) is { } existing)
        {
            return Duplicate(existing);
        }
        var interaction = new Interaction { CreatedAt = clock.GetUtcNow() };
        Apply(interaction, input, refs, importKey);
        db.Interactions.Add(interaction);
        try
        {
            await AuditTrail.SaveAsync(db, user, AuditTrail.Create, Entity, () => interaction.Id.ToString(CultureInfo.InvariantCulture),
                new { accountExternalId = input.AccountExternalId, channel = EnumText.ToText(interaction.Channel), interaction.OccurredAt }, ct);
        }
        catch (DbUpdateException ex) when (Accounts.AccountsApi.IsUniqueViolation(ex))
        {
            return ApiProblems.Conflict("The same interaction (account, time, channel, contact, subject) exists already.");
        }
        return TypedResults.Created($"/api/v1/interactions/{interaction.Id}", (await ReadAsync(db, user, interaction.Id, ct))!);
    }

    internal static async Task<Results<Ok<InteractionItem>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, InteractionInput input, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (interaction is null || !await db.CanWriteAsync(user, interaction.AccountId, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        var errors = new FieldErrors();
        errors.AddRules(InteractionRules.Validate(input));
        var refs = await ResolveAsync(input, db, user, errors, ct);
        if (errors.Any || refs is null)
        {
            return ApiProblems.Validation(errors);
        }
        var importKey = InteractionRules.ImportKey(input);
        if (await db.Interactions.Where(i => i.ImportKey == importKey && i.Id != id).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct) is { } other)
        {
            return Duplicate(other);
        }
        Apply(interaction, input, refs, importKey);
        if (db.ChangeTracker.HasChanges())
        {
            await AuditTrail.SaveAsync(db, user, AuditTrail.Update, Entity, () => id.ToString(CultureInfo.InvariantCulture), null, ct);
        }
        return TypedResults.Ok((await ReadAsync(db, user, id, ct))!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (interaction is null || !await db.CanWriteAsync(user, interaction.AccountId, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        db.Interactions.Remove(interaction);
        await AuditTrail.SaveAsync(db, user, AuditTrail.Delete, Entity, () => id.ToString(CultureInfo.InvariantCulture),
            new { interaction.AccountId, interaction.OccurredAt }, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Account (writable), contact (of that account), touchpoint and phase (by code) must exist.</summary>
    private static async Task<References?> ResolveAsync(InteractionInput input, RapportDbContext db, Caller user, FieldErrors errors,
        CancellationToken ct)
    {
        var accountId = await db.ResolveWritableAccountAsync(user, input.AccountExternalId, errors, ct);
        long? contactId = null;
        if (InputRules.Text(input.ContactExternalId) is { } contactKey && accountId is { } account)
        {
            contactId = await db.Contacts.Where(c => c.ExternalId == contactKey && c.AccountId == account).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            if (contactId is null)
            {
                errors.Add("contactExternalId", $"there is no contact with the external id '{contactKey}' at account '{input.AccountExternalId!.Trim()}'");
            }
        }
        int? touchpointId = null;
        if (InputRules.Text(input.Touchpoint)?.ToLowerInvariant() is { } touchpoint)
        {
            touchpointId = await db.Touchpoints.Where(t => t.Code == touchpoint).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
            if (touchpointId is null)
            {
                var codes = await db.Touchpoints.OrderBy(t => t.SortOrder).Select(t => t.Code).ToListAsync(ct);
                errors.Add("touchpoint", $"unknown touchpoint '{touchpoint}' (expected one of: {string.Join(", ", codes)})");
            }
        }
        int? phaseId = null;
        if (InputRules.Text(input.Phase)?.ToLowerInvariant() is { } phase)
        {
            phaseId = await db.BusinessPhases.Where(p => p.Code == phase).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (phaseId is null)
            {
                var codes = await db.BusinessPhases.OrderBy(p => p.SortOrder).Select(p => p.Code).ToListAsync(ct);
                errors.Add("phase", $"unknown phase '{phase}' (expected one of: {string.Join(", ", codes)})");
            }
        }
        return accountId is null ? null : new References(accountId.Value, contactId, touchpointId, phaseId);
    }

    private static void Apply(Interaction interaction, InteractionInput input, References refs, string importKey)
    {
        interaction.AccountId = refs.AccountId;
        interaction.ContactId = refs.ContactId;
        interaction.OccurredAt = input.OccurredAt!.Value.ToUniversalTime();
        interaction.Channel = input.Channel!.Value;
        interaction.TouchpointId = refs.TouchpointId;
        interaction.PhaseId = refs.PhaseId;
        interaction.Direction = input.Direction;
        interaction.Subject = InputRules.Text(input.Subject);
        // The importer's natural key: re-importing a file with this interaction updates it instead of duplicating it.
        interaction.ImportKey = importKey;
    }

    private static ProblemHttpResult Duplicate(long existingId) =>
        ApiProblems.Conflict($"The same interaction (account, time, channel, contact, subject) exists already with id {existingId}.");
}
