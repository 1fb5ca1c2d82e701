using MathNet.Numerics.Distributions;
using Rapport.Analytics.Acquisition;

namespace Rapport.Analytics.Tests.Acquisition;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void Fit_SimulatedData_RecoversKnownCoefficients()
    {
        var random = new Random(7);
        var normal = new Normal(0, 1, random);
        var x = new List<double[]>();
        var y = new List<bool>();
        for (var i = 0; i < 20_000; i++)
        {
            double x1 = normal.Sample(), x2 = normal.Sample();
            var p = LogisticRegression.Sigmoid(-0.5 + (1.0 * x1) - (2.0 * x2));
            x.Add([x1, x2]);
            y.Add(random.NextDouble() < p);
        }

        var fit = LogisticRegression.Fit(x, y, lambda: 0);

        Assert.True(fit.Converged);
        Assert.Equal(-0.5, fit.Intercept, 0.08);
        Assert.Equal(1.0, fit.Coefficients[0], 0.08);
        Assert.Equal(-2.0, fit.Coefficients[1], 0.1);
    }

    [Fact]
    public void Fit_PerfectlySeparableWithPenalty_FiniteAndSeparating()
    {
        double[][] x = [[-2], [-1], [-0.5], [0.5], [1], [2]];
        bool[] y = [false, false, false, true, true, true];

        var fit = LogisticRegression.Fit(x, y, lambda: 1);

        Assert.True(fit.Converged);
        Assert.True(double.IsFinite(fit.Coefficients[0]) && fit.Coefficients[0] > 0);
        Assert.Equal(1.0, ClassificationMetrics.Auc(x.Select(r => fit.Probability(r)).ToList(), y));
    }

    [Fact]
    public void Fit_StrongerPenalty_ShrinksCoefficientsButNotIntercept()
    {
        double[][] x = [[0], [1], [2], [3], [4], [5], [6], [7]];
        bool[] y = [false, false, true, false, true, false, true, true];

        var weak = LogisticRegression.Fit(x, y, lambda: 0.01);
        var strong = LogisticRegression.Fit(x, y, lambda: 1000);

        Assert.True(Math.Abs(strong.Coefficients[0]) < Math.Abs(weak.Coefficients[0]) / 10);
        // With the slope near 0 the unpenalised intercept matches the base rate 4/8 over x̄ = 3.5.
        Assert.Equal(0.5, LogisticRegression.Sigmoid(strong.Intercept + (strong.Coefficients[0] * 3.5)), 0.01);
    }

    [Fact]
    public void Fit_MismatchedInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit([[1.0]], [true, false], 1));
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit([[1.0], [double.NaN]], [true, false], 1));
    }
}
