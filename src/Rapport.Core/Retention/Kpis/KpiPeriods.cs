namespace Rapport.Core.Retention;

/// <summary>The periods of the KPI dashboard: calendar quarters by default, trends of consecutive periods.</summary>
public static class KpiPeriods
{
    /// <summary>Default number of periods of a trend: 8 quarters, 5 years, 12 months.</summary>
    public static int DefaultTrendLength(TrendUnit unit) => unit switch
    {
        TrendUnit.Month => 12,
        TrendUnit.Quarter => 8,
        _ => 5,
    };

    /// <summary>Months in one period of <paramref name="unit"/>.</summary>
    public static int Months(TrendUnit unit) => unit switch
    {
        TrendUnit.Month => 1,
        TrendUnit.Quarter => 3,
        _ => 12,
    };

    /// <summary>The last complete calendar quarter before <paramref name="today"/>.</summary>
    public static KpiPeriod LastCompleteQuarter(DateOnly today)
    {
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return new KpiPeriod(quarterStart.AddMonths(-3), quarterStart);
    }

    /// <summary>
    /// <paramref name="count"/> consecutive periods of <paramref name="unit"/> ending at <paramref name="to"/> (exclusive),
    /// oldest first: the last is <c>[to − 1 unit, to)</c>. Months are calendar months counted back from <c>to</c>.
    /// </summary>
    public static IReadOnlyList<KpiPeriod> Trend(DateOnly to, TrendUnit unit, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var months = Months(unit);
        return Enumerable.Range(0, count)
            .Select(i => new KpiPeriod(to.AddMonths(-months * (count - i)), to.AddMonths(-months * (count - i - 1))))
            .ToList();
    }
}
