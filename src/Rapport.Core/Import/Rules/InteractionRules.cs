using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rapport.Core.Accounts;
using Rapport.Core.Data;

namespace Rapport.Core.Import.Rules;

/// <summary>An interaction as read from a file row or an API request (docs/import.md#columns, interactions); null means "not given".</summary>
public sealed record InteractionInput
{
    public string? AccountExternalId { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public InteractionChannel? Channel { get; init; }
    public string? ContactExternalId { get; init; }
    /// <summary>A touchpoint code (<c>field_service</c>), lower case.</summary>
    public string? Touchpoint { get; init; }
    /// <summary>A business phase code (<c>offer</c>), lower case.</summary>
    public string? Phase { get; init; }
    public InteractionDirection? Direction { get; init; }
    public string? Subject { get; init; }
}

/// <summary>
/// Row rules for interactions: required account_external_id, occurred_at (a point in time) and channel; direction text.
/// Touchpoint and phase codes, account and contact are checked against the database by the caller.
/// </summary>
public static class InteractionRules
{
    public const int AccountExternalId = 0, OccurredAt = 1, Channel = 2, ContactExternalId = 3, Touchpoint = 4, Phase = 5,
        Direction = 6, Subject = 7;

    /// <summary>The CSV columns (docs/import.md#columns) of interactions.</summary>
    public static readonly EntitySchema Schema = new("interactions",
    [
        new("account_external_id", true), new("occurred_at", true), new("channel", true), new("contact_external_id", false),
        new("touchpoint", false), new("phase", false), new("direction", false), new("subject", false),
    ]);

    /// <summary>Parses raw texts and applies all rules.</summary>
    public static RuleResult<InteractionInput> Parse(IFieldValues values, ValueFormat? format = null)
    {
        var r = new RecordReader(Schema, values, format ?? ValueFormat.Default);
        var input = new InteractionInput
        {
            AccountExternalId = r.Id(AccountExternalId, required: true),
            OccurredAt = r.Timestamp(OccurredAt, required: true),
            Channel = r.Enum<InteractionChannel>(Channel, required: true),
            ContactExternalId = r.Id(ContactExternalId),
            Touchpoint = r.Text(Touchpoint)?.ToLowerInvariant(),
            Phase = r.Text(Phase)?.ToLowerInvariant(),
            Direction = r.Enum<InteractionDirection>(Direction),
            Subject = r.Text(Subject),
        };
        Validate(input, r.ErrorList);
        return new RuleResult<InteractionInput>(input, r.Errors);
    }

    /// <summary>Applies the rules to typed input (e.g. a deserialised API request).</summary>
    public static IReadOnlyList<FieldError> Validate(InteractionInput input)
    {
        var errors = new List<FieldError>();
        Validate(input, errors);
        return errors;
    }

    private static void Validate(InteractionInput input, List<FieldError> errors)
    {
        Rule.Required(errors, "account_external_id", input.AccountExternalId);
        Rule.Required(errors, "occurred_at", input.OccurredAt);
        Rule.Required(errors, "channel", input.Channel);
        Rule.Enum(errors, "channel", input.Channel);
        Rule.Enum(errors, "direction", input.Direction);
    }

    /// <summary>
    /// The idempotency key of an interaction, which has no id of its own: SHA-256 (hex) over account, occurred_at
    /// (UTC, to the microsecond, as PostgreSQL stores it), channel, contact and subject. Re-importing the same
    /// interaction finds the same key; a changed subject or time is a different interaction.
    /// </summary>
    public static string ImportKey(string accountExternalId, DateTimeOffset occurredAt, InteractionChannel channel,
        string? contactExternalId, string? subject)
    {
        var utc = occurredAt.UtcDateTime;
        var micros = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        var text = string.Join('\u001f',
            accountExternalId.Trim(),
            micros.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            EnumText.ToText(channel),
            contactExternalId?.Trim() ?? "",
            subject?.Trim() ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary><see cref="ImportKey(string, DateTimeOffset, InteractionChannel, string?, string?)"/> of valid input.</summary>
    public static string ImportKey(InteractionInput input) =>
        ImportKey(input.AccountExternalId ?? throw new ArgumentException("account_external_id is required.", nameof(input)),
            input.OccurredAt ?? throw new ArgumentException("occurred_at is required.", nameof(input)),
            input.Channel ?? throw new ArgumentException("channel is required.", nameof(input)),
            input.ContactExternalId, input.Subject);
}
