using Rapport.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Accounts.Records;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Accounts;

/// <summary><c>/api/v1/interactions</c>: visits, calls, e-mails, meetings … with touchpoint and business phase.</summary>
internal static class InteractionsApi
{
    private const string Entity = "interaction";

    public static RouteGroupBuilder MapInteractionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/interactions").WithTags("Interactions");
        group.MapGet("/", ListAsync).WithName("ListInteractions")
            .WithSummary("Paged interactions, newest first, filterable by account, contact, channel and time range [from, to).");
        group.MapGet("/{id:long}", GetAsync).WithName("GetInteraction").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateInteraction").Produces<InteractionItem>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Write)
            .WithSummary("Record an interaction; fields and rules as in the interactions CSV (touchpoint and phase are codes).");
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateInteraction").Produces<InteractionItem>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Write);
        group.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteInteraction").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Write);
        return group;
    }

    internal static async Task<Results<Ok<PagedResult<InteractionItem>>, ValidationProblem>> ListAsync(
        RapportDbContext db, Caller user, CancellationToken ct,
        int? page = null, int? pageSize = null, long? accountId = null, long? contactId = null, string? channel = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var query = db.Interactions.WhereAccountVisible(db, user, i => i.AccountId);
        if (accountId is { } account)
        {
            query = query.Where(i => i.AccountId == account);
        }
        if (contactId is { } contact)
        {
            query = query.Where(i => i.ContactId == contact);
        }
        if (InputRules.Enum<InteractionChannel>(channel, "channel", errors) is { } ch)
        {
            query = query.Where(i => i.Channel == ch);
        }
        if (from > to)
        {
            errors.Add("to", "The end of the time range lies before its start.");
        }
        if (from is { } start)
        {
            var utc = start.ToUniversalTime();
            query = query.Where(i => i.OccurredAt >= utc);
        }
        if (to is { } end)
        {
            var utc = end.ToUniversalTime();
            query = query.Where(i => i.OccurredAt < utc);
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await paging.ReadAsync(query, q => Project(db, q.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)), ct);
        return TypedResults.Ok(result);
    }

    internal static async Task<IResult> CreateAsync(InteractionInput input, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.CreateAsync(InteractionRecord.Kind, s.User, input, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/interactions/{result.Value}", await ReadAsync(s.Db, s.User, result.Value, ct))
            : result.Error.ToProblem();
    }

    internal static async Task<IResult> UpdateAsync(long id, InteractionInput input, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.UpdateAsync(InteractionRecord.Kind, s.User, id, input, ct);
        return result.Succeeded ? TypedResults.Ok(await ReadAsync(s.Db, s.User, id, ct)) : result.Error.ToProblem();
    }

    internal static async Task<IResult> DeleteAsync(long id, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.DeleteAsync(InteractionRecord.Kind, s.User, id, ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    internal static async Task<Results<Ok<InteractionItem>, ProblemHttpResult>> GetAsync(long id, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var item = await ReadAsync(db, user, id, ct);
        return item is null ? ApiProblems.NotFound(Entity, id) : TypedResults.Ok(item);
    }

    internal static Task<InteractionItem?> ReadAsync(RapportDbContext db, Caller user, long id, CancellationToken ct) =>
        Project(db, db.Interactions.WhereAccountVisible(db, user, i => i.AccountId).Where(i => i.Id == id)).FirstOrDefaultAsync(ct);

    private static IQueryable<InteractionItem> Project(RapportDbContext db, IQueryable<Interaction> query) =>
        query.Select(i => new InteractionItem(
            i.Id,
            i.AccountId,
            db.Accounts.Where(a => a.Id == i.AccountId).Select(a => a.ExternalId).First(),
            i.ContactId,
            db.Contacts.Where(c => c.Id == i.ContactId).Select(c => c.ExternalId).FirstOrDefault(),
            i.OccurredAt,
            i.Channel,
            db.Touchpoints.Where(t => t.Id == i.TouchpointId).Select(t => t.Code).FirstOrDefault(),
            db.BusinessPhases.Where(p => p.Id == i.PhaseId).Select(p => p.Code).FirstOrDefault(),
            i.Direction,
            i.Subject));
}
