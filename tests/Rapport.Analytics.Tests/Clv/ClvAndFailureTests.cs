using System.Globalization;
using Rapport.Analytics.Clv;

namespace Rapport.Analytics.Tests.Clv;

public sealed class ClvAndFailureTests
{
    [Fact]
    public void Clv_NoDiscount_IsExpectedTransactionsOverHorizonTimesSpend()
    {
        var model = ClvTestData.PublishedBgNbd;
        var h = new PurchaseHistory(2, 30.428571, 38.857143);
        var options = new ClvOptions { PeriodLength = 30.4375 / 7, Periods = 12, DiscountRate = 0, Margin = 0.3 };

        var clv = CustomerLifetimeValue.Compute(model, h, 40, options);

        Assert.Equal(model.ConditionalExpectedTransactions(h, 12 * 30.4375 / 7) * 40 * 0.3, clv, 10);
    }

    [Fact]
    public void Clv_WithDiscount_IsTheDiscountedSumOfPeriodIncrements()
    {
        var model = new ParetoNbdModel(0.5533, 10.5777, 0.6062, 11.669);
        var h = new PurchaseHistory(3, 20, 38);
        var options = new ClvOptions { PeriodLength = 4, Periods = 6, DiscountRate = 0.02 };

        double expected = 0;
        for (var k = 1; k <= 6; k++)
        {
            var increment = model.ConditionalExpectedTransactions(h, 4 * k) - model.ConditionalExpectedTransactions(h, 4 * (k - 1));
            expected += increment * 25 / Math.Pow(1.02, k);
        }

        Assert.Equal(expected, CustomerLifetimeValue.Compute(model, h, 25, options), 10);
        Assert.True(CustomerLifetimeValue.Compute(model, h, 25, options) < CustomerLifetimeValue.Compute(model, h, 25, options with { DiscountRate = 0 }));
    }

    [Fact]
    public void PeriodRate_AnnualRate_CompoundsToThePeriod()
    {
        Assert.Equal(0.1, CustomerLifetimeValue.PeriodRate(0.1, 365.25), 12);
        Assert.Equal(Math.Pow(1.1, 1 / 12.0) - 1, CustomerLifetimeValue.PeriodRate(0.1, 30.4375), 12);
    }

    [Fact]
    public void Clv_BgBbWholePeriods_SumsPeriodIncrements()
    {
        var model = new BgBbModel(1.204, 0.750, 0.657, 2.783);
        var h = new PurchaseHistory(4, 6, 6);
        var options = new ClvOptions { PeriodLength = 1, Periods = 5, DiscountRate = 0 };

        Assert.Equal(model.ConditionalExpectedTransactions(h, 5) * 50, CustomerLifetimeValue.Compute(model, h, 50, options), 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalExpectedTransactions(h, 0.5));
    }

    [Fact]
    public void Fit_NoRepeatPurchases_ThrowsModelFitException()
    {
        PurchaseHistory[] none = [new(0, 0, 10), new(0, 0, 20)];

        Assert.Throws<ModelFitException>(() => BgNbdModel.Fit(none));
        Assert.Throws<ModelFitException>(() => ParetoNbdModel.Fit(none));
        Assert.Throws<ModelFitException>(() => BgBbModel.Fit(none));
        Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit([new SpendHistory(0, 0)]));
        Assert.Throws<ModelFitException>(() => ShiftedBetaGeometricModel.Fit([new ContractObservation(3, false, 10)]));
    }

    [Fact]
    public void BgNbdFit_IdenticalSteadyBuyers_FailsLoudlyInsteadOfReturningGarbage()
    {
        // Everyone bought every week up to the end: no heterogeneity and no dropout, so the MLE runs off to the boundary.
        var steady = Enumerable.Repeat(new PurchaseHistory(10, 10, 10), 500);

        var error = Assert.Throws<ModelFitException>(() => BgNbdModel.Fit(steady));
        Assert.Contains("BG/NBD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BgNbdFit_NobodyDropsOut_ReturnsTheLimitWithAWarning()
    {
        // Poisson-gamma buyers who never drop out: the maximum is at a → 0, a legitimate answer that must be flagged.
        var data = ModelSimulation.BgNbd(2000, r: 0.5, alpha: 5, a: 1e-6, b: 1e6, minT: 52, maxT: 78, seed: 1);

        var fit = BgNbdModel.Fit(data);

        Assert.Contains(fit.Warnings, w => w.StartsWith("BG/NBD: a is not identified", StringComparison.Ordinal));
        Assert.InRange(fit.Model.R, 0.45, 0.55);
        Assert.InRange(fit.Model.Alpha, 4.5, 5.5);
        Assert.All(data.Take(50), h => Assert.True(fit.Model.ProbabilityAlive(h) > 0.999));
    }

    [Fact]
    public void Fit_InteriorMaximum_HasNoWarnings()
    {
        Assert.Empty(BgNbdModel.Fit(ClvTestData.Cdnow.Select(c => c.History)).Warnings);
        Assert.Empty(GammaGammaModel.Fit(ClvTestData.Cdnow.Select(c => c.Spend)).Warnings);
    }

    [Fact]
    public void BgNbdFit_FullCdnowCohort_ConvergesToSensibleValues()
    {
        var summarizer = new TransactionSummarizer(ClvTestData.CdnowCalibrationEnd);
        foreach (var line in File.ReadLines(ClvTestData.File("cdnow/cdnow_master.txt")).Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            summarizer.Add(f[0].AsSpan(), DateOnly.ParseExact(f[1], "yyyyMMdd", CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
        }
        var customers = summarizer.Summarize(TimeUnit.Week);

        var fit = BgNbdModel.Fit(customers.Select(c => c.History));

        Assert.Equal(23570, customers.Count);
        Assert.True(double.IsFinite(fit.LogLikelihood) && fit.LogLikelihood < 0);
        Assert.InRange(fit.Model.R, 0.15, 0.40);
        Assert.InRange(fit.Model.Alpha, 2, 8);
        Assert.InRange(fit.Model.A, 0.3, 1.5);
        Assert.InRange(fit.Model.B, 1, 5);
        // The 1/10 sample's published estimates predict the full cohort's repeat purchases per customer closely.
        var perCustomer = customers.Sum(c => c.X) / (double)customers.Count;
        Assert.InRange(perCustomer, 0.9, 1.2);
    }
}
