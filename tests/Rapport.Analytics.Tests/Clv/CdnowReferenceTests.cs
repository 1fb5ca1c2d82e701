using Rapport.Analytics.Clv;

namespace Rapport.Analytics.Tests.Clv;

/// <summary>Published values on the CDNOW 1/10 sample (TestData/README.md, Fader, Hardie &amp; Lee 2005, BTYD).</summary>
public sealed class CdnowReferenceTests
{
    private static void Near(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: expected {expected} ± {relative:P2}, got {actual}");

    [Fact]
    public void Summarize_Cdnow_MatchesPublishedSummaryExactly()
    {
        var published = ClvTestData.PublishedSummary();
        var ours = ClvTestData.Cdnow;

        Assert.Equal(2357, ours.Count);
        Assert.Equal(946, ours.Count(c => c.X > 0));
        Assert.Equal(2457, ours.Sum(c => c.X));
        Assert.Equal(1882, ours.Sum(c => c.HoldoutX));
        Assert.Equal(published.Count, ours.Count);
        foreach (var c in ours)
        {
            var p = published[c.Customer];
            Assert.Equal(p.X, c.X);
            Assert.Equal(p.Tx, c.Tx, 1e-9);
            Assert.Equal(p.T, c.T, 1e-9);
            Assert.Equal(p.XStar, c.HoldoutX);
            Assert.Equal(p.Mx, c.MeanValue, 1e-9);
        }
    }

    [Fact]
    public void BgNbdFit_Cdnow_ReproducesPublishedEstimates()
    {
        var fit = BgNbdModel.Fit(ClvTestData.Cdnow.Select(c => c.History));

        Near(0.2425947, fit.Model.R, 0.005, "r");
        Near(4.4136063, fit.Model.Alpha, 0.005, "alpha");
        Near(0.7929212, fit.Model.A, 0.005, "a");
        Near(2.4259031, fit.Model.B, 0.005, "b");
        Assert.Equal(-9582.4292, fit.LogLikelihood, 0.05);
        Assert.Equal(2357, fit.Observations);
    }

    [Fact]
    public void BgNbdLogLikelihood_PublishedParameters_IsPublishedValue()
    {
        var ll = ClvTestData.PublishedBgNbd.LogLikelihood(ClvTestData.Cdnow.Select(c => c.History));
        Assert.Equal(-9582.4292, ll, 0.001);
    }

    [Fact]
    public void BgNbdPredictions_CustomerOne_MatchPublished()
    {
        var model = ClvTestData.PublishedBgNbd;
        var one = new PurchaseHistory(2, 30.428571, 38.857143);

        // Published to four decimals by truncation; the exact value is 1.2259945.
        Assert.InRange(model.ConditionalExpectedTransactions(one, 39), 1.2259, 1.2260);
        Assert.Equal(0.7266, model.ProbabilityAlive(one), 4);
    }

    [Theory]
    [InlineData(1, 0.05318)]
    [InlineData(3, 0.15063)]
    [InlineData(32, 1.04373)]
    [InlineData(78, 1.85796)]
    public void BgNbdExpectedTransactions_PublishedParameters_MatchPublished(double t, double expected)
    {
        Assert.Equal(expected, ClvTestData.PublishedBgNbd.ExpectedTransactions(t), 5);
    }

    [Fact]
    public void BgNbdHoldout_Cdnow_PredictsPublishedTotal()
    {
        var model = ClvTestData.PublishedBgNbd;
        var predicted = ClvTestData.Cdnow.Sum(c => model.ConditionalExpectedTransactions(c.History, 39));
        Assert.Equal(1653.4, predicted, 0.05);
    }

    [Fact]
    public void ParetoNbdFit_Cdnow_ReproducesPublishedLikelihood()
    {
        var fit = ParetoNbdModel.Fit(ClvTestData.Cdnow.Select(c => c.History));

        Assert.Equal(-9594.976, fit.LogLikelihood, 0.05);
        Near(0.5533, fit.Model.R, 0.01, "r");
        Near(10.5777, fit.Model.Alpha, 0.01, "alpha");
        // s and β are poorly identified (the likelihood is flat along them): only sanity-check them.
        Assert.InRange(fit.Model.S, 0.3, 1.5);
        Assert.InRange(fit.Model.Beta, 3, 40);
    }

    [Fact]
    public void ParetoNbdLogLikelihood_PublishedParameters_IsPublishedValue()
    {
        var model = new ParetoNbdModel(0.5533, 10.5777, 0.6062, 11.669);
        Assert.Equal(-9594.976, model.LogLikelihood(ClvTestData.Cdnow.Select(c => c.History)), 0.05);
    }

    [Fact]
    public void GammaGammaFit_CdnowRepeatCustomers_ReproducesPublishedEstimates()
    {
        var fit = GammaGammaModel.Fit(ClvTestData.Cdnow.Select(c => c.Spend));

        Assert.Equal(946, fit.Observations);
        Near(6.2496, fit.Model.P, 0.005, "p");
        Near(3.7442, fit.Model.Q, 0.005, "q");
        Near(15.4435, fit.Model.Gamma, 0.005, "gamma");
        Assert.Equal(-4055.9177, fit.LogLikelihood, 0.05);
        Assert.Equal(35.17, fit.Model.MeanSpend, 0.01);
    }
}
