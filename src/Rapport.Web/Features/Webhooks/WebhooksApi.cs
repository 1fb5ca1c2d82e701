using Rapport.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Webhooks;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Webhooks;

/// <summary>A new subscription; <see cref="EventTypes"/> empty or missing means all types, <see cref="Secret"/> missing
/// means one is generated.</summary>
public sealed record WebhookInput(string? Url, IReadOnlyList<string>? EventTypes, string? Description, string? Secret);

/// <summary>A subscription with counts from its delivery log.</summary>
public sealed record WebhookItem(
    long Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Active,
    DateTimeOffset CreatedAt,
    int Pending,
    int Delivered,
    int Failed,
    DateTimeOffset? LastAttemptAt);

/// <summary>The created subscription and its signing secret — shown this once only.</summary>
public sealed record WebhookCreated(WebhookItem Subscription, string Secret);

/// <summary>One entry of the delivery log.</summary>
public sealed record WebhookDeliveryItem(
    long Id,
    long? EventId,
    string EventType,
    WebhookDeliveryStatus Status,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset CreatedAt);

/// <summary>The outcome of a test send.</summary>
public sealed record WebhookTestResult(long DeliveryId, bool Delivered, int? StatusCode, string? Error);

/// <summary><c>/api/v1/webhooks</c> (admins): signed outbound events with retries and a delivery log (docs/webhooks.md).</summary>
internal static class WebhooksApi
{
    private const string Entity = "webhook subscription";

    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync).WithName("ListWebhooks");
        group.MapPost("/", CreateAsync).WithName("CreateWebhook")
            .WithSummary("Subscribe a URL; the answer carries the signing secret, which is not shown again.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetWebhook").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteWebhook").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:long}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The delivery log, newest first; filter by status (pending, delivered, failed).");
        group.MapPost("/{id:long}/test", TestAsync).WithName("TestWebhook").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Send a signed webhook.test event now (one attempt, logged) and report the receiver's answer.");
        return group;
    }

    internal static async Task<Results<Ok<PagedResult<WebhookItem>>, ValidationProblem>> ListAsync(RapportDbContext db, CancellationToken ct,
        int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        return TypedResults.Ok(await paging.ReadAsync(db.WebhookSubscriptions, q => Project(db, q.OrderBy(s => s.Id)), ct));
    }

    internal static async Task<Results<Created<WebhookCreated>, ValidationProblem>> CreateAsync(WebhookInput input, RapportDbContext db,
        Caller user, WebhookSecrets secrets, TimeProvider clock, CancellationToken ct)
    {
        var result = await new WebhookSubscriptions(db, secrets, clock).CreateAsync(
            new NewWebhookSubscription(input.Url, input.EventTypes, input.Description, input.Secret), user.Id, user.Email, ct);
        if (!result.Succeeded)
        {
            return result.Error.ToValidationProblem();
        }
        var id = result.Value!.Subscription.Id;
        var item = await Project(db, db.WebhookSubscriptions.Where(s => s.Id == id)).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/webhooks/{id}", new WebhookCreated(item, result.Value.Secret));
    }

    internal static async Task<Results<Ok<WebhookItem>, ProblemHttpResult>> GetAsync(long id, RapportDbContext db, CancellationToken ct)
    {
        var item = await Project(db, db.WebhookSubscriptions.Where(s => s.Id == id)).FirstOrDefaultAsync(ct);
        return item is null ? ApiProblems.NotFound(Entity, id) : TypedResults.Ok(item);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, RapportDbContext db, Caller user,
        WebhookSecrets secrets, TimeProvider clock, CancellationToken ct) =>
        await new WebhookSubscriptions(db, secrets, clock).DeleteAsync(id, user.Id, user.Email, ct)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound(Entity, id);

    internal static async Task<Results<Ok<PagedResult<WebhookDeliveryItem>>, ValidationProblem, ProblemHttpResult>> DeliveriesAsync(long id,
        RapportDbContext db, CancellationToken ct, int? page = null, int? pageSize = null, string? status = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var wanted = InputRules.Enum<WebhookDeliveryStatus>(status, "status", errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        var query = db.WebhookDeliveries.Where(d => d.SubscriptionId == id);
        if (wanted is { } s)
        {
            query = query.Where(d => d.Status == s);
        }
        return TypedResults.Ok(await paging.ReadAsync(query, q => ProjectDeliveries(q), ct));
    }

    internal static async Task<Results<Ok<WebhookTestResult>, ProblemHttpResult>> TestAsync(long id, WebhookDispatcherFactory dispatchers, CancellationToken ct)
    {
        var attempt = await dispatchers.Create().SendTestAsync(id, ct);
        return attempt is null
            ? ApiProblems.NotFound(Entity, id)
            : TypedResults.Ok(new WebhookTestResult(attempt.DeliveryId, attempt.Delivered, attempt.StatusCode, attempt.Error));
    }

    internal static IQueryable<WebhookDeliveryItem> ProjectDeliveries(IQueryable<WebhookDelivery> query) =>
        query.OrderByDescending(d => d.Id).Select(d => new WebhookDeliveryItem(d.Id, d.EventId, d.EventType, d.Status, d.AttemptCount,
            d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.LastStatusCode, d.LastError, d.DeliveredAt, d.CreatedAt));

    internal static IQueryable<WebhookItem> Project(RapportDbContext db, IQueryable<WebhookSubscription> query) =>
        query.Select(s => new WebhookItem(s.Id, s.Url, s.Description, s.EventTypes, s.IsActive, s.CreatedAt,
            db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.Status == WebhookDeliveryStatus.Pending),
            db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.Status == WebhookDeliveryStatus.Delivered),
            db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.Status == WebhookDeliveryStatus.Failed),
            db.WebhookDeliveries.Where(d => d.SubscriptionId == s.Id).Max(d => d.LastAttemptAt)));
}
