namespace Rapport.Analytics.Retention;

/// <summary>
/// The customer counts and revenue sums the retention KPIs of docs/definitions.md#retention-kpis are ratios of — what a computation over
/// per-customer facts adds up, whether in <see cref="RetentionKpiAccumulator"/> or in a database query that evaluates
/// the same per-customer rules. <see cref="RetentionKpis.FromCounts"/> turns them into the KPIs.
/// </summary>
public sealed record RetentionKpiCounts
{
    /// <summary>S: customers active on <c>from</c> (≥ 0).</summary>
    public required int CustomersAtStart { get; init; }

    /// <summary>N: customers whose first-ever transaction lies in the period (≥ 0).</summary>
    public required int NewCustomers { get; init; }

    /// <summary>E: customers active on <c>to − 1 day</c> (≥ 0).</summary>
    public required int CustomersAtEnd { get; init; }

    /// <summary>Customers in S that are active on <c>to − 1 day</c> (0 … min(S, E)).</summary>
    public required int RetainedCustomers { get; init; }

    /// <summary>Customers with a transaction in the period.</summary>
    public required int BuyingCustomers { get; init; }

    /// <summary>Buying customers with transactions on at least two days of the period.</summary>
    public required int RepeatCustomers { get; init; }

    /// <summary>Buying customers with a category they had never bought before the period; null when categories are not tracked.</summary>
    public required int? CrossSellCustomers { get; init; }

    /// <summary>Retained customers whose period revenue is positive and ≥ the up-sell ratio × max(preceding revenue, 0).</summary>
    public required int UpSellCustomers { get; init; }

    /// <summary>Sum of all line amounts dated in the period (net).</summary>
    public required decimal Revenue { get; init; }

    /// <summary>Period revenue of the customers in S.</summary>
    public required decimal RevenueOfStartCustomers { get; init; }

    /// <summary>Preceding-period revenue of the customers in S.</summary>
    public required decimal PreviousRevenueOfStartCustomers { get; init; }
}
