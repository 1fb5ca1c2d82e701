using Rapport.Analytics.Clv;

namespace Rapport.Analytics.Tests.Clv;

/// <summary>Fits on data simulated from each model (seeded) recover the parameters that generated them.</summary>
public sealed class ModelRecoveryTests
{
    private static void Within(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * expected, $"{what}: expected {expected} ± {relative:P0}, got {actual}");

    [Fact]
    public void BgNbdFit_SimulatedCustomers_RecoversParameters()
    {
        var data = ModelSimulation.BgNbd(8000, r: 0.5, alpha: 5, a: 0.8, b: 2.5, minT: 52, maxT: 78, seed: 11);
        var fit = BgNbdModel.Fit(data);
        var truth = new BgNbdModel(0.5, 5, 0.8, 2.5);

        Within(0.5, fit.Model.R, 0.10, "r");
        Within(5, fit.Model.Alpha, 0.15, "alpha");
        Within(0.8, fit.Model.A, 0.30, "a");
        Within(2.5, fit.Model.B, 0.35, "b");
        // The estimate is the maximum: it cannot be beaten by the truth.
        Assert.True(fit.LogLikelihood >= truth.LogLikelihood(data) - 1e-6);
        Within(truth.ExpectedTransactions(52), fit.Model.ExpectedTransactions(52), 0.03, "E[X(52)]");
    }

    [Fact]
    public void BgBbFit_SimulatedDonors_RecoversParameters()
    {
        var data = ModelSimulation.BgBb(20000, n: 8, alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8, seed: 5);
        var fit = BgBbModel.Fit(data);

        Within(1.2, fit.Model.Alpha, 0.15, "alpha");
        Within(0.75, fit.Model.Beta, 0.15, "beta");
        Within(0.66, fit.Model.Gamma, 0.20, "gamma");
        Within(2.8, fit.Model.Delta, 0.30, "delta");
        Assert.Equal(20000, fit.Observations);
    }

    [Fact]
    public void ShiftedBetaGeometricFit_SimulatedContracts_RecoversParameters()
    {
        var data = ModelSimulation.ShiftedBetaGeometric(5000, periods: 8, alpha: 0.7, beta: 1.2, seed: 3);
        var fit = ShiftedBetaGeometricModel.Fit(data);

        Within(0.7, fit.Model.Alpha, 0.15, "alpha");
        Within(1.2, fit.Model.Beta, 0.20, "beta");
    }
}
