using Rapport.Analytics.Clv;
using Rapport.Analytics.Input;

namespace Rapport.Analytics.Tests.Clv;

public sealed class TransactionSummarizerTests
{
    private static readonly DateOnly Jan1 = new(2020, 1, 1);

    private static TransactionLine Line(string customer, int day, double amount) => new(customer, Jan1.AddDays(day), amount, null);

    [Fact]
    public void Summarize_SameDayLinesReturnsAndDisorder_MergesSkipsAndSorts()
    {
        var summarizer = new TransactionSummarizer(new DateOnly(2020, 1, 31), new DateOnly(2020, 2, 29));
        summarizer.AddRange(
        [
            Line("A", 0, 10), Line("A", 0, 5), Line("A", 4, 20), Line("A", 2, 30), Line("A", 4, -4),
            Line("A", 40, 7), Line("A", 40, 1), Line("A", 74, 99),
            Line("B", 35, 50),
            Line("C", 30, 100),
        ]);
        summarizer.Add("A".AsSpan(), Jan1.AddDays(44), 3);

        var result = summarizer.Summarize(TimeUnit.Day);

        Assert.Equal(["A", "C"], result.Select(c => c.Customer));
        var a = result[0];
        Assert.Equal(2, a.X);
        Assert.Equal(4, a.Tx);
        Assert.Equal(30, a.T);
        Assert.Equal(25, a.MeanValue);
        Assert.Equal(2, a.HoldoutX);
        var c = result[1];
        Assert.Equal(new PurchaseHistory(0, 0, 0), c.History);
        Assert.Equal(0, c.MeanValue);
        Assert.Equal(1, summarizer.Skipped[SkipCounter.NegativeAmount]);
        Assert.Equal(1, summarizer.LinesAfterWindow);
        Assert.Equal(3, summarizer.CustomersSeen);
    }

    [Fact]
    public void Summarize_Weeks_DividesDaysBySeven()
    {
        var summarizer = new TransactionSummarizer(new DateOnly(2020, 1, 29));
        summarizer.AddRange([Line("A", 0, 1), Line("A", 14, 1), Line("A", 40, 1)]);

        var a = Assert.Single(summarizer.Summarize(TimeUnit.Week));

        Assert.Equal(new PurchaseHistory(1, 2, 4), a.History);
        Assert.Equal(0, a.HoldoutX);
    }

    [Fact]
    public void SummarizePeriods_WeeklyPeriods_CountsActivePeriodsAsSpecified()
    {
        // First purchase 2020-01-01; calibration ends 50 days later, so n = floor(50/7) = 7 whole weeks.
        var summarizer = new TransactionSummarizer(Jan1.AddDays(50), Jan1.AddDays(90));
        summarizer.AddRange(
        [
            Line("D", 0, 5), Line("D", 3, 1),           // period 0 (the first purchase's period)
            Line("D", 8, 10), Line("D", 9, 20),          // period 1: one active period worth 30
            Line("D", 20, 6),                            // period 2
            Line("D", 49, 9),                            // period 7 = n
            Line("D", 51, 1),                            // after calibration end, still period 7: neither calibration nor holdout
            Line("D", 60, 1), Line("D", 62, 1),          // holdout period 8
            Line("D", 85, 1),                            // holdout period 12 = floor(90/7)
        ]);

        var d = Assert.Single(summarizer.SummarizePeriods(TimeUnit.Week));

        Assert.Equal(3, d.X);
        Assert.Equal(7, d.Tx);
        Assert.Equal(7, d.N);
        Assert.Equal((30 + 6 + 9) / 3.0, d.MeanValue, 12);
        Assert.Equal(2, d.HoldoutX);
        Assert.Equal(5, d.HoldoutN);
        Assert.Equal(new PurchaseHistory(3, 7, 7), d.History);
    }

    [Fact]
    public void SummarizePeriods_NoRepeatPeriod_IsZeroHistory()
    {
        var summarizer = new TransactionSummarizer(Jan1.AddDays(800));
        summarizer.AddRange([Line("E", 0, 5), Line("E", 100, 5)]);

        var e = Assert.Single(summarizer.SummarizePeriods(TimeUnit.Year));

        Assert.Equal(new PurchaseHistory(0, 0, 2), e.History);
        Assert.Equal(0, e.HoldoutN);
    }

    [Fact]
    public void Add_InvalidLines_AreCountedNotKept()
    {
        var summarizer = new TransactionSummarizer(Jan1.AddDays(10));
        summarizer.Add(ReadOnlySpan<char>.Empty, Jan1, 5);
        summarizer.Add("A".AsSpan(), Jan1, double.NaN);
        summarizer.Add("A".AsSpan(), Jan1, -1);

        Assert.Empty(summarizer.Summarize(TimeUnit.Day));
        Assert.Equal(1, summarizer.Skipped[SkipCounter.MissingCustomer]);
        Assert.Equal(1, summarizer.Skipped[SkipCounter.UnreadableAmount]);
        Assert.Equal(1, summarizer.Skipped[SkipCounter.NegativeAmount]);
    }

    [Fact]
    public void Constructor_HoldoutNotAfterCalibration_Throws() =>
        Assert.Throws<ArgumentException>(() => new TransactionSummarizer(Jan1, Jan1));
}
