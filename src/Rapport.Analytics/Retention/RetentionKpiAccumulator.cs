using System.Runtime.CompilerServices;
using Rapport.Analytics.Input;

namespace Rapport.Analytics.Retention;

/// <summary>
/// Computes the retention KPIs of docs/definitions.md#retention-kpis in one pass over transaction lines that may arrive in any order
/// (an unsorted file, a SQL cursor). Memory is per customer only: the first transaction day, whether a transaction
/// falls into the active window ending on <c>from</c> and on <c>to − 1</c>, one transaction day of the period and
/// whether there is a second, the net revenue of the period and of the preceding period, and — with categories —
/// the categories bought before and during the period. Every piece is an order-independent fold (minimum, OR,
/// exact decimal sum, set union), so the result does not depend on the order of the lines.
/// </summary>
/// <remarks>
/// Definitions (calendar days, docs/definitions.md#transactions-and-clv-models, docs/definitions.md#retention-kpis): a transaction is a customer's merged non-negative lines of one day;
/// lines with a negative amount (returns, cancellations) are never transactions but count in revenue. Active on day t
/// means a transaction on one of the W days <c>t − W + 1 … t</c>, or a contract running on t (see
/// <see cref="AddContract(ReadOnlySpan{char}, DateOnly, DateOnly?)"/>). Amounts are summed as <see cref="decimal"/>
/// (a double converts with 15 significant digits), which makes the sums exact and order-independent.
/// Not thread-safe.
/// </remarks>
public sealed class RetentionKpiAccumulator : ITransactionSink
{
    private readonly RetentionKpiOptions _options;
    private readonly Dictionary<string, CustomerState> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerState>.AlternateLookup<ReadOnlySpan<char>> _customerLookup;
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _categoryLookup;

    private readonly int _from;
    private readonly int _to;
    private readonly int _previousFrom;
    private readonly int _startWindowFrom;
    private readonly int _endWindowFrom;
    private readonly int _lastDay;
    private decimal _revenue;

    /// <param name="options">Period and window; validated here.</param>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="RetentionKpiOptions.Validate"/>).</exception>
    public RetentionKpiAccumulator(RetentionKpiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _customerLookup = _customers.GetAlternateLookup<ReadOnlySpan<char>>();
        _categoryLookup = _categories.GetAlternateLookup<ReadOnlySpan<char>>();
        _from = options.From.DayNumber;
        _to = options.To.DayNumber;
        _lastDay = _to - 1;
        _previousFrom = _from - options.PeriodDays;
        _startWindowFrom = _from - options.ActiveWindowDays + 1;
        _endWindowFrom = _lastDay - options.ActiveWindowDays + 1;
    }

    /// <summary>Lines added so far.</summary>
    public long Lines { get; private set; }

    /// <summary>Distinct customers seen so far (in lines or contracts).</summary>
    public int Customers => _customers.Count;

    /// <summary>Adds one line read from a file; see <see cref="Add(ReadOnlySpan{char}, DateOnly, decimal, ReadOnlySpan{char})"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not finite or beyond ±7.9e28.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> customer, DateOnly date, double amount, ReadOnlySpan<char> category)
    {
        if (!double.IsFinite(amount) || Math.Abs(amount) >= 7.9e28)
        {
            ThrowAmountOutOfRange(amount);
        }
        var day = date.DayNumber;
        // Only revenue sums need the exact decimal, and only for the period and the preceding one.
        var amountForRevenue = day >= _previousFrom && day < _to ? (decimal)amount : 0m;
        AddCore(customer, day, amountForRevenue, amount < 0, category);
    }

    /// <summary>Adds one line.</summary>
    public void Add(TransactionLine line) => Add(line.Customer.AsSpan(), line.Date, line.Amount, line.Category.AsSpan());

    /// <summary>Adds one line, e.g. from a database cursor.</summary>
    /// <param name="customer">Customer id (not empty; compared ordinally).</param>
    /// <param name="date">Calendar day of the line.</param>
    /// <param name="amount">Net line amount; negative for returns and cancellations (revenue only, no transaction).</param>
    /// <param name="category">Product category; empty when unknown (ignored for cross-sell).</param>
    public void Add(ReadOnlySpan<char> customer, DateOnly date, decimal amount, ReadOnlySpan<char> category) =>
        AddCore(customer, date.DayNumber, amount, amount < 0, category);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCore(ReadOnlySpan<char> customer, int day, decimal amount, bool negative, ReadOnlySpan<char> category)
    {
        if (customer.IsEmpty)
        {
            throw new ArgumentException("The customer id is empty.", nameof(customer));
        }
        Lines++;
        var state = GetOrAdd(customer);
        var inPeriod = day >= _from && day < _to;
        if (inPeriod)
        {
            _revenue += amount;
            state.RevenueInPeriod += amount;
        }
        else if (day >= _previousFrom && day < _from)
        {
            state.RevenueInPreviousPeriod += amount;
        }
        if (negative)
        {
            return;
        }

        if (day < state.FirstDay)
        {
            state.FirstDay = day;
        }
        if (day >= _startWindowFrom && day <= _from)
        {
            state.ActiveAtStart = true;
        }
        if (day >= _endWindowFrom && day <= _lastDay)
        {
            state.ActiveAtEnd = true;
        }
        if (inPeriod)
        {
            if (state.PeriodDay < 0)
            {
                state.PeriodDay = day;
            }
            else if (state.PeriodDay != day)
            {
                state.RepeatInPeriod = true;
            }
        }

        if (_options.TrackCategories && !category.IsEmpty && day < _to)
        {
            var id = CategoryId(category);
            if (inPeriod)
            {
                (state.CategoriesInPeriod ??= []).Add(id);
            }
            else
            {
                (state.CategoriesBefore ??= []).Add(id);
            }
        }
    }

