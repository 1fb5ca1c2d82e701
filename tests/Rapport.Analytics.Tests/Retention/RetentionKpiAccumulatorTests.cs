using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Input;
using Rapport.Analytics.Retention;

namespace Rapport.Analytics.Tests.Retention;

public sealed class RetentionKpiAccumulatorTests
{
    // Period [2024-01-01, 2024-04-01) = 91 days; preceding period [2023-10-02, 2024-01-01).
    // W = 30: active on from ⇔ a transaction in [2023-12-03, 2024-01-01]; active on to − 1 ⇔ in [2024-03-02, 2024-03-31].
    private static readonly RetentionKpiOptions Options = new()
    {
        From = new DateOnly(2024, 1, 1),
        To = new DateOnly(2024, 4, 1),
        ActiveWindowDays = 30,
        TrackCategories = true,
    };

    /// <summary>The hand-computed example; the CLI fixture <c>kpis-small.csv</c> holds the same lines.</summary>
    internal static IReadOnlyList<TransactionLine> ExampleLines { get; } =
    [
        // A: first day of the start window, last-window edge, two lines merged on 2024-03-02; new category y.
        Line("A", "2023-12-03", 100, "x"),
        Line("A", "2024-03-02", 50, "y"),
        Line("A", "2024-03-02", 30, "x"),
        // B: one day before the start window (not in S), two transactions in the period, nothing at the end.
        Line("B", "2023-12-02", 200, "x"),
        Line("B", "2024-02-10", 60, "x"),
        Line("B", "2024-02-20", 40, "x"),
        // C: new in the period, a return, buys again on the last day.
        Line("C", "2024-01-15", 70, "z"),
        Line("C", "2024-01-20", -20, "z"),
        Line("C", "2024-03-31", 10, "z"),
        // D: retained and up-sold (120 vs 100 ≥ 110 %), buys on from itself.
        Line("D", "2023-12-20", 100, "x"),
        Line("D", "2024-01-01", 50, "x"),
        Line("D", "2024-03-15", 70, "x"),
        // E: in S, only a return in the period (no transaction), churned.
        Line("E", "2023-12-31", 300, "x"),
        Line("E", "2024-01-10", -50, "x"),
        // F: only a return, never a transaction.
        Line("F", "2024-02-01", -10, "x"),
        // H: first purchase on `to` (outside the period); I: old history only.
        Line("H", "2024-04-01", 500, "x"),
        Line("I", "2023-01-01", 40, "x"),
    ];

