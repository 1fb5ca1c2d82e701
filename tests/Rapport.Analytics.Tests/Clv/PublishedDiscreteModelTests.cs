using Rapport.Analytics.Clv;

namespace Rapport.Analytics.Tests.Clv;

/// <summary>Published fits of the discrete-time and contractual models.</summary>
public sealed class PublishedDiscreteModelTests
{
    // Fader, Hardie & Shang (2010): the 1995 cohort of 11,104 donors over 6 annual opportunities, as (x, t_x, n = 6, donors)
    // (the paper's table; BTYD's donationsSummary).
    private static readonly (int X, int Tx, long Count)[] Donations =
    [
        (0, 0, 3464), (1, 1, 1091), (1, 2, 277), (1, 3, 129), (1, 4, 78), (1, 5, 119), (1, 6, 129),
        (2, 2, 613), (2, 3, 255), (2, 4, 155), (2, 5, 173), (2, 6, 234),
        (3, 3, 322), (3, 4, 181), (3, 5, 225), (3, 6, 357),
        (4, 4, 240), (4, 5, 284), (4, 6, 512),
        (5, 5, 335), (5, 6, 728),
        (6, 6, 1203),
    ];

    private static IEnumerable<HistoryCount> DonationRows => Donations.Select(d => new HistoryCount(new PurchaseHistory(d.X, d.Tx, 6), d.Count));

    private static readonly Lazy<ModelFit<BgBbModel>> DonationFit = new(() => BgBbModel.Fit(DonationRows));

    private static void Near(double expected, double actual, double absolute, string what) =>
        Assert.True(Math.Abs(actual - expected) <= absolute, $"{what}: expected {expected} ± {absolute}, got {actual}");

    [Fact]
    public void BgBbFit_Donations_ReproducesPublishedEstimates()
    {
        var fit = DonationFit.Value;

        Assert.Equal(11104, fit.Observations);
        Near(1.204, fit.Model.Alpha, 0.0005, "alpha");
        Near(0.750, fit.Model.Beta, 0.0005, "beta");
        Near(0.657, fit.Model.Gamma, 0.0005, "gamma");
        Near(2.783, fit.Model.Delta, 0.0005, "delta");
        Near(-33225.6, fit.LogLikelihood, 0.05, "LL");
        // The fit's fast table-based likelihood agrees with the per-customer one.
        Assert.Equal(fit.LogLikelihood, Donations.Sum(d => d.Count * fit.Model.LogLikelihood(new PurchaseHistory(d.X, d.Tx, 6))), 1e-6);
        Assert.Empty(fit.Warnings);
    }

    [Fact]
    public void BgBbPredictions_Donations_AreConsistent()
    {
        var model = DonationFit.Value.Model;

        // A donor who gave every year is more likely alive and expected to give more than one who stopped early.
        var loyal = new PurchaseHistory(6, 6, 6);
        var lapsed = new PurchaseHistory(1, 1, 6);
        Assert.True(model.ProbabilityAlive(loyal) > 0.9);
        Assert.True(model.ProbabilityAlive(lapsed) < 0.2);
        Assert.True(model.ConditionalExpectedTransactions(loyal, 5) > 3 * model.ConditionalExpectedTransactions(lapsed, 5));

        // The expected repeat transactions of the cohort over periods 1..6 match the observed total (the model is fitted to it).
        var observed = Donations.Sum(d => (double)d.X * d.Count);
        var expected = 11104 * model.ExpectedTransactions(6);
        Assert.True(Math.Abs(expected - observed) / observed < 0.02, $"expected {expected}, observed {observed}");
    }

    [Fact]
    public void ShiftedBetaGeometricFit_RegularCustomers_ReproducesFaderHardie2007()
    {
        long[] alive = [1000, 631, 468, 382, 326, 289, 262, 241];
        var fit = ShiftedBetaGeometricModel.Fit(ShiftedBetaGeometricModel.FromSurvivorCounts(alive));

        Near(0.704, fit.Model.Alpha, 0.0005, "alpha");
        Near(1.182, fit.Model.Beta, 0.0005, "beta");
        Assert.Equal(1000, fit.Observations);
    }

    [Fact]
    public void ShiftedBetaGeometricFit_HighEndCustomers_ReproducesFaderHardie2007()
    {
        long[] alive = [1000, 869, 743, 653, 593, 551, 517, 491];
        var fit = ShiftedBetaGeometricModel.Fit(ShiftedBetaGeometricModel.FromSurvivorCounts(alive));

        Near(0.668, fit.Model.Alpha, 0.0005, "alpha");
        Near(3.806, fit.Model.Beta, 0.0005, "beta");
    }

    [Fact]
    public void ShiftedBetaGeometricCurves_KnownParameters_FollowClosedForms()
    {
        var model = new ShiftedBetaGeometricModel(0.704, 1.182);

        Assert.Equal(0.704 / (0.704 + 1.182), model.ChurnProbability(1), 12);
        Assert.Equal(1.182 / (0.704 + 1.182), model.Retention(1), 12);
        Assert.Equal(1, model.Survival(0));
        for (var t = 1; t <= 12; t++)
        {
            Assert.Equal(model.Survival(t - 1) * model.Retention(t), model.Survival(t), 12);
            Assert.Equal(model.Survival(t - 1) - model.Survival(t), model.ChurnProbability(t), 12);
            Assert.True(model.Retention(t + 1) > model.Retention(t));
        }
    }

    [Fact]
    public void ContractObservationFromDates_FollowsThePeriodRules()
    {
        var start = new DateOnly(2020, 1, 1);
        var asOf = new DateOnly(2023, 6, 1);

        // Ended 400 days after the start: in period 1 (0-based), so it survived one renewal.
        Assert.Equal(new ContractObservation(1, true), ContractObservation.FromDates(start, start.AddDays(400), asOf, TimeUnit.Year));
        // Ended before a full year: churned at the first renewal.
        Assert.Equal(new ContractObservation(0, true), ContractObservation.FromDates(start, start.AddDays(364), asOf, TimeUnit.Year));
        // No end, or an end after the as-of date: running for floor(1247 / 365.25) = 3 whole years.
        Assert.Equal(new ContractObservation(3, false), ContractObservation.FromDates(start, null, asOf, TimeUnit.Year));
        Assert.Equal(new ContractObservation(3, false), ContractObservation.FromDates(start, asOf.AddDays(1), asOf, TimeUnit.Year));
        Assert.Equal(new ContractObservation(40, false), ContractObservation.FromDates(start, null, asOf, TimeUnit.Month));
        Assert.Null(ContractObservation.FromDates(asOf.AddDays(1), null, asOf, TimeUnit.Year));
        Assert.Throws<ArgumentException>(() => ContractObservation.FromDates(start, start.AddDays(-1), asOf, TimeUnit.Year));
    }
}
