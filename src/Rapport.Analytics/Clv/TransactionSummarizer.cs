using Rapport.Analytics.Input;

namespace Rapport.Analytics.Clv;

/// <summary>One customer's calibration summary for the continuous-time models (docs/definitions.md#transactions-and-clv-models), in model time units.</summary>
/// <param name="Customer">Customer id as in the file.</param>
/// <param name="X">Repeat transactions (distinct purchase days after the first) up to the calibration end.</param>
/// <param name="Tx">Time from the first to the last transaction.</param>
/// <param name="T">Time from the first transaction to the calibration end.</param>
/// <param name="MeanValue">z̄: mean value of the repeat transactions (each a day's merged lines); 0 when X is 0.</param>
/// <param name="HoldoutX">Transactions (distinct days) after the calibration end up to the holdout end; 0 without a holdout.</param>
public sealed record CustomerSummary(string Customer, int X, double Tx, double T, double MeanValue, int HoldoutX)
{
    /// <summary>(x, t_x, T) for the transaction models.</summary>
    public PurchaseHistory History => new(X, Tx, T);

    /// <summary>(x, z̄) for the spend model.</summary>
    public SpendHistory Spend => new(X, MeanValue);
}

/// <summary>One customer's calibration summary in whole periods for BG/BB (docs/definitions.md#transactions-and-clv-models).</summary>
/// <param name="Customer">Customer id as in the file.</param>
/// <param name="X">Number of periods 1..n with a transaction.</param>
/// <param name="Tx">The last of them (0 if none).</param>
/// <param name="N">Whole periods between the first transaction and the calibration end.</param>
/// <param name="MeanValue">Mean value of the active periods 1..n (each the sum of its transactions); 0 when X is 0.</param>
/// <param name="HoldoutX">Periods n+1..n+<paramref name="HoldoutN"/> with a transaction up to the holdout end.</param>
/// <param name="HoldoutN">Whole periods the holdout adds: floor((holdout end − first)/unit) − n; 0 without a holdout.</param>
public sealed record PeriodCustomerSummary(string Customer, int X, int Tx, int N, double MeanValue, int HoldoutX, int HoldoutN)
{
    /// <summary>(x, t_x, n) for <see cref="BgBbModel"/>.</summary>
    public PurchaseHistory History => new(X, Tx, N);

    /// <summary>(x, mean period value) for the spend model.</summary>
    public SpendHistory Spend => new(X, MeanValue);
}

/// <summary>
/// Streams transaction lines into per-customer summaries (docs/definitions.md#transactions-and-clv-models). Lines of a customer on the same calendar day merge
/// into one transaction (amounts summed); negative amounts (returns, cancellations) are left out and counted under
/// <see cref="SkipCounter.NegativeAmount"/>; lines after the holdout end (or the calibration end without a holdout) are
/// ignored. Lines may arrive in any order. Memory holds, per customer, only its distinct purchase days and their
/// amounts — never the lines.
/// </summary>
public sealed class TransactionSummarizer
{
    private readonly Dictionary<string, CustomerState> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerState>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly List<CustomerState> _order = [];
    private readonly int _calibrationEnd;
    private readonly int _windowEnd;

