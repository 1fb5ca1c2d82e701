using System.Runtime.CompilerServices;

namespace Rapport.Analytics.Retention;

/// <summary>
/// One customer's transaction history summarised by calendar day — everything the retention KPIs of docs/definitions.md#retention-kpis need
/// about the customer, for any period: per day with lines, the net revenue of all lines (returns included) and whether
/// a non-negative line made it a transaction day; the first transaction day of each product category; the contracts.
/// A database keeps this per account (one entry per order day instead of one per line), and
/// <see cref="RetentionKpiHistories"/> evaluates it for many periods at once with exactly the rules of
/// <see cref="RetentionKpiAccumulator"/>.
/// </summary>
/// <remarks>
/// Reusable: <see cref="Clear"/> keeps the buffers, so one instance can hold account after account without allocating.
/// Days are <see cref="DateOnly.DayNumber"/> values. Not thread-safe.
/// </remarks>
public sealed class CustomerDayHistory
{
    private int[] _days = new int[64];
    private decimal[] _revenueBefore = new decimal[65];
    private int[] _transactionDays = new int[64];
    private int[] _categoryFirstDays = new int[8];
    private (int Start, int End)[] _contracts = new (int, int)[4];
    private bool _categoriesSorted = true;
    private bool _contractsMerged = true;

    /// <summary>Days with lines.</summary>
    public int DayCount { get; private set; }

    /// <summary>Days with a transaction (a non-negative line).</summary>
    public int TransactionDayCount { get; private set; }

    /// <summary>Categories with a first transaction day.</summary>
    public int CategoryCount { get; private set; }

    /// <summary>Contract intervals (overlapping ones are merged once the history is evaluated).</summary>
    public int ContractCount { get; private set; }

    /// <summary>The first transaction day (a <see cref="DateOnly.DayNumber"/>), or null without transactions.</summary>
    public int? FirstTransactionDay => TransactionDayCount == 0 ? null : _transactionDays[0];

    /// <summary>Forgets everything (the buffers are kept).</summary>
    public void Clear()
    {
        DayCount = 0;
        TransactionDayCount = 0;
        CategoryCount = 0;
        ContractCount = 0;
        _categoriesSorted = true;
        _contractsMerged = true;
    }

    /// <summary>Adds a day with lines; days must come in strictly increasing order.</summary>
    /// <param name="day">The <see cref="DateOnly.DayNumber"/> of the day.</param>
    /// <param name="netRevenue">Sum of all line amounts of the day, returns (negative lines) included.</param>
    /// <param name="isTransaction">Whether at least one line of the day is non-negative (then the day is a transaction, docs/definitions.md#transactions-and-clv-models).</param>
    /// <exception cref="ArgumentException">The day is not after the previous one.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddDay(int day, decimal netRevenue, bool isTransaction)
    {
        if (DayCount > 0 && day <= _days[DayCount - 1])
        {
            ThrowNotIncreasing(day, _days[DayCount - 1]);
        }
        if (DayCount == _days.Length)
        {
            Array.Resize(ref _days, _days.Length * 2);
            Array.Resize(ref _revenueBefore, (_days.Length) + 1);
            Array.Resize(ref _transactionDays, _days.Length);
        }
        _days[DayCount] = day;
        _revenueBefore[DayCount + 1] = _revenueBefore[DayCount] + netRevenue;
        DayCount++;
        if (isTransaction)
        {
            _transactionDays[TransactionDayCount++] = day;
        }
    }

    /// <summary>Adds the first transaction day of one product category (one call per category, any order).</summary>
    public void AddCategoryFirstDay(int day)
    {
        if (CategoryCount == _categoryFirstDays.Length)
        {
            Array.Resize(ref _categoryFirstDays, _categoryFirstDays.Length * 2);
        }
        if (CategoryCount > 0 && day < _categoryFirstDays[CategoryCount - 1])
        {
            _categoriesSorted = false;
        }
        _categoryFirstDays[CategoryCount++] = day;
    }

    /// <summary>Adds a contract running from <paramref name="startDay"/> to <paramref name="endDay"/>, both inclusive (null = still running); the customer is active on those days.</summary>
    /// <exception cref="ArgumentException">The contract ends before it starts.</exception>
    public void AddContract(int startDay, int? endDay)
    {
        var end = endDay ?? int.MaxValue;
        if (end < startDay)
        {
            throw new ArgumentException($"The contract ends (day {end}) before it starts (day {startDay}).", nameof(endDay));
        }
        if (ContractCount == _contracts.Length)
        {
            Array.Resize(ref _contracts, _contracts.Length * 2);
        }
        _contracts[ContractCount++] = (startDay, end);
        _contractsMerged = ContractCount == 1;
    }

    /// <summary>Whether the history has neither lines in [<paramref name="first"/>, <paramref name="end"/>) nor contracts: then it adds nothing to a period evaluated over that range.</summary>
    internal bool EmptyBetween(int first, int end) =>
        ContractCount == 0 && (DayCount == 0 || _days[0] >= end || _days[DayCount - 1] < first);

    /// <summary>Number of transaction days on or before <paramref name="day"/>.</summary>
    internal int TransactionDaysUpTo(int day) => CountAtMost(_transactionDays, TransactionDayCount, day);

    /// <summary>Net revenue of the days in [<paramref name="first"/>, <paramref name="end"/>) (end exclusive).</summary>
    internal decimal RevenueBetween(int first, int end) =>
        _revenueBefore[CountAtMost(_days, DayCount, end - 1)] - _revenueBefore[CountAtMost(_days, DayCount, first - 1)];

    /// <summary>Whether a category's first transaction day lies in [<paramref name="first"/>, <paramref name="end"/>).</summary>
    internal bool CategoryFirstBoughtBetween(int first, int end)
    {
        if (CategoryCount == 0)
        {
            return false;
        }
        if (!_categoriesSorted)
        {
            Array.Sort(_categoryFirstDays, 0, CategoryCount);
            _categoriesSorted = true;
        }
        return CountAtMost(_categoryFirstDays, CategoryCount, end - 1) > CountAtMost(_categoryFirstDays, CategoryCount, first - 1);
    }

    /// <summary>Whether a contract runs on <paramref name="day"/>.</summary>
    internal bool UnderContract(int day)
    {
        if (ContractCount == 0)
        {
            return false;
        }
        if (!_contractsMerged)
        {
            MergeContracts();
        }
        // Merged intervals are disjoint and sorted: the last one starting on or before the day is the only candidate.
        int lo = 0, hi = ContractCount;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_contracts[mid].Start <= day)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo > 0 && _contracts[lo - 1].End >= day;
    }

    private void MergeContracts()
    {
        Array.Sort(_contracts, 0, ContractCount);
        var n = 0;
        for (var i = 0; i < ContractCount; i++)
        {
            if (n > 0 && _contracts[i].Start <= _contracts[n - 1].End)
            {
                _contracts[n - 1].End = Math.Max(_contracts[n - 1].End, _contracts[i].End);
            }
            else
            {
                _contracts[n++] = _contracts[i];
            }
        }
        ContractCount = n;
        _contractsMerged = true;
    }

    /// <summary>How many of the first <paramref name="count"/> (sorted) values are ≤ <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountAtMost(int[] sorted, int count, int value)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotIncreasing(int day, int previous) =>
        throw new ArgumentException($"Days must be added in increasing order (day {day} after {previous}).", nameof(day));
}
