using Rapport.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts.Records;
using Rapport.Core.Data;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Accounts;

/// <summary><c>/api/v1/orders</c>: the transaction history, one order with its lines.</summary>
internal static class OrdersApi
{
    private const string Entity = "order";

    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/orders").WithTags("Orders");
        group.MapGet("/", ListAsync).WithName("ListOrders")
            .WithSummary("Paged orders, newest first, filterable by account and order date range [from, to].");
        group.MapGet("/{id:long}", GetAsync).WithName("GetOrder").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateOrder").Produces<OrderDetail>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Write);
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateOrder").Produces<OrderDetail>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Write)
            .WithSummary("Replace an order and all its lines.");
        group.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteOrder").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Write);
        return group;
    }

    internal static async Task<Results<Ok<PagedResult<OrderListItem>>, ValidationProblem>> ListAsync(
        RapportDbContext db, Caller user, CancellationToken ct,
        int? page = null, int? pageSize = null, long? accountId = null, DateOnly? from = null, DateOnly? to = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (from > to)
        {
            errors.Add("to", "The end of the date range lies before its start.");
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var query = db.Orders.WhereAccountVisible(db, user, o => o.AccountId);
        if (accountId is { } account)
        {
            query = query.Where(o => o.AccountId == account);
        }
        if (from is { } start)
        {
            query = query.Where(o => o.OrderDate >= start);
        }
        if (to is { } end)
        {
            query = query.Where(o => o.OrderDate <= end);
        }
        var result = await paging.ReadAsync(query, q => q.OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.Id)
            .Select(o => new OrderListItem(o.Id, o.OrderNo, o.AccountId, db.Accounts.Where(a => a.Id == o.AccountId).Select(a => a.ExternalId).First(),
                o.OrderDate, o.Currency, o.Lines.Sum(l => l.NetAmount), o.Lines.Count)), ct);
        return TypedResults.Ok(result);
    }

    internal static async Task<IResult> CreateAsync(OrderInput input, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.CreateAsync(OrderRecord.Kind, s.User, input, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/orders/{result.Value}", await ReadDetailAsync(s.Db, s.User, result.Value, ct))
            : result.Error.ToProblem();
    }

    internal static async Task<IResult> UpdateAsync(long id, OrderInput input, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.UpdateAsync(OrderRecord.Kind, s.User, id, input, ct);
        return result.Succeeded ? TypedResults.Ok(await ReadDetailAsync(s.Db, s.User, id, ct)) : result.Error.ToProblem();
    }

    internal static async Task<IResult> DeleteAsync(long id, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.DeleteAsync(OrderRecord.Kind, s.User, id, ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    internal static async Task<Results<Ok<OrderDetail>, ProblemHttpResult>> GetAsync(long id, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var detail = await ReadDetailAsync(db, user, id, ct);
        return detail is null ? ApiProblems.NotFound(Entity, id) : TypedResults.Ok(detail);
    }

    internal static async Task<OrderDetail?> ReadDetailAsync(RapportDbContext db, Caller user, long id, CancellationToken ct)
    {
        var order = await db.Orders.WhereAccountVisible(db, user, o => o.AccountId).Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return null;
        }
        var accountExternalId = await db.Accounts.Where(a => a.Id == order.AccountId).Select(a => a.ExternalId).FirstAsync(ct);
        var lines = order.Lines.OrderBy(l => l.LineNo)
            .Select(l => new OrderLineItem(l.LineNo, l.ProductSku, l.ProductCategory, l.Quantity, l.NetAmount, l.Margin)).ToList();
        return new OrderDetail(order.Id, order.OrderNo, order.AccountId, accountExternalId, order.OrderDate, order.Currency,
            lines.Sum(l => l.NetAmount), lines, order.CreatedAt);
    }
}