    /// <param name="calibrationEnd">Last day of the calibration period (inclusive).</param>
    /// <param name="holdoutEnd">Last day of the holdout period (inclusive), after <paramref name="calibrationEnd"/>; null for none.</param>
    /// <exception cref="ArgumentException">The holdout does not end after the calibration end.</exception>
    public TransactionSummarizer(DateOnly calibrationEnd, DateOnly? holdoutEnd = null)
    {
        if (holdoutEnd is { } h && h <= calibrationEnd)
        {
            throw new ArgumentException($"The holdout end ({h:yyyy-MM-dd}) must be after the calibration end ({calibrationEnd:yyyy-MM-dd}).", nameof(holdoutEnd));
        }
        CalibrationEnd = calibrationEnd;
        HoldoutEnd = holdoutEnd;
        _calibrationEnd = calibrationEnd.DayNumber;
        _windowEnd = (holdoutEnd ?? calibrationEnd).DayNumber;
        _bySpan = _customers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Last day of the calibration period.</summary>
    public DateOnly CalibrationEnd { get; }

    /// <summary>Last day of the holdout period, if any.</summary>
    public DateOnly? HoldoutEnd { get; }

    /// <summary>Lines left out, by reason (<c>negativeAmount</c>, and <c>missingCustomer</c> / <c>unreadableAmount</c> for direct callers).</summary>
    public SkipCounter Skipped { get; } = new();

    /// <summary>Lines dated after the end of the observation window (ignored, not an error).</summary>
    public long LinesAfterWindow { get; private set; }

    /// <summary>Distinct customers with at least one transaction up to the window end.</summary>
    public int CustomersSeen => _order.Count;

    /// <summary>Adds one line.</summary>
    public void Add(TransactionLine line) => Add(line.Customer.AsSpan(), line.Date, line.Amount, line.Customer);

    /// <summary>Adds every line of a stream.</summary>
    public void AddRange(IEnumerable<TransactionLine> lines)
    {
        foreach (var line in lines)
        {
            Add(line);
        }
    }

    /// <summary>Adds one line without allocating for customers already seen.</summary>
    /// <param name="customer">Customer id (trimmed by the caller); empty ids are skipped as <c>missingCustomer</c>.</param>
    /// <param name="date">Calendar day of the line.</param>
    /// <param name="amount">Line amount; negative lines are skipped, NaN/∞ are skipped as <c>unreadableAmount</c>.</param>
    public void Add(ReadOnlySpan<char> customer, DateOnly date, double amount) => Add(customer, date, amount, null);

    private void Add(ReadOnlySpan<char> customer, DateOnly date, double amount, string? customerString)
    {
        if (customer.IsEmpty)
        {
            Skipped.Add(SkipCounter.MissingCustomer);
            return;
        }
        if (!double.IsFinite(amount))
        {
            Skipped.Add(SkipCounter.UnreadableAmount);
            return;
        }
        if (amount < 0)
        {
            Skipped.Add(SkipCounter.NegativeAmount);
            return;
        }
        var day = date.DayNumber;
        if (day > _windowEnd)
        {
            LinesAfterWindow++;
            return;
        }
        if (!_bySpan.TryGetValue(customer, out var state))
        {
            state = new CustomerState(customerString ?? customer.ToString());
            _customers.Add(state.Customer, state);
            _order.Add(state);
        }
        state.Add(day, amount);
    }

    /// <summary>
    /// Per-customer summaries for BG/NBD, Pareto/NBD and Gamma-Gamma, in order of first appearance. Customers whose first
    /// transaction is after the calibration end are not in the calibration set and not returned.
    /// </summary>
    public IReadOnlyList<CustomerSummary> Summarize(TimeUnit unit)
    {
        var unitDays = unit.Days();
        var result = new List<CustomerSummary>(_order.Count);
        foreach (var c in _order)
        {
            var days = c.DaysSpan;
            if (days[0] > _calibrationEnd)
            {
                continue;
            }
            var amounts = c.AmountsSpan;
            var calibration = CountUpTo(days, _calibrationEnd);
            var x = calibration - 1;
            double repeatValue = 0;
            for (var i = 1; i < calibration; i++)
            {
                repeatValue += amounts[i];
            }
            result.Add(new CustomerSummary(
                c.Customer,
                x,
                (days[calibration - 1] - days[0]) / unitDays,
                (_calibrationEnd - days[0]) / unitDays,
                x > 0 ? repeatValue / x : 0,
                days.Length - calibration));
        }
        return result;
    }

    /// <summary>
    /// Per-customer summaries in whole periods for BG/BB: period k holds the days [first + k·unit, first + (k+1)·unit);
    /// n = floor((calibration end − first)/unit); x = periods 1..n with a transaction, t_x the last of them.
    /// </summary>
    public IReadOnlyList<PeriodCustomerSummary> SummarizePeriods(TimeUnit unit)
    {
        var unitDays = unit.Days();
        var result = new List<PeriodCustomerSummary>(_order.Count);
        foreach (var c in _order)
        {
            var days = c.DaysSpan;
            var first = days[0];
            if (first > _calibrationEnd)
            {
                continue;
            }
            var amounts = c.AmountsSpan;
            var n = PeriodOf(_calibrationEnd - first, unitDays);
            var end = HoldoutEnd is { } h ? PeriodOf(h.DayNumber - first, unitDays) : n;

            int x = 0, tx = 0, holdoutX = 0, lastPeriod = 0;
            double value = 0;
            for (var i = 1; i < days.Length; i++)
            {
                var k = PeriodOf(days[i] - first, unitDays);
                if (days[i] <= _calibrationEnd)
                {
                    if (k >= 1 && k <= n)
                    {
                        value += amounts[i];
                        if (k != lastPeriod)
                        {
                            x++;
                            tx = k;
                        }
                    }
                }
                else if (k > n && k <= end && k != lastPeriod)
                {
                    holdoutX++;
                }
                lastPeriod = k;
            }
            result.Add(new PeriodCustomerSummary(c.Customer, x, tx, n, x > 0 ? value / x : 0, holdoutX, end - n));
        }
        return result;
    }

    // Exact for the units used: 7, 30.4375 and 365.25 are binary fractions, so integer quotients come out exact.
    private static int PeriodOf(int days, double unitDays) => (int)Math.Floor(days / unitDays);

    private static int CountUpTo(ReadOnlySpan<int> sortedDays, int last)
    {
        var i = sortedDays.BinarySearch(last);
        return i >= 0 ? i + 1 : ~i;
    }

    /// <summary>A customer's distinct purchase days (sorted) with their merged amounts.</summary>
    private sealed class CustomerState(string customer)
    {
        private int[] _days = new int[4];
        private double[] _amounts = new double[4];
        private int _count;

        public string Customer { get; } = customer;

        public ReadOnlySpan<int> DaysSpan => _days.AsSpan(0, _count);

        public ReadOnlySpan<double> AmountsSpan => _amounts.AsSpan(0, _count);

        public void Add(int day, double amount)
        {
            // Files are usually in date order: appending or merging into the last day is the fast path.
            if (_count > 0 && day == _days[_count - 1])
            {
                _amounts[_count - 1] += amount;
                return;
            }
            var at = _count == 0 || day > _days[_count - 1] ? _count : Array.BinarySearch(_days, 0, _count, day);
            if (at >= 0 && at < _count)
            {
                _amounts[at] += amount;
                return;
            }
            if (at < 0)
            {
                at = ~at;
            }
            if (_count == _days.Length)
            {
                Array.Resize(ref _days, _count * 2);
                Array.Resize(ref _amounts, _count * 2);
            }
            Array.Copy(_days, at, _days, at + 1, _count - at);
            Array.Copy(_amounts, at, _amounts, at + 1, _count - at);
            _days[at] = day;
            _amounts[at] = amount;
            _count++;
        }
    }
}
