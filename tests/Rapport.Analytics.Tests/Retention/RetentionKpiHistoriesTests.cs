using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Input;
using Rapport.Analytics.Retention;

namespace Rapport.Analytics.Tests.Retention;

public sealed class RetentionKpiHistoriesTests
{
    private static readonly RetentionKpiOptions Options = new()
    {
        From = new DateOnly(2024, 1, 1),
        To = new DateOnly(2024, 4, 1),
        ActiveWindowDays = 30,
        TrackCategories = true,
    };

    private sealed record Contract(string Customer, DateOnly Start, DateOnly? End);

    /// <summary>Per customer: the day history of the lines, as a database keeps it (one entry per day, categories by first purchase).</summary>
    private static IEnumerable<CustomerDayHistory> Histories(IEnumerable<TransactionLine> lines, IEnumerable<Contract>? contracts = null)
    {
        var contractsByCustomer = (contracts ?? []).ToLookup(c => c.Customer);
        var customers = lines.Select(l => l.Customer).Concat(contractsByCustomer.Select(g => g.Key)).Distinct();
        var byCustomer = lines.ToLookup(l => l.Customer);
        foreach (var customer in customers)
        {
            var history = new CustomerDayHistory();
            foreach (var day in byCustomer[customer].GroupBy(l => l.Date).OrderBy(g => g.Key))
            {
                history.AddDay(day.Key.DayNumber, day.Sum(l => (decimal)l.Amount), day.Any(l => l.Amount >= 0));
            }
            foreach (var category in byCustomer[customer].Where(l => l.Amount >= 0 && !string.IsNullOrEmpty(l.Category)).GroupBy(l => l.Category))
            {
                history.AddCategoryFirstDay(category.Min(l => l.Date).DayNumber);
            }
            foreach (var c in contractsByCustomer[customer])
            {
                history.AddContract(c.Start.DayNumber, c.End?.DayNumber);
            }
            yield return history;
        }
    }

    private static RetentionKpis ViaHistories(IEnumerable<TransactionLine> lines, RetentionKpiOptions options, IEnumerable<Contract>? contracts = null)
    {
        var tally = new RetentionKpiTally();
        foreach (var history in Histories(lines, contracts))
        {
            tally.Add(RetentionKpiHistories.Evaluate(history, options));
        }
        return tally.Result(options.TrackCategories);
    }

    private static RetentionKpis ViaLines(IEnumerable<TransactionLine> lines, RetentionKpiOptions options, IEnumerable<Contract>? contracts = null)
    {
        var accumulator = new RetentionKpiAccumulator(options);
        foreach (var line in lines)
        {
            accumulator.Add(line);
        }
        foreach (var c in contracts ?? [])
        {
            accumulator.AddContract(c.Customer, c.Start, c.End);
        }
        return accumulator.Result();
    }

    [Fact]
    public void Evaluate_HandMadeExample_SameAsAccumulatorOnLines()
    {
        var viaHistories = ViaHistories(RetentionKpiAccumulatorTests.ExampleLines, Options);

        Assert.Equal(ViaLines(RetentionKpiAccumulatorTests.ExampleLines, Options), viaHistories);
        Assert.Equal(3, viaHistories.CustomersAtStart);
        Assert.Equal(2, viaHistories.CrossSellCustomers);
        Assert.Equal(300m, viaHistories.Revenue);
    }

    [Fact]
    public void Evaluate_OverlappingAndOpenContracts_ActiveWhereAnyRuns()
    {
        var history = new CustomerDayHistory();
        history.AddContract(new DateOnly(2023, 1, 1).DayNumber, new DateOnly(2023, 6, 30).DayNumber);
        history.AddContract(new DateOnly(2023, 6, 1).DayNumber, new DateOnly(2024, 1, 1).DayNumber);
        history.AddContract(new DateOnly(2024, 3, 31).DayNumber, null);

        var facts = RetentionKpiHistories.Evaluate(history, Options);

        Assert.True(facts.ActiveAtStart);   // the second contract ends on from
        Assert.True(facts.ActiveAtEnd);     // the open one starts on to − 1
        Assert.Equal(0, facts.TransactionDays);
        Assert.False(facts.UpSold);         // no revenue in either period
        Assert.False(RetentionKpiHistories.Evaluate(history, Options with { From = new DateOnly(2024, 1, 2), To = new DateOnly(2024, 3, 31) }).ActiveAtStart);
    }

