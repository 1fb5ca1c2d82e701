using Microsoft.EntityFrameworkCore;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Accounts.Records;

/// <summary>An interaction request that passed the rules, with its references resolved.</summary>
public sealed record InteractionValues(InteractionInput Input, long AccountId, long? ContactId, int? TouchpointId, int? PhaseId, string ImportKey);

/// <summary>
/// Interactions: keyed by the importer's natural key (account, time, channel, contact, subject), so that re-importing a
/// file with the interaction updates it instead of duplicating it.
/// </summary>
public sealed class InteractionRecord : AccountRecordKind<Interaction, InteractionInput, InteractionValues>
{
    public static readonly InteractionRecord Kind = new();

    public override string Entity => "interaction";

    public override Task<Interaction?> FindForWriteAsync(RapportDbContext db, long id, CancellationToken ct) =>
        db.Interactions.AsTracking().FirstOrDefaultAsync(i => i.Id == id, ct);

    public override long IdOf(Interaction entity) => entity.Id;

    public override long AccountIdOf(Interaction entity) => entity.AccountId;

    /// <summary>Account (writable), contact (of that account), touchpoint and phase (by code) must exist.</summary>
    public override async Task<InteractionValues?> ValidateAsync(RapportDbContext db, Caller user, InteractionInput input, Interaction? existing,
        FieldErrors errors, CancellationToken ct)
    {
        errors.AddRules(InteractionRules.Validate(input));
        var accountId = await AccountWriteScope.ResolveWritableAccountAsync(db, user, input.AccountExternalId, errors, ct);
        long? contactId = null;
        if (Text(input.ContactExternalId) is { } contactKey && accountId is { } account)
        {
            contactId = await db.Contacts.Where(c => c.ExternalId == contactKey && c.AccountId == account).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            if (contactId is null)
            {
                errors.Add("contactExternalId", $"there is no contact with the external id '{contactKey}' at account '{input.AccountExternalId!.Trim()}'");
            }
        }
        int? touchpointId = null;
        if (Text(input.Touchpoint)?.ToLowerInvariant() is { } touchpoint)
        {
            touchpointId = await db.Touchpoints.Where(t => t.Code == touchpoint).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
            if (touchpointId is null)
            {
                var codes = await db.Touchpoints.OrderBy(t => t.SortOrder).Select(t => t.Code).ToListAsync(ct);
                errors.Add("touchpoint", $"unknown touchpoint '{touchpoint}' (expected one of: {string.Join(", ", codes)})");
            }
        }
        int? phaseId = null;
        if (Text(input.Phase)?.ToLowerInvariant() is { } phase)
        {
            phaseId = await db.BusinessPhases.Where(p => p.Code == phase).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (phaseId is null)
            {
                var codes = await db.BusinessPhases.OrderBy(p => p.SortOrder).Select(p => p.Code).ToListAsync(ct);
                errors.Add("phase", $"unknown phase '{phase}' (expected one of: {string.Join(", ", codes)})");
            }
        }
        return errors.Any || accountId is null
            ? null
            : new InteractionValues(input, accountId.Value, contactId, touchpointId, phaseId, InteractionRules.ImportKey(input));
    }

    public override async Task<Error?> FindDuplicateAsync(RapportDbContext db, InteractionValues values, Interaction? existing, CancellationToken ct)
    {
        var otherId = existing?.Id ?? 0;
        var other = await db.Interactions.Where(i => i.ImportKey == values.ImportKey && i.Id != otherId).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
        return other is { } id
            ? Error.Conflict(FormattableString.Invariant($"The same interaction (account, time, channel, contact, subject) exists already with id {id}."))
            : null;
    }

    public override Error SaveConflict(InteractionValues values) =>
        Error.Conflict("The same interaction (account, time, channel, contact, subject) exists already.");

    public override Interaction Create(InteractionValues values, Caller user, DateTimeOffset now)
    {
        var interaction = new Interaction { CreatedAt = now };
        Set(interaction, values);
        return interaction;
    }

    public override void Apply(RapportDbContext db, Interaction entity, InteractionValues values, Caller user, DateTimeOffset now) => Set(entity, values);

    public override object CreateDetails(Interaction entity, InteractionInput input) =>
        new { accountExternalId = input.AccountExternalId, channel = EnumText.ToText(entity.Channel), entity.OccurredAt };

    public override object DeleteDetails(Interaction entity) => new { entity.AccountId, entity.OccurredAt };

    private static void Set(Interaction interaction, InteractionValues values)
    {
        var input = values.Input;
        interaction.AccountId = values.AccountId;
        interaction.ContactId = values.ContactId;
        interaction.OccurredAt = input.OccurredAt!.Value.ToUniversalTime();
        interaction.Channel = input.Channel!.Value;
        interaction.TouchpointId = values.TouchpointId;
        interaction.PhaseId = values.PhaseId;
        interaction.Direction = input.Direction;
        interaction.Subject = Text(input.Subject);
        // The importer's natural key: re-importing a file with this interaction updates it instead of duplicating it.
        interaction.ImportKey = values.ImportKey;
    }
}
