using Rapport.Core.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Accounts;

internal static partial class OrdersApi
{
    private const int MaxLines = 10_000;

    // Columns of an orders CSV row that belong to the line rather than to the order.
    private static readonly HashSet<string> LineFields = ["net_amount", "product_sku", "product_category", "quantity", "margin"];

    internal static async Task<Results<Created<OrderDetail>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        OrderInput input, RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(input);
        var accountId = await db.ResolveWritableAccountAsync(user, input.AccountExternalId, errors, ct);
        if (errors.Any || accountId is null)
        {
            return ApiProblems.Validation(errors);
        }
        var orderNo = input.OrderId!.Trim();
        if (await db.Orders.AnyAsync(o => o.OrderNo == orderNo, ct))
        {
            return Duplicate(orderNo);
        }
        var order = new Order { OrderNo = orderNo, CreatedAt = clock.GetUtcNow() };
        Apply(order, input, accountId.Value);
        db.Orders.Add(order);
        try
        {
            await AuditTrail.SaveAsync(db, user, AuditTrail.Create, Entity, () => order.Id.ToString(CultureInfo.InvariantCulture),
                new { orderId = order.OrderNo, accountExternalId = input.AccountExternalId, lines = order.Lines.Count }, ct);
        }
        catch (DbUpdateException ex) when (AccountsApi.IsUniqueViolation(ex))
        {
            return Duplicate(orderNo);
        }
        return TypedResults.Created($"/api/v1/orders/{order.Id}", (await ReadDetailAsync(db, user, order.Id, ct))!);
    }

    internal static async Task<Results<Ok<OrderDetail>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, OrderInput input, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var order = await db.Orders.AsTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null || !await db.CanWriteAsync(user, order.AccountId, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        var errors = Validate(input);
        var accountId = await db.ResolveWritableAccountAsync(user, input.AccountExternalId, errors, ct);
        if (errors.Any || accountId is null)
        {
            return ApiProblems.Validation(errors);
        }
        var orderNo = input.OrderId!.Trim();
        if (orderNo != order.OrderNo && await db.Orders.AnyAsync(o => o.OrderNo == orderNo, ct))
        {
            return Duplicate(orderNo);
        }
        order.OrderNo = orderNo;
        db.OrderLines.RemoveRange(order.Lines);
        order.Lines.Clear();
        ApplyHeader(order, input, accountId.Value);
        try
        {
            // The new lines are written after the old ones are deleted and the order is updated: lines are keyed by
            // (order, line number) and must carry their order's account whenever they are written (ADR 0010).
            await AuditTrail.SaveAsync(db, user, AuditTrail.Update, Entity, () => id.ToString(CultureInfo.InvariantCulture), null, ct,
                then: () => ApplyLines(order, input));
        }
        catch (DbUpdateException ex) when (AccountsApi.IsUniqueViolation(ex))
        {
            return Duplicate(orderNo);
        }
        return TypedResults.Ok((await ReadDetailAsync(db, user, id, ct))!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var order = await db.Orders.AsTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null || !await db.CanWriteAsync(user, order.AccountId, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        db.Orders.Remove(order);
        await AuditTrail.SaveAsync(db, user, AuditTrail.Delete, Entity, () => id.ToString(CultureInfo.InvariantCulture),
            new { orderId = order.OrderNo, order.AccountId }, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Each line with the order fields is checked as one CSV row; order-level errors are reported once.</summary>
    private static FieldErrors Validate(OrderInput input)
    {
        var errors = new FieldErrors();
        var lines = input.Lines ?? [];
        if (lines.Count == 0)
        {
            errors.Add("lines", "an order needs at least one line");
        }
        else if (lines.Count > MaxLines)
        {
            errors.Add("lines", $"an order can have at most {MaxLines} lines");
        }
        // Without lines, a zero-amount line still lets the order fields be checked.
        IEnumerable<OrderLineInputItem?> rows = lines.Count == 0 ? [new OrderLineInputItem(null, null, null, 0m, null)] : lines.Take(MaxLines);
        var index = 0;
        foreach (var line in rows)
        {
            var row = new OrderLineInput
            {
                OrderId = input.OrderId,
                AccountExternalId = input.AccountExternalId,
                OrderDate = input.OrderDate,
                Currency = input.Currency,
                NetAmount = line?.NetAmount,
                ProductSku = line?.ProductSku,
                ProductCategory = line?.ProductCategory,
                Quantity = line?.Quantity,
                Margin = line?.Margin,
            };
            foreach (var error in OrderLineRules.Validate(row))
            {
                if (LineFields.Contains(error.Field))
                {
                    errors.Add($"lines[{index}].{FieldErrors.FieldName(error.Field)}", error.Message);
                }
                else if (!errors.Has(FieldErrors.FieldName(error.Field)))
                {
                    errors.Add(FieldErrors.FieldName(error.Field), error.Message);
                }
            }
            index++;
        }
        return errors;
    }

    private static void Apply(Order order, OrderInput input, long accountId)
    {
        ApplyHeader(order, input, accountId);
        ApplyLines(order, input);
    }

    private static void ApplyHeader(Order order, OrderInput input, long accountId)
    {
        order.AccountId = accountId;
        order.OrderDate = input.OrderDate!.Value;
        order.Currency = InputRules.Text(input.Currency)?.ToUpperInvariant() ?? "EUR";
    }

    private static void ApplyLines(Order order, OrderInput input)
    {
        var lineNo = 1;
        foreach (var line in input.Lines!)
        {
            order.Lines.Add(new OrderLine
            {
                AccountId = order.AccountId,
                OrderDate = order.OrderDate,
                LineNo = lineNo++,
                ProductSku = InputRules.Text(line.ProductSku),
                ProductCategory = InputRules.Text(line.ProductCategory),
                Quantity = line.Quantity,
                NetAmount = line.NetAmount!.Value,
                Margin = line.Margin,
                Currency = order.Currency,
            });
        }
    }

    private static ProblemHttpResult Duplicate(string orderNo) =>
        ApiProblems.Conflict($"An order with the order id '{orderNo}' already exists.");
}
