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
