using Rapport.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Accounts.Records;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Accounts;

/// <summary><c>/api/v1/contracts</c>: term, notice period, renewal, annual value.</summary>
internal static class ContractsApi
{
    private const string Entity = "contract";

    public static RouteGroupBuilder MapContractsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/contracts").WithTags("Contracts");
        group.MapGet("/", ListAsync).WithName("ListContracts")
            .WithSummary("Paged contracts ordered by end date (open-ended last), filterable by account and open (running today, not terminated).");
        group.MapGet("/{id:long}", GetAsync).WithName("GetContract").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateContract").Produces<ContractItem>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Write)
            .WithSummary("Create a contract; fields and rules as in the contracts CSV (contractId is the contract number).");
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateContract").Produces<ContractItem>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Write);
        group.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteContract").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Write);
        return group;
    }

    internal static async Task<Results<Ok<PagedResult<ContractItem>>, ValidationProblem>> ListAsync(
        RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct,
        int? page = null, int? pageSize = null, long? accountId = null, bool? open = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var today = Today(clock);
        var query = db.Contracts.WhereAccountVisible(db, user, c => c.AccountId);
        if (accountId is { } account)
        {
            query = query.Where(c => c.AccountId == account);
        }
        if (open is { } isOpen)
        {
            query = isOpen
                ? query.Where(c => c.StartDate <= today && (c.EndDate == null || c.EndDate >= today) && c.TerminatedOn == null)
                : query.Where(c => !(c.StartDate <= today && (c.EndDate == null || c.EndDate >= today) && c.TerminatedOn == null));
        }
        var result = await paging.ReadAsync(query,
            q => Project(db, q.OrderBy(c => c.EndDate == null).ThenBy(c => c.EndDate).ThenBy(c => c.Id), today), ct);
        return TypedResults.Ok(result);
    }

    internal static async Task<IResult> CreateAsync(ContractInput input, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.CreateAsync(ContractRecord.Kind, s.User, input, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/contracts/{result.Value}", await ReadAsync(s.Db, s.User, result.Value, Today(s.Clock), ct))
            : result.Error.ToProblem();
    }

    internal static async Task<IResult> UpdateAsync(long id, ContractInput input, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.UpdateAsync(ContractRecord.Kind, s.User, id, input, ct);
        return result.Succeeded ? TypedResults.Ok(await ReadAsync(s.Db, s.User, id, Today(s.Clock), ct)) : result.Error.ToProblem();
    }

    internal static async Task<IResult> DeleteAsync(long id, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.DeleteAsync(ContractRecord.Kind, s.User, id, ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    internal static async Task<Results<Ok<ContractItem>, ProblemHttpResult>> GetAsync(long id, RapportDbContext db, Caller user, TimeProvider clock,
        CancellationToken ct)
    {
        var item = await ReadAsync(db, user, id, Today(clock), ct);
        return item is null ? ApiProblems.NotFound(Entity, id) : TypedResults.Ok(item);
    }

    internal static Task<ContractItem?> ReadAsync(RapportDbContext db, Caller user, long id, DateOnly today, CancellationToken ct) =>
        Project(db, db.Contracts.WhereAccountVisible(db, user, c => c.AccountId).Where(c => c.Id == id), today).FirstOrDefaultAsync(ct);

    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static IQueryable<ContractItem> Project(RapportDbContext db, IQueryable<Contract> query, DateOnly today) =>
        query.Select(c => new ContractItem(
            c.Id,
            c.ContractNo,
            c.AccountId,
            db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.ExternalId).First(),
            c.StartDate,
            c.EndDate,
            c.NoticeDays,
            c.AutoRenew,
            c.AnnualValue,
            c.TerminatedOn,
            c.StartDate <= today && (c.EndDate == null || c.EndDate >= today) && c.TerminatedOn == null,
            c.CreatedAt,
            c.UpdatedAt));
}