    /// <summary>Adds one line.</summary>
    public void Add(string customer, DateOnly date, decimal amount, string? category) =>
        Add(customer.AsSpan(), date, amount, category.AsSpan());

    /// <summary>
    /// Adds a contract of <paramref name="customer"/> running from <paramref name="start"/> to <paramref name="end"/>
    /// (both inclusive: <paramref name="end"/> is the last day covered; null = still running). A customer is active on
    /// every day a contract runs, with or without transactions. Pass the termination date as end for a terminated contract.
    /// </summary>
    public void AddContract(ReadOnlySpan<char> customer, DateOnly start, DateOnly? end)
    {
        if (customer.IsEmpty)
        {
            throw new ArgumentException("The customer id is empty.", nameof(customer));
        }
        if (end < start)
        {
            throw new ArgumentException($"The contract ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd}).", nameof(end));
        }
        var state = GetOrAdd(customer);
        var first = start.DayNumber;
        var last = end?.DayNumber ?? int.MaxValue;
        state.ActiveAtStart |= first <= _from && _from <= last;
        state.ActiveAtEnd |= first <= _lastDay && _lastDay <= last;
    }

    /// <summary>The KPIs of everything added so far (the accumulator can keep going afterwards).</summary>
    public RetentionKpis Result()
    {
        int s = 0, e = 0, n = 0, retained = 0, buying = 0, repeat = 0, crossSell = 0, upSell = 0;
        decimal revenueS = 0, previousRevenueS = 0;
        foreach (var state in _customers.Values)
        {
            if (state.ActiveAtStart)
            {
                s++;
                revenueS += state.RevenueInPeriod;
                previousRevenueS += state.RevenueInPreviousPeriod;
            }
            if (state.ActiveAtEnd)
            {
                e++;
            }
            if (state.FirstDay >= _from && state.FirstDay < _to)
            {
                n++;
            }
            if (state.ActiveAtStart && state.ActiveAtEnd)
            {
                retained++;
                if (IsUpSold(state.RevenueInPeriod, state.RevenueInPreviousPeriod))
                {
                    upSell++;
                }
            }
            if (state.PeriodDay >= 0)
            {
                buying++;
                if (state.RepeatInPeriod)
                {
                    repeat++;
                }
                if (state.CategoriesInPeriod is { } bought && (state.CategoriesBefore is not { } before || !before.IsSupersetOf(bought)))
                {
                    crossSell++;
                }
            }
        }

        return RetentionKpis.FromCounts(new RetentionKpiCounts
        {
            CustomersAtStart = s,
            NewCustomers = n,
            CustomersAtEnd = e,
            RetainedCustomers = retained,
            BuyingCustomers = buying,
            RepeatCustomers = repeat,
            CrossSellCustomers = _options.TrackCategories ? crossSell : null,
            UpSellCustomers = upSell,
            Revenue = _revenue,
            RevenueOfStartCustomers = revenueS,
            PreviousRevenueOfStartCustomers = previousRevenueS,
        });
    }

    private bool IsUpSold(decimal revenue, decimal previous) =>
        revenue > 0 && revenue >= _options.UpSellRatio * Math.Max(previous, 0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAmountOutOfRange(double amount) =>
        throw new ArgumentOutOfRangeException(nameof(amount), amount, "The amount must be a finite number within ±7.9e28.");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CustomerState GetOrAdd(ReadOnlySpan<char> customer)
    {
        if (!_customerLookup.TryGetValue(customer, out var state))
        {
            state = new CustomerState();
            _customerLookup[customer] = state;
        }
        return state;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CategoryId(ReadOnlySpan<char> category)
    {
        if (!_categoryLookup.TryGetValue(category, out var id))
        {
            id = _categories.Count;
            _categoryLookup[category] = id;
        }
        return id;
    }

    private sealed class CustomerState
    {
        public int FirstDay = int.MaxValue;
        public bool ActiveAtStart;
        public bool ActiveAtEnd;
        public int PeriodDay = -1;
        public bool RepeatInPeriod;
        public decimal RevenueInPeriod;
        public decimal RevenueInPreviousPeriod;
        public HashSet<int>? CategoriesBefore;
        public HashSet<int>? CategoriesInPeriod;
    }
}
