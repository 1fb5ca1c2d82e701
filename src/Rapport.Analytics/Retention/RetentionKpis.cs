namespace Rapport.Analytics.Retention;

/// <summary>
/// Retention KPIs of a period <c>[from, to)</c> (docs/definitions.md#retention-kpis). Rates are in [0, 1] or null when their denominator is
/// empty (never NaN), so that JSON shows <c>null</c> for "undefined".
/// </summary>
public sealed record RetentionKpis
{
    /// <summary>S: customers active on <c>from</c>.</summary>
    public required int CustomersAtStart { get; init; }

    /// <summary>N: customers whose first-ever transaction lies in the period.</summary>
    public required int NewCustomers { get; init; }

    /// <summary>E: customers active on <c>to − 1 day</c>.</summary>
    public required int CustomersAtEnd { get; init; }

    /// <summary>Customers in S that are active on <c>to − 1 day</c>.</summary>
    public required int RetainedCustomers { get; init; }

    /// <summary>Retained / S; null when S = 0.</summary>
    public required double? RetentionRate { get; init; }

    /// <summary>1 − retention rate; null when S = 0.</summary>
    public required double? ChurnRate { get; init; }

    /// <summary>Customers with ≥ 2 transactions (distinct days) in the period / customers with ≥ 1; null when nobody bought.</summary>
    public required double? RepeatPurchaseRate { get; init; }

    /// <summary>
    /// Customers buying in the period who bought a category they had never bought before the period / customers buying
    /// in the period. Null when categories are not tracked or nobody bought. A customer without earlier purchases has
    /// never bought any category, so a new customer counts as soon as one of its period lines has a category.
    /// </summary>
    public required double? CrossSellRate { get; init; }

    /// <summary>
    /// Retained customers whose period revenue R is ≥ the up-sell ratio (110 %) × their preceding-period revenue P /
    /// retained customers; a preceding revenue P ≤ 0 counts as 0 and R must then be positive. Null when nobody was retained.
    /// </summary>
    public required double? UpSellRate { get; init; }

    /// <summary>Sum of all line amounts dated in the period, returns included (net).</summary>
    public required decimal Revenue { get; init; }

    /// <summary>
    /// Period revenue of the customers in S / their revenue in the preceding period of equal length (net, may exceed 1).
    /// Null when that preceding revenue is ≤ 0.
    /// </summary>
    public required double? RevenueRetention { get; init; }

    /// <summary>Customers with at least one transaction in the period (denominator of the repeat and cross-sell rates).</summary>
    public required int BuyingCustomers { get; init; }

    /// <summary>Customers with transactions on at least two days of the period.</summary>
    public required int RepeatCustomers { get; init; }

    /// <summary>Buying customers with a category new to them; null when categories are not tracked.</summary>
    public required int? CrossSellCustomers { get; init; }

    /// <summary>Retained customers that were up-sold.</summary>
    public required int UpSellCustomers { get; init; }

    /// <summary>Period revenue of the customers in S (numerator of the revenue retention).</summary>
    public required decimal RevenueOfStartCustomers { get; init; }

    /// <summary>Preceding-period revenue of the customers in S (denominator of the revenue retention).</summary>
    public required decimal PreviousRevenueOfStartCustomers { get; init; }

    /// <summary>
    /// The KPIs of the counts (the one place where the rates of docs/definitions.md#retention-kpis and ADR 0007 are computed): each rate is its
    /// count over its denominator, null when the denominator is 0; churn = 1 − retention; the cross-sell rate is null
    /// when <see cref="RetentionKpiCounts.CrossSellCustomers"/> is (categories not tracked); revenue retention is null
    /// when the preceding revenue of S is ≤ 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or a part exceeds its whole (retained &gt; S or E, repeat or cross-sell &gt; buying, up-sell &gt; retained).</exception>
    public static RetentionKpis FromCounts(RetentionKpiCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var c = counts;
        if (c.CustomersAtStart < 0 || c.NewCustomers < 0 || c.CustomersAtEnd < 0 || c.BuyingCustomers < 0 || c.UpSellCustomers < 0
            || c.RetainedCustomers < 0 || c.RetainedCustomers > Math.Min(c.CustomersAtStart, c.CustomersAtEnd)
            || c.RepeatCustomers < 0 || c.RepeatCustomers > c.BuyingCustomers
            || c.CrossSellCustomers < 0 || c.CrossSellCustomers > c.BuyingCustomers
            || c.UpSellCustomers > c.RetainedCustomers)
        {
            throw new ArgumentOutOfRangeException(nameof(counts), counts, "The counts are inconsistent.");
        }

        double? retention = c.CustomersAtStart == 0 ? null : (double)c.RetainedCustomers / c.CustomersAtStart;
        return new RetentionKpis
        {
            CustomersAtStart = c.CustomersAtStart,
            NewCustomers = c.NewCustomers,
            CustomersAtEnd = c.CustomersAtEnd,
            RetainedCustomers = c.RetainedCustomers,
            RetentionRate = retention,
            ChurnRate = 1 - retention,
            RepeatPurchaseRate = c.BuyingCustomers == 0 ? null : (double)c.RepeatCustomers / c.BuyingCustomers,
            CrossSellRate = c.CrossSellCustomers is not { } x || c.BuyingCustomers == 0 ? null : (double)x / c.BuyingCustomers,
            UpSellRate = c.RetainedCustomers == 0 ? null : (double)c.UpSellCustomers / c.RetainedCustomers,
            Revenue = c.Revenue,
            RevenueRetention = c.PreviousRevenueOfStartCustomers <= 0 ? null : (double)(c.RevenueOfStartCustomers / c.PreviousRevenueOfStartCustomers),
            BuyingCustomers = c.BuyingCustomers,
            RepeatCustomers = c.RepeatCustomers,
            CrossSellCustomers = c.CrossSellCustomers,
            UpSellCustomers = c.UpSellCustomers,
            RevenueOfStartCustomers = c.RevenueOfStartCustomers,
            PreviousRevenueOfStartCustomers = c.PreviousRevenueOfStartCustomers,
        };
    }
}