    private static TransactionLine Line(string customer, string date, double amount, string? category) =>
        new(customer, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), amount, category);

    private static RetentionKpis Compute(IEnumerable<TransactionLine> lines, RetentionKpiOptions? options = null, Action<RetentionKpiAccumulator>? more = null)
    {
        var accumulator = new RetentionKpiAccumulator(options ?? Options);
        foreach (var line in lines)
        {
            accumulator.Add(line);
        }
        more?.Invoke(accumulator);
        return accumulator.Result();
    }

    [Fact]
    public void Result_HandMadeExample_EveryFigureAsComputedByHand()
    {
        var k = Compute(ExampleLines);

        Assert.Equal(3, k.CustomersAtStart);        // A, D, E
        Assert.Equal(1, k.NewCustomers);            // C
        Assert.Equal(3, k.CustomersAtEnd);          // A, C, D
        Assert.Equal(2, k.RetainedCustomers);       // A, D
        Assert.Equal(2.0 / 3, k.RetentionRate);
        Assert.Equal(1 - (2.0 / 3), k.ChurnRate);
        Assert.Equal(4, k.BuyingCustomers);         // A, B, C, D
        Assert.Equal(3, k.RepeatCustomers);         // B, C, D (A's two lines are one transaction)
        Assert.Equal(0.75, k.RepeatPurchaseRate);
        Assert.Equal(2, k.CrossSellCustomers);      // A (y), C (new: z)
        Assert.Equal(0.5, k.CrossSellRate);
        Assert.Equal(1, k.UpSellCustomers);         // D
        Assert.Equal(0.5, k.UpSellRate);
        Assert.Equal(300m, k.Revenue);              // 80 + 100 + 60 + 120 − 50 − 10
        Assert.Equal(150m, k.RevenueOfStartCustomers);          // A 80, D 120, E −50
        Assert.Equal(500m, k.PreviousRevenueOfStartCustomers);  // A 100, D 100, E 300
        Assert.Equal(0.3, k.RevenueRetention);
    }

    [Fact]
    public void AddContract_RunningContractWithoutTransactions_ActiveAtStartAndEndButNoRevenue()
    {
        var k = Compute(ExampleLines, more: a => a.AddContract("G", new DateOnly(2023, 6, 1), null));

        Assert.Equal(4, k.CustomersAtStart);
        Assert.Equal(4, k.CustomersAtEnd);
        Assert.Equal(3, k.RetainedCustomers);
        Assert.Equal(0.75, k.RetentionRate);
        Assert.Equal(1.0 / 3, k.UpSellRate);        // G: 0 vs 0 is not an up-sell
        Assert.Equal(0.3, k.RevenueRetention);
        Assert.Equal(1, k.NewCustomers);
    }

    [Fact]
    public void AddContract_EndsOnLastDayOrBeforeFrom_InclusiveEndDecides()
    {
        var k = Compute([], more: a =>
        {
            a.AddContract("ends-on-last-day", new DateOnly(2023, 1, 1), new DateOnly(2024, 3, 31));
            a.AddContract("ended-before", new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31));
            a.AddContract("starts-on-from", new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 30));
        });

        Assert.Equal(2, k.CustomersAtStart);
        Assert.Equal(1, k.CustomersAtEnd);
        Assert.Equal(1, k.RetainedCustomers);
    }

    [Fact]
    public void Result_NoCustomers_RatesNullAndRevenueZero()
    {
        var k = Compute([]);

        Assert.Equal(0, k.CustomersAtStart);
        Assert.Null(k.RetentionRate);
        Assert.Null(k.ChurnRate);
        Assert.Null(k.RepeatPurchaseRate);
        Assert.Null(k.CrossSellRate);
        Assert.Null(k.UpSellRate);
        Assert.Null(k.RevenueRetention);
        Assert.Equal(0m, k.Revenue);
    }

    [Fact]
    public void Result_CategoriesNotTracked_CrossSellNull()
    {
        var k = Compute(ExampleLines, Options with { TrackCategories = false });

        Assert.Null(k.CrossSellRate);
        Assert.Null(k.CrossSellCustomers);
        Assert.Equal(0.75, k.RepeatPurchaseRate);
    }

    [Fact]
    public void Result_NegativePrecedingRevenue_UpSellNeedsPositiveRevenueAndRevenueRetentionNull()
    {
        var k = Compute(
        [
            Line("R", "2023-12-20", -40, null),  // preceding period net −40 (returns only), in S by the next line
            Line("R", "2023-12-21", 0, null),
            Line("R", "2024-03-20", 5, null),
        ]);

        Assert.Equal(1, k.RetainedCustomers);
        Assert.Equal(1.0, k.UpSellRate);
        Assert.Null(k.RevenueRetention);
    }

    [Fact]
    public void Options_EmptyPeriodOrZeroWindow_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new RetentionKpiAccumulator(Options with { To = Options.From }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetentionKpiAccumulator(Options with { ActiveWindowDays = 0 }));
    }

    [Fact]
    public void Add_SpanAndLineOverloads_SameResult()
    {
        var viaSpans = new RetentionKpiAccumulator(Options);
        foreach (var l in ExampleLines)
        {
            viaSpans.Add(l.Customer.AsSpan(), l.Date, l.Amount, l.Category.AsSpan());
        }

        Assert.Equal(Compute(ExampleLines), viaSpans.Result());
    }

    private static readonly Gen<(List<TransactionLine> Lines, RetentionKpiOptions Options)> RandomCases =
        from window in Gen.Choose(1, 60)
        from length in Gen.Choose(1, 60)
        from lines in (
            from customer in Gen.Elements("a", "b", "c", "d", "e", "f")
            from offset in Gen.Choose(-150, 120)
            from cents in Gen.Choose(-3000, 9000)
            from category in Gen.Elements<string?>(null, "x", "y", "z")
            select new TransactionLine(customer, new DateOnly(2024, 1, 1).AddDays(offset), cents / 100.0, category)).ListOf()
        select (lines.ToList(), Options with { ActiveWindowDays = window, To = Options.From.AddDays(length) });

    [Fact]
    public void Result_AnyLines_IndependentOfLineOrder()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Arb.From(RandomCases), c =>
        {
            var forward = Compute(c.Lines, c.Options);
            var reversed = Compute(Enumerable.Reverse(c.Lines), c.Options);
            var shuffled = Compute(c.Lines.OrderBy(l => HashCode.Combine(l.Customer, l.Date, l.Amount)), c.Options);
            return forward == reversed && forward == shuffled;
        }));
    }

    [Fact]
    public void Result_AnyLines_RatesInUnitIntervalAndChurnIsOneMinusRetention()
    {
        static bool InUnit(double? r) => r is null || (r >= 0 && r <= 1);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Arb.From(RandomCases), c =>
        {
            var k = Compute(c.Lines, c.Options);
            return InUnit(k.RetentionRate) && InUnit(k.ChurnRate) && InUnit(k.RepeatPurchaseRate)
                && InUnit(k.CrossSellRate) && InUnit(k.UpSellRate)
                && (k.RetentionRate is null ? k.ChurnRate is null : k.ChurnRate == 1 - k.RetentionRate)
                && k.RetainedCustomers <= Math.Min(k.CustomersAtStart, k.CustomersAtEnd)
                && (k.RevenueRetention is null || k.PreviousRevenueOfStartCustomers > 0);
        }));
    }
}
