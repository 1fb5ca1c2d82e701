using Microsoft.EntityFrameworkCore;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Accounts.Records;

/// <summary>
/// Create or replace an order with its lines. Each line, together with the order fields, obeys the rules of a row
/// of the orders CSV (docs/import.md#columns: one row per line); <see cref="OrderId"/> is the order number.
/// </summary>
public sealed record OrderInput(string? OrderId, string? AccountExternalId, DateOnly? OrderDate, string? Currency, IReadOnlyList<OrderLineInputItem>? Lines);

/// <summary>An order line of a request; a negative <see cref="NetAmount"/> is a return or cancellation.</summary>
public sealed record OrderLineInputItem(string? ProductSku, string? ProductCategory, decimal? Quantity, decimal? NetAmount, decimal? Margin);

/// <summary>An order request that passed the rules.</summary>
public sealed record OrderValues(OrderInput Input, string OrderNo, long AccountId);

/// <summary>Orders with their lines: keyed by the order number; a replace replaces all lines.</summary>
public sealed class OrderRecord : AccountRecordKind<Order, OrderInput, OrderValues>
{
    public static readonly OrderRecord Kind = new();

    private const int MaxLines = 10_000;

    // Columns of an orders CSV row that belong to the line rather than to the order.
    private static readonly HashSet<string> LineFields = ["net_amount", "product_sku", "product_category", "quantity", "margin"];

    public override string Entity => "order";

    public override Task<Order?> FindForWriteAsync(RapportDbContext db, long id, CancellationToken ct) =>
        db.Orders.AsTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, ct);

    public override long IdOf(Order entity) => entity.Id;

    public override long AccountIdOf(Order entity) => entity.AccountId;

    public override async Task<OrderValues?> ValidateAsync(RapportDbContext db, Caller user, OrderInput input, Order? existing,
        FieldErrors errors, CancellationToken ct)
    {
        Validate(input, errors);
        var accountId = await AccountWriteScope.ResolveWritableAccountAsync(db, user, input.AccountExternalId, errors, ct);
        return errors.Any || accountId is null ? null : new OrderValues(input, input.OrderId!.Trim(), accountId.Value);
    }

    public override async Task<Error?> FindDuplicateAsync(RapportDbContext db, OrderValues values, Order? existing, CancellationToken ct) =>
        values.OrderNo != existing?.OrderNo && await db.Orders.AnyAsync(o => o.OrderNo == values.OrderNo, ct)
            ? SaveConflict(values) : null;

    public override Error SaveConflict(OrderValues values) =>
        Error.Conflict($"An order with the order id '{values.OrderNo}' already exists.");

    public override Order Create(OrderValues values, Caller user, DateTimeOffset now)
    {
        var order = new Order { OrderNo = values.OrderNo, CreatedAt = now };
        ApplyHeader(order, values);
        ApplyLines(order, values.Input);
        return order;
    }

    /// <summary>The old lines are removed here; the new ones follow in <see cref="AfterFirstSave"/>.</summary>
    public override void Apply(RapportDbContext db, Order entity, OrderValues values, Caller user, DateTimeOffset now)
    {
        entity.OrderNo = values.OrderNo;
        db.OrderLines.RemoveRange(entity.Lines);
        entity.Lines.Clear();
        ApplyHeader(entity, values);
    }

    public override bool SavesUnchanged => true;

    // The new lines are written after the old ones are deleted and the order is updated: lines are keyed by
    // (order, line number) and must carry their order's account whenever they are written (ADR 0010).
    public override Action? AfterFirstSave(Order entity, OrderValues values) => () => ApplyLines(entity, values.Input);

    public override object CreateDetails(Order entity, OrderInput input) =>
        new { orderId = entity.OrderNo, accountExternalId = input.AccountExternalId, lines = entity.Lines.Count };

    public override object DeleteDetails(Order entity) => new { orderId = entity.OrderNo, entity.AccountId };

    /// <summary>Each line with the order fields is checked as one CSV row; order-level errors are reported once.</summary>
    private static void Validate(OrderInput input, FieldErrors errors)
    {
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
    }

    private static void ApplyHeader(Order order, OrderValues values)
    {
        order.AccountId = values.AccountId;
        order.OrderDate = values.Input.OrderDate!.Value;
        order.Currency = Text(values.Input.Currency)?.ToUpperInvariant() ?? "EUR";
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
                ProductSku = Text(line.ProductSku),
                ProductCategory = Text(line.ProductCategory),
                Quantity = line.Quantity,
                NetAmount = line.NetAmount!.Value,
                Margin = line.Margin,
                Currency = order.Currency,
            });
        }
    }
}
