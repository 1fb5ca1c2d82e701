namespace Rapport.Core.Import.Rules;

/// <summary>One order line as read from a file row (docs/import.md#columns, orders: one row per line, lines of an order share order_id).</summary>
public sealed record OrderLineInput
{
    public string? OrderId { get; init; }
    public string? AccountExternalId { get; init; }
    public DateOnly? OrderDate { get; init; }
    public decimal? NetAmount { get; init; }
    public string? ProductSku { get; init; }
    public string? ProductCategory { get; init; }
    public decimal? Quantity { get; init; }
    public string? Currency { get; init; }
    public decimal? Margin { get; init; }
}

/// <summary>
/// Row rules for order lines: required order_id, account_external_id, order_date and net_amount; numbers within the
/// column ranges (negative amounts and quantities are returns and allowed); a three-letter currency.
/// That all lines of one order agree on account and date, and that the account exists, is checked by the caller.
/// </summary>
public static class OrderLineRules
{
    public const int OrderId = 0, AccountExternalId = 1, OrderDate = 2, NetAmount = 3, ProductSku = 4, ProductCategory = 5,
        Quantity = 6, Currency = 7, Margin = 8;

    /// <summary>The CSV columns (docs/import.md#columns) of orders.</summary>
    public static readonly EntitySchema Schema = new("orders",
    [
        new("order_id", true), new("account_external_id", true), new("order_date", true), new("net_amount", true),
        new("product_sku", false), new("product_category", false), new("quantity", false), new("currency", false), new("margin", false),
    ]);

    /// <summary>Parses raw texts and applies all rules.</summary>
    public static RuleResult<OrderLineInput> Parse(IFieldValues values, ValueFormat? format = null)
    {
        var r = new RecordReader(Schema, values, format ?? ValueFormat.Default);
        var input = new OrderLineInput
        {
            OrderId = r.Id(OrderId, required: true),
            AccountExternalId = r.Id(AccountExternalId, required: true),
            OrderDate = r.Date(OrderDate, required: true),
            NetAmount = r.Number(NetAmount, required: true),
            ProductSku = r.Id(ProductSku),
            ProductCategory = r.Text(ProductCategory),
            Quantity = r.Number(Quantity),
            Currency = r.Currency(Currency),
            Margin = r.Number(Margin),
        };
        Validate(input, r.ErrorList);
        return new RuleResult<OrderLineInput>(input, r.Errors);
    }

    /// <summary>Applies the rules to typed input (e.g. a deserialised API request).</summary>
    public static IReadOnlyList<FieldError> Validate(OrderLineInput input)
    {
        var errors = new List<FieldError>();
        Validate(input, errors);
        return errors;
    }

    private static void Validate(OrderLineInput input, List<FieldError> errors)
    {
        Rule.Required(errors, "order_id", input.OrderId);
        Rule.Required(errors, "account_external_id", input.AccountExternalId);
        Rule.Required(errors, "order_date", input.OrderDate);
        Rule.Required(errors, "net_amount", input.NetAmount);
        Rule.Fits(errors, "net_amount", input.NetAmount, 16, 2);
        Rule.Fits(errors, "quantity", input.Quantity, 14, 3);
        Rule.Fits(errors, "margin", input.Margin, 16, 2);
        Rule.Currency(errors, "currency", input.Currency);
    }
}
