using Bogus;

namespace Rapport.Demo.Tests;

public sealed class DemoGeneratorTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static DemoOptions Options(int accounts = 40, int seed = 3) => new() { Accounts = accounts, Seed = seed, AsOf = Today };

    private static List<DemoAccountHistory> Generate(DemoOptions options)
    {
        var fakers = new Dictionary<string, Faker>();
        Faker For(string locale) => fakers.TryGetValue(locale, out var f) ? f : fakers[locale] = new Faker(locale);
        return DemoPlanner.Plan(options).Accounts.Select(a => DemoHistory.Generate(a, options, For)).ToList();
    }

    private static DemoOrder Order(DateOnly date, decimal amount)
    {
        var order = new DemoOrder { OrderNo = "AU", Date = date };
        order.Lines.Add(new DemoOrderLine(1, "ET-100142", DemoCategories.SpareParts, 1m, amount, amount / 2));
        return order;
    }

    [Fact]
    public void Plan_DefaultOptions_HasAtLeast100AccountsWithStoriesFirst()
    {
        var options = new DemoOptions { AsOf = Today };

        var plan = DemoPlanner.Plan(options);

        Assert.True(options.Accounts >= 100);
        Assert.Equal(options.Accounts, plan.Accounts.Count);
        Assert.Equal(
            [DemoStories.DecliningKeyAccountId, DemoStories.WonBackAccountId, DemoStories.GrowingNewAccountId, DemoStories.LockInShowcaseAccountId],
            plan.Accounts.Take(4).Select(a => a.ExternalId));
        Assert.Equal(plan.Accounts.Count, plan.Accounts.Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(plan.Accounts.Count, plan.Accounts.Select(a => a.ExternalId).Distinct().Count());
        Assert.Equal(8, plan.Users.Count(u => u.Role == "account_manager"));
        Assert.All(plan.Accounts, a => Assert.Equal("account_manager", plan.Users[a.OwnerUser].Role));
        Assert.InRange(plan.Accounts.Count(a => a.KeyAccount), 35, 45);
    }

    [Fact]
    public void Generate_SameOptions_SameHistories()
    {
        static string Fingerprint(List<DemoAccountHistory> histories) => string.Join("\n", histories.Select(h =>
            $"{h.Account.Name}|{h.Account.Situation}|{string.Join(",", h.Contacts.Select(c => c.Email))}|"
            + $"{string.Join(",", h.Orders.Select(o => $"{o.OrderNo}:{o.Lines.Sum(l => l.NetAmount)}"))}|"
            + $"{string.Join(",", h.Interactions.Select(i => $"{i.OccurredAt:O}{i.Subject}"))}|"
            + $"{string.Join(",", h.Contracts.Select(c => $"{c.ContractNo}:{c.EndDate}"))}"));

        var first = Fingerprint(Generate(Options()));
        var second = Fingerprint(Generate(Options()));
        var otherSeed = Fingerprint(Generate(Options(seed: 4)));

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Generate_EveryAccount_ShowsItsSituationAndStaysBeforeToday()
    {
        var histories = Generate(Options());

        Assert.All(histories, h =>
        {
            Assert.Equal(h.Account.Situation, DemoHistory.Classify(h.Orders, Today));
            Assert.All(h.Orders, o => Assert.InRange(o.Date, Today.AddYears(-5), Today));
            Assert.All(h.Orders, o => Assert.NotEmpty(o.Lines));
            Assert.InRange(h.Contacts.Count, 2, 8);
            Assert.All(h.Contracts, c => Assert.True(c.EndDate >= c.StartDate));
            Assert.Equal(h.Orders.Count, h.Orders.Select(o => o.OrderNo).Distinct().Count());
        });
        Assert.Equal(Enum.GetValues<DemoSituation>().Length, histories.Select(h => h.Account.Situation).Distinct().Count());
    }

    [Fact]
    public void Classify_RevenueFallsToHalf_Declining()
    {
        var orders = new[] { Order(Today.AddDays(-600), 1000m), Order(Today.AddDays(-400), 1000m), Order(Today.AddDays(-100), 1000m) };

        Assert.Equal(DemoSituation.Declining, DemoHistory.Classify(orders, Today));
    }

    [Fact]
    public void Classify_GapOverAYearThenBuying_WonBack()
    {
        var orders = new[] { Order(Today.AddDays(-900), 500m), Order(Today.AddDays(-500), 500m), Order(Today.AddDays(-30), 500m) };

        Assert.Equal(DemoSituation.WonBack, DemoHistory.Classify(orders, Today));
    }

    [Fact]
    public void Classify_BoundaryOfThe365DayWindow_FollowsSegmentRules()
    {
        // An order exactly 365 days ago is outside "the last 365 days" (t − 364 … t).
        Assert.Equal(DemoSituation.Lost, DemoHistory.Classify([Order(Today.AddDays(-800), 1m), Order(Today.AddDays(-365), 1m)], Today));
        Assert.Equal(DemoSituation.New, DemoHistory.Classify([Order(Today.AddDays(-364), 1m)], Today));
        Assert.Equal(DemoSituation.Prospect, DemoHistory.Classify([], Today));
        Assert.Equal(DemoSituation.Prospect, DemoHistory.Classify([Order(Today.AddDays(-10), -50m)], Today));
    }

    [Fact]
    public void Slug_GermanAndAccentedNames_AsciiHostName()
    {
        Assert.Equal("mueller-soehne-kunststofftechnik", DemoPlanner.Slug("Müller & Söhne Kunststofftechnik"));
        Assert.Equal("strasse-lodz-zelezny", DemoPlanner.Slug("Straße Łódź Železný"));
    }

    [Fact]
    public void At_WinterAndSummerDates_ConvertsBerlinTimeToUtc()
    {
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 8, 30, 0, TimeSpan.Zero), DemoHistory.At(new DateOnly(2025, 1, 15), 9, 30));
        Assert.Equal(new DateTimeOffset(2025, 7, 15, 7, 30, 0, TimeSpan.Zero), DemoHistory.At(new DateOnly(2025, 7, 15), 9, 30));
    }
}