    [Fact]
    public void AddDay_NotIncreasing_Rejected()
    {
        var history = new CustomerDayHistory();
        history.AddDay(100, 1m, true);

        Assert.Throws<ArgumentException>(() => history.AddDay(100, 1m, true));
    }

    [Fact]
    public void Clear_ReusedForAnotherCustomer_ForgetsEverything()
    {
        var history = new CustomerDayHistory();
        for (var d = 0; d < 200; d++)
        {
            history.AddDay(Options.From.DayNumber - 100 + d, 10m, true);
        }
        history.AddCategoryFirstDay(Options.From.DayNumber);
        history.AddContract(0, null);

        history.Clear();
        history.AddDay(Options.From.DayNumber + 5, -3m, false);
        var facts = RetentionKpiHistories.Evaluate(history, Options);

        Assert.Equal(new CustomerPeriodFacts(false, false, 0, false, false, -3m, 0m, false), facts);
    }

    [Fact]
    public void FromCounts_PartLargerThanWhole_Rejected()
    {
        var counts = new RetentionKpiTally().Counts() with { CustomersAtStart = 1, CustomersAtEnd = 1, RetainedCustomers = 1, UpSellCustomers = 2 };

        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionKpis.FromCounts(counts));
    }

    private static readonly Gen<(List<TransactionLine> Lines, List<Contract> Contracts, RetentionKpiOptions Options)> RandomCases =
        from window in Gen.Choose(1, 90)
        from length in Gen.Choose(1, 120)
        from start in Gen.Choose(-40, 40)
        from lines in (
            from customer in Gen.Elements("a", "b", "c", "d", "e", "f", "g")
            from offset in Gen.Choose(-250, 150)
            from cents in Gen.Choose(-3000, 9000)
            from category in Gen.Elements<string?>(null, "", "x", "y", "z")
            select new TransactionLine(customer, new DateOnly(2024, 1, 1).AddDays(offset), cents / 100.0, category)).ListOf()
        from contracts in (
            from customer in Gen.Elements("a", "c", "h")
            from first in Gen.Choose(-200, 150)
            from days in Gen.Choose(0, 200)
            from open in Gen.Elements(false, false, true)
            select new Contract(customer, new DateOnly(2024, 1, 1).AddDays(first), open ? null : new DateOnly(2024, 1, 1).AddDays(first + days))).ListOf()
        let first = new DateOnly(2024, 1, 1).AddDays(start)
        select (lines.ToList(), contracts.Take(4).ToList(), Options with { From = first, To = first.AddDays(length), ActiveWindowDays = window });

    [Fact]
    public void Evaluate_AnyLinesAndContracts_SameKpisAsAccumulatorOnLines()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(Arb.From(RandomCases), c =>
            ViaHistories(c.Lines, c.Options, c.Contracts) == ViaLines(c.Lines, c.Options, c.Contracts)));
    }

    [Fact]
    public void Tally_MergedPartialTallies_SameAsOneTally()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(Arb.From(RandomCases), c =>
        {
            var facts = Histories(c.Lines, c.Contracts).Select(h => RetentionKpiHistories.Evaluate(h, c.Options)).ToList();
            var whole = new RetentionKpiTally();
            var left = new RetentionKpiTally();
            var right = new RetentionKpiTally();
            for (var i = 0; i < facts.Count; i++)
            {
                whole.Add(facts[i]);
                (i % 2 == 0 ? left : right).Add(facts[i]);
            }
            left.Merge(right);
            return left.Result() == whole.Result() && left.Customers == whole.Customers;
        }));
    }
}
