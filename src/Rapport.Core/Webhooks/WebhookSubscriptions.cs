using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Auditing;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Events;

namespace Rapport.Core.Webhooks;

/// <summary>A subscription to create: the receiver's URL, the event types (none = all), an optional note and an optional
/// secret of the admin's choice (else one is generated).</summary>
public sealed record NewWebhookSubscription(string? Url, IReadOnlyList<string>? EventTypes = null, string? Description = null, string? Secret = null);

/// <summary>A broken rule of the input, by field (API name).</summary>
public sealed record WebhookFieldError(string Field, string Message);

/// <summary>The new subscription and its secret in clear — the only time the secret is shown.</summary>
public sealed record CreatedWebhook(WebhookSubscription Subscription, string Secret);

/// <summary>Creating and deleting subscriptions (admin only; the callers check the role).</summary>
public sealed class WebhookSubscriptions(RapportDbContext db, WebhookSecrets secrets, TimeProvider clock)
{
    public const int MaxDescription = 500;
    public const string AuditEntity = "webhook_subscription";

    public async Task<Result<CreatedWebhook>> CreateAsync(NewWebhookSubscription input, long? userId, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            var fields = new FieldErrors();
            foreach (var error in errors)
            {
                fields.Add(error.Field, error.Message);
            }
            return Error.Validation(fields);
        }
        var secret = string.IsNullOrWhiteSpace(input.Secret) ? WebhookSecrets.Generate() : input.Secret.Trim();
        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Url = input.Url!.Trim(),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            SecretProtected = secrets.Protect(secret),
            EventTypes = (input.EventTypes ?? []).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            CreatedByUserId = userId,
            CreatedAt = now,
        };
        db.WebhookSubscriptions.Add(subscription);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.AuditLog.Add(Audit(userId, actor, "create", subscription.Id, new { subscription.Url, subscription.EventTypes }, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CreatedWebhook(subscription, secret);
    }

    /// <summary>Deletes the subscription with its delivery log; false when there is none.</summary>
    public async Task<bool> DeleteAsync(long id, long? userId, string actor, CancellationToken ct = default)
    {
        var subscription = await db.WebhookSubscriptions.AsTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return false;
        }
        db.WebhookSubscriptions.Remove(subscription);
        db.AuditLog.Add(Audit(userId, actor, "delete", id, new { subscription.Url }, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The rules of <see cref="CreateAsync"/>: an absolute http(s) URL without credentials, known event types,
    /// a secret of <see cref="WebhookSecrets.MinLength"/>–<see cref="WebhookSecrets.MaxLength"/> characters when given.</summary>
    public static IReadOnlyList<WebhookFieldError> Validate(NewWebhookSubscription input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<WebhookFieldError>();
        var url = input.Url?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            errors.Add(new("url", "The URL is required."));
        }
        else if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(new("url", $"'{Shorten(url)}' is not an absolute http:// or https:// URL."));
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add(new("url", "The URL must not contain a user name or password; the signature authenticates the requests."));
        }
        foreach (var (type, i) in (input.EventTypes ?? []).Select((t, i) => (t, i)))
        {
            if (!EventTypes.All.Contains(type?.Trim()))
            {
                errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"eventTypes[{i}]"),
                    $"Unknown event type '{type}'; expected one of {string.Join(", ", EventTypes.All)}."));
            }
        }
        if (input.Description?.Trim().Length > MaxDescription)
        {
            errors.Add(new("description", $"The description must be at most {MaxDescription} characters."));
        }
        if (!string.IsNullOrWhiteSpace(input.Secret) && input.Secret.Trim().Length is < WebhookSecrets.MinLength or > WebhookSecrets.MaxLength)
        {
            errors.Add(new("secret", $"The secret must be {WebhookSecrets.MinLength}–{WebhookSecrets.MaxLength} characters; leave it out to have one generated."));
        }
        return errors;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static AuditEntry Audit(long? userId, string actor, string action, long id, object details, DateTimeOffset at) => new()
    {
        OccurredAt = at,
        UserId = userId,
        Actor = actor,
        Action = action,
        Entity = AuditEntity,
        EntityId = id.ToString(CultureInfo.InvariantCulture),
        Details = JsonSerializer.SerializeToDocument(details, details.GetType(), JsonSerializerOptions.Web),
    };
}
