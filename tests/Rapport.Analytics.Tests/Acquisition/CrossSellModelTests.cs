using Rapport.Analytics.Acquisition;

namespace Rapport.Analytics.Tests.Acquisition;

public sealed class CrossSellModelTests
{
    // Baskets: a1 {x, y}, a2 {x, y, z}, a3 {x}, a4 {y, z}, a5 {z}; a1 buys x twice (counted once).
    // Counts of 5 accounts: x 3, y 3, z 3; x∧y 2, y∧z 2, x∧z 1.
    private static readonly (string, string)[] Purchases =
    [
        ("a1", "x"), ("a1", "y"), ("a1", "x"),
        ("a2", "x"), ("a2", "y"), ("a2", "z"),
        ("a3", "x"),
        ("a4", "y"), ("a4", "z"),
        ("a5", "z"),
        ("", "x"), ("a6", ""),
    ];

    private static readonly CrossSellOptions Options = new() { MinAccounts = 1, MinSupport = 0, MinConfidence = 0, MinLift = 0 };

    [Fact]
    public void Fit_HandComputedSupportConfidenceLift()
    {
        var model = CrossSellModel.Fit(Purchases, Options);

        Assert.Equal(5, model.AccountCount);
        var xy = model.Rules.Single(r => r is { Antecedent: "x", Consequent: "y" });
        Assert.Equal(2, xy.Accounts);
        Assert.Equal(0.4, xy.Support, 12);
        Assert.Equal(2.0 / 3, xy.Confidence, 12);
        Assert.Equal(10.0 / 9, xy.Lift, 12);           // (2/3) / (3/5)
        var xz = model.Rules.Single(r => r is { Antecedent: "x", Consequent: "z" });
        Assert.Equal(0.2, xz.Support, 12);
        Assert.Equal(1.0 / 3, xz.Confidence, 12);
        Assert.Equal(5.0 / 9, xz.Lift, 12);             // (1/3) / (3/5)
        Assert.Equal(6, model.Rules.Count);              // x↔y, y↔z, x↔z
        Assert.Equal(10.0 / 9, model.Rules[0].Lift, 12);
    }

    [Fact]
    public void Recommend_CategoriesOfSimilarAccountsNotYetBought_RankedByLift()
    {
        var model = CrossSellModel.Fit(Purchases, Options);

        var forA3 = model.Recommend("a3");   // has x: y via x→y (lift 10/9), z via x→z (5/9)
        var forA1 = model.Recommend("a1");   // has x, y: z via y→z (10/9) beats x→z (5/9)

        Assert.Equal(["y", "z"], forA3.Select(r => r.Category));
        Assert.Equal(10.0 / 9, forA3[0].Rule.Lift, 12);
        var z = Assert.Single(forA1);
        Assert.Equal("z", z.Category);
        Assert.Equal("y", z.Rule.Antecedent);
        Assert.Empty(model.Recommend("a2"));
        Assert.Empty(model.Recommend("unknown"));
    }

    [Fact]
    public void Recommend_DefaultThresholds_OnlyRulesWithLiftAboveOne()
    {
        var model = CrossSellModel.Fit(Purchases);

        Assert.All(model.Rules, r => Assert.True(r.Lift > 1));
        Assert.Equal(["y"], model.Recommend("a3").Select(r => r.Category));
        Assert.Equal([("a1", "z"), ("a3", "y"), ("a4", "x"), ("a5", "y")], model.RecommendAll().Select(r => (r.Account, r.Category)));
    }
}
