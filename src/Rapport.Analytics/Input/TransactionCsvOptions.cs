namespace Rapport.Analytics.Input;

/// <summary>Which columns of a transaction CSV hold what (the <c>analyze clv|kpis</c> options, docs/cli.md#analyze-commands).</summary>
public sealed record TransactionCsvOptions
{
    /// <summary>Column with the customer id.</summary>
    public required string CustomerColumn { get; init; }
    /// <summary>Column with the date (and possibly a time).</summary>
    public required string DateColumn { get; init; }

    /// <summary>Column with the line amount; if null, <see cref="QuantityColumn"/> × <see cref="PriceColumn"/>.</summary>
    public string? AmountColumn { get; init; }
    /// <summary>Quantity column, used with <see cref="PriceColumn"/> when no amount column is given.</summary>
    public string? QuantityColumn { get; init; }
    /// <summary>Unit price column.</summary>
    public string? PriceColumn { get; init; }
    /// <summary>Product category column (cross-sell KPIs).</summary>
    public string? CategoryColumn { get; init; }

    /// <summary>A .NET custom date format (<c>yyyyMMdd</c>, <c>dd.MM.yyyy</c>); null means ISO with an optional time.</summary>
    public string? DateFormat { get; init; }
}
