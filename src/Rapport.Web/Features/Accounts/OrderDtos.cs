namespace Rapport.Web.Features.Accounts;

/// <summary>An order in lists; <see cref="NetAmount"/> is the sum of its lines (returns negative).</summary>
/// <param name="OrderId">The order number (CSV <c>order_id</c>).</param>
public sealed record OrderListItem(long Id, string OrderId, long AccountId, string AccountExternalId, DateOnly OrderDate, string Currency,
    decimal NetAmount, int LineCount);

/// <summary>An order line.</summary>
public sealed record OrderLineItem(int LineNo, string? ProductSku, string? ProductCategory, decimal? Quantity, decimal NetAmount, decimal? Margin);

/// <summary>One order with its lines.</summary>
public sealed record OrderDetail(long Id, string OrderId, long AccountId, string AccountExternalId, DateOnly OrderDate, string Currency,
    decimal NetAmount, IReadOnlyList<OrderLineItem> Lines, DateTimeOffset CreatedAt);

/// <summary>
/// Create or replace an order with its lines. Each line, together with the order fields, obeys the rules of a row
/// of the orders CSV (docs/import.md#columns: one row per line); <see cref="OrderId"/> is the order number.
/// </summary>
public sealed record OrderInput(string? OrderId, string? AccountExternalId, DateOnly? OrderDate, string? Currency, IReadOnlyList<OrderLineInputItem>? Lines);

/// <summary>An order line of a request; a negative <see cref="NetAmount"/> is a return or cancellation.</summary>
public sealed record OrderLineInputItem(string? ProductSku, string? ProductCategory, decimal? Quantity, decimal? NetAmount, decimal? Margin);
