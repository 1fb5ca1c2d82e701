using Rapport.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Accounts.Records;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Accounts;

/// <summary><c>/api/v1/accounts</c>: list, read, create, replace, delete.</summary>
internal static class AccountsApi
{
    private const string Entity = "account";

    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accounts").WithTags("Accounts");
        group.MapGet("/", ListAsync).WithName("ListAccounts")
            .WithSummary("Paged accounts, filterable by search text (name or external id), segment, lifecycle phase, business type, key account, owner.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetAccount").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One account with its contacts and key figures.");
        group.MapPost("/", CreateAsync).WithName("CreateAccount").Produces<AccountDetail>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Write);
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateAccount").Produces<AccountDetail>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Write);
        group.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteAccount").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Write);
        return group;
    }

    /// <param name="search">Case-insensitive: accounts whose name or external id contains the text.</param>
    /// <param name="sort">name (default), externalId, createdAt, updatedAt; prefix with '-' for descending.</param>
    /// <param name="owner">E-mail of the owning user, or "me".</param>
    internal static async Task<Results<Ok<PagedResult<AccountListItem>>, ValidationProblem>> ListAsync(
        RapportDbContext db, Caller user, CancellationToken ct,
        int? page = null, int? pageSize = null, string? search = null, string? segment = null, string? lifecyclePhase = null,
        string? businessType = null, bool? keyAccount = null, string? owner = null, string? sort = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var query = db.VisibleAccounts(user);

        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            if (text.Length > 200)
            {
                errors.Add("search", "The search text must have at most 200 characters.");
            }
            // Any part of the name or external id, case-insensitive; served by the trigram indexes of migration 0003.
            var pattern = "%" + Like.Escape(text) + "%";
            query = query.Where(a => EF.Functions.ILike(a.Name, pattern, Like.EscapeCharacter)
                || EF.Functions.ILike(a.ExternalId, pattern, Like.EscapeCharacter));
        }
        if (InputRules.Enum<Segment>(segment, "segment", errors) is { } seg)
        {
            query = query.Where(a => a.Segment == seg);
        }
        if (InputRules.Enum<LifecyclePhase>(lifecyclePhase, "lifecyclePhase", errors) is { } phase)
        {
            query = query.Where(a => a.LifecyclePhase == phase);
        }
        if (InputRules.Enum<BusinessType>(businessType, "businessType", errors) is { } type)
        {
            query = query.Where(a => a.BusinessType == type);
        }
        if (keyAccount is { } key)
        {
            query = query.Where(a => a.KeyAccount == key);
        }
        if (!string.IsNullOrWhiteSpace(owner))
        {
            if (owner.Trim().Equals("me", StringComparison.OrdinalIgnoreCase))
            {
                query = query.Where(a => a.OwnerUserId == user.Id);
            }
            else
            {
                // Resolved first: with the id as a constant the planner sees how selective the filter is.
                var email = owner.Trim().ToLowerInvariant();
                var ownerId = await db.Users.Where(u => u.Email.ToLower() == email).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct) ?? 0;
                query = query.Where(a => a.OwnerUserId == ownerId);
            }
        }
        var order = Sorting(sort, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var searching = !string.IsNullOrWhiteSpace(search);
        var result = await paging.ReadByKeysAsync(query, a => a.Id, ids => db.Accounts.Where(a => ids.Contains(a.Id)), (q, total) => order(q, searching && total <= SortSearchHitsUpTo), a => new AccountListItem(
            a.Id, a.ExternalId, a.Name, a.Industry, a.Country, a.BusinessType, a.KeyAccount, a.Segment, a.LifecyclePhase,
            a.Owner == null ? null : a.Owner.Email), ct);
        return TypedResults.Ok(result);
    }

    internal static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> GetAsync(
        long id, RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct)
    {
        var detail = await ReadDetailAsync(db, user, id, clock, ct);
        return detail is null ? ApiProblems.NotFound(Entity, id) : TypedResults.Ok(detail);
    }

    internal static async Task<IResult> CreateAsync(AccountInput input, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.CreateAsync(AccountRecord.Kind, s.User, input, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/accounts/{result.Value}", await ReadDetailAsync(s.Db, s.User, result.Value, s.Clock, ct))
            : result.Error.ToProblem();
    }

    internal static async Task<IResult> UpdateAsync(long id, AccountInput input, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.UpdateAsync(AccountRecord.Kind, s.User, id, input, ct);
        return result.Succeeded ? TypedResults.Ok(await ReadDetailAsync(s.Db, s.User, id, s.Clock, ct)) : result.Error.ToProblem();
    }

    internal static async Task<IResult> DeleteAsync(long id, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.DeleteAsync(AccountRecord.Kind, s.User, id, ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    internal static async Task<AccountDetail?> ReadDetailAsync(RapportDbContext db, Caller user, long id, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var yearAgo = today.AddMonths(-12);
        var row = await db.VisibleAccounts(user).Where(a => a.Id == id).Select(a => new
        {
            Account = a,
            OwnerEmail = a.Owner == null ? null : a.Owner.Email,
            ParentExternalId = a.Parent == null ? null : a.Parent.ExternalId,
            Revenue = db.OrderLines.Where(l => l.AccountId == a.Id && l.OrderDate > yearAgo && l.OrderDate <= today).Sum(l => (decimal?)l.NetAmount),
            OrderCount = db.Orders.Count(o => o.AccountId == a.Id),
            LastOrder = db.Orders.Where(o => o.AccountId == a.Id).Max(o => (DateOnly?)o.OrderDate),
            OpenContracts = db.Contracts.Count(c => c.AccountId == a.Id && c.StartDate <= today
                && (c.EndDate == null || c.EndDate >= today) && c.TerminatedOn == null),
        }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var contacts = await db.Contacts.Where(c => c.AccountId == id)
            .OrderByDescending(c => c.IsActive).ThenBy(c => c.LastName).ThenBy(c => c.Id)
            .Select(c => new AccountContact(c.Id, c.ExternalId, c.FirstName, c.LastName, c.Email, c.JobTitle, c.Department, c.BuyingRole, c.IsActive))
            .ToListAsync(ct);
        var a = row.Account;
        return new AccountDetail(a.Id, a.ExternalId, a.Name, a.Industry, a.Country, a.Region, a.Employees, a.BusinessType, a.AcquisitionChannel,
            a.AcquiredOn, a.AcquisitionCost, a.KeyAccount, row.OwnerEmail, a.ParentAccountId, row.ParentExternalId, a.Segment, a.LifecyclePhase,
            a.LifecyclePhaseSince, a.CreatedAt, a.UpdatedAt, contacts,
            new AccountKeyFigures(row.Revenue ?? 0m, row.OrderCount, row.LastOrder, row.OpenContracts));
    }

    /// <summary>
    /// Up to this many search hits are sorted rather than found by walking the name index. Hits of a search cluster in
    /// name order (searching "Müller" finds names starting with it), so a walk can pass most of the index before the
    /// first hit; sorting costs in proportion to the hits, which the trigram index finds directly.
    /// </summary>
    private const int SortSearchHitsUpTo = 10_000;

    /// <summary>The ordering for <paramref name="sort"/>; its second argument asks for a plan that sorts instead of walking an index.</summary>
    private static Func<IQueryable<Account>, bool, IOrderedQueryable<Account>> Sorting(string? sort, FieldErrors errors)
    {
        var key = string.IsNullOrWhiteSpace(sort) ? "name" : sort.Trim();
        var descending = key.StartsWith('-');
        var field = descending ? key[1..] : key;
        Func<IQueryable<Account>, bool, IOrderedQueryable<Account>>? order = field.ToLowerInvariant() switch
        {
            // "name + ''" sorts the same but is not the indexed expression, so PostgreSQL sorts the hits.
            "name" => (q, sortHits) => sortHits
                ? Direction(q, a => a.Name + "", descending)
                : descending ? q.OrderByDescending(a => a.Name).ThenByDescending(a => a.Id) : q.OrderBy(a => a.Name).ThenBy(a => a.Id),
            "externalid" => (q, _) => descending ? q.OrderByDescending(a => a.ExternalId) : q.OrderBy(a => a.ExternalId),
            "createdat" => (q, _) => descending ? q.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id) : q.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id),
            "updatedat" => (q, _) => descending ? q.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id) : q.OrderBy(a => a.UpdatedAt).ThenBy(a => a.Id),
            _ => null,
        };
        if (order is null)
        {
            errors.Add("sort", $"Unknown sort '{sort}'; expected name, externalId, createdAt or updatedAt, optionally prefixed with '-'.");
            return (q, _) => q.OrderBy(a => a.Id);
        }
        return order;
    }

    private static IOrderedQueryable<Account> Direction(IQueryable<Account> q, System.Linq.Expressions.Expression<Func<Account, string>> key, bool descending) =>
        descending ? q.OrderByDescending(key).ThenByDescending(a => a.Id) : q.OrderBy(key).ThenBy(a => a.Id);
}
