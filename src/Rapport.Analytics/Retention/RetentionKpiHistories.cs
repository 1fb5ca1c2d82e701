namespace Rapport.Analytics.Retention;

/// <summary>What one customer contributes to the retention KPIs of one period (docs/definitions.md#retention-kpis).</summary>
/// <param name="ActiveAtStart">A transaction on one of the W days ending on <c>from</c>, or a contract running on <c>from</c> (in S).</param>
/// <param name="ActiveAtEnd">The same for <c>to − 1 day</c> (in E).</param>
/// <param name="TransactionDays">Distinct transaction days in the period (≥ 1: buying, ≥ 2: repeat purchase).</param>
/// <param name="IsNew">The first-ever transaction lies in the period (in N).</param>
/// <param name="BoughtNewCategory">A category bought in the period had never been bought before it (cross-sell).</param>
/// <param name="Revenue">Net revenue of the period.</param>
/// <param name="PreviousRevenue">Net revenue of the preceding period of equal length.</param>
/// <param name="UpSold">Retained, period revenue positive and ≥ the up-sell ratio × max(preceding revenue, 0).</param>
public readonly record struct CustomerPeriodFacts(
    bool ActiveAtStart, bool ActiveAtEnd, int TransactionDays, bool IsNew, bool BoughtNewCategory,
    decimal Revenue, decimal PreviousRevenue, bool UpSold)
{
    /// <summary>In S and in E.</summary>
    public bool Retained => ActiveAtStart && ActiveAtEnd;

    /// <summary>Whether the customer takes part in the period at all (every figure of a non-participant is 0).</summary>
    public bool Matters => ActiveAtStart || ActiveAtEnd || TransactionDays > 0 || Revenue != 0 || PreviousRevenue != 0;
}

/// <summary>
/// The retention KPIs of docs/definitions.md#retention-kpis from per-customer day histories (<see cref="CustomerDayHistory"/>) instead of lines:
/// <see cref="Evaluate"/> applies to one customer exactly the rules <see cref="RetentionKpiAccumulator"/> applies to its
/// lines (active window, contracts, distinct transaction days, first transaction, first purchase of a category, net
/// revenue of the period and the preceding one, up-sell), in O(log days) per period, and <see cref="RetentionKpiTally"/>
/// adds customers up. The KPIs are then <see cref="RetentionKpis.FromCounts"/> of the tally — the same formulas.
/// </summary>
public static class RetentionKpiHistories
{
    /// <summary>The customer's contribution to the period of <paramref name="options"/> (validated by the caller, e.g. with <see cref="RetentionKpiOptions.Validate"/>).</summary>
    public static CustomerPeriodFacts Evaluate(CustomerDayHistory history, RetentionKpiOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var from = options.From.DayNumber;
        var to = options.To.DayNumber;
        var last = to - 1;
        var w = options.ActiveWindowDays;
        var previousFrom = from - options.PeriodDays;
        // Lines before both windows and the preceding period, or after the period, change no figure.
        if (history.EmptyBetween(Math.Min(previousFrom, from - w + 1), to))
        {
            return default;
        }

        // Transaction days up to each boundary, each found once.
        var upToFrom = history.TransactionDaysUpTo(from);
        var beforeFrom = history.TransactionDaysUpTo(from - 1);
        var upToLast = history.TransactionDaysUpTo(last);
        var atStart = upToFrom > history.TransactionDaysUpTo(from - w) || history.UnderContract(from);
        var atEnd = upToLast > history.TransactionDaysUpTo(last - w) || history.UnderContract(last);
        var transactionDays = upToLast - beforeFrom;
        var isNew = history.FirstTransactionDay is { } first && first >= from && first < to;
        var newCategory = transactionDays > 0 && history.CategoryFirstBoughtBetween(from, to);
        var revenue = history.RevenueBetween(from, to);
        var previous = history.RevenueBetween(previousFrom, from);
        var upSold = atStart && atEnd && revenue > 0 && revenue >= options.UpSellRatio * Math.Max(previous, 0);
        return new CustomerPeriodFacts(atStart, atEnd, transactionDays, isNew, newCategory, revenue, previous, upSold);
    }
}

/// <summary>Adds up <see cref="CustomerPeriodFacts"/> of many customers into the counts of the KPIs. Not thread-safe; <see cref="Merge"/> combines partial tallies.</summary>
public sealed class RetentionKpiTally
{
    private int _s, _n, _e, _retained, _buying, _repeat, _crossSell, _upSell;
    private decimal _revenue, _revenueS, _previousS;

    /// <summary>Customers added that take part in the period (see <see cref="CustomerPeriodFacts.Matters"/>).</summary>
    public int Customers { get; private set; }

    /// <summary>Adds one customer.</summary>
    public void Add(in CustomerPeriodFacts facts)
    {
        if (!facts.Matters)
        {
            return;
        }
        Customers++;
        _revenue += facts.Revenue;
        if (facts.ActiveAtStart)
        {
            _s++;
            _revenueS += facts.Revenue;
            _previousS += facts.PreviousRevenue;
        }
        if (facts.ActiveAtEnd)
        {
            _e++;
        }
        if (facts.Retained)
        {
            _retained++;
            if (facts.UpSold)
            {
                _upSell++;
            }
        }
        if (facts.IsNew)
        {
            _n++;
        }
        if (facts.TransactionDays > 0)
        {
            _buying++;
            if (facts.TransactionDays > 1)
            {
                _repeat++;
            }
            if (facts.BoughtNewCategory)
            {
                _crossSell++;
            }
        }
    }

    /// <summary>Adds the customers of another tally.</summary>
    public void Merge(RetentionKpiTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Customers += other.Customers;
        _s += other._s;
        _n += other._n;
        _e += other._e;
        _retained += other._retained;
        _buying += other._buying;
        _repeat += other._repeat;
        _crossSell += other._crossSell;
        _upSell += other._upSell;
        _revenue += other._revenue;
        _revenueS += other._revenueS;
        _previousS += other._previousS;
    }

    /// <summary>The counts; <paramref name="trackCategories"/> false leaves the cross-sell count undefined (null).</summary>
    public RetentionKpiCounts Counts(bool trackCategories = true) => new()
    {
        CustomersAtStart = _s,
        NewCustomers = _n,
        CustomersAtEnd = _e,
        RetainedCustomers = _retained,
        BuyingCustomers = _buying,
        RepeatCustomers = _repeat,
        CrossSellCustomers = trackCategories ? _crossSell : null,
        UpSellCustomers = _upSell,
        Revenue = _revenue,
        RevenueOfStartCustomers = _revenueS,
        PreviousRevenueOfStartCustomers = _previousS,
    };

    /// <summary>The KPIs of the customers added (<see cref="RetentionKpis.FromCounts"/>).</summary>
    public RetentionKpis Result(bool trackCategories = true) => RetentionKpis.FromCounts(Counts(trackCategories));
}
