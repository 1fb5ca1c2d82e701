using Rapport.Analytics.Clv;

namespace Rapport.Analytics.Tests.Clv;

public sealed class HypergeometricTests
{
    // ln 2F1 computed with mpmath (40 digits): the BG/NBD and Pareto/NBD argument patterns at CDNOW's estimates,
    // 200 repeat purchases, z close to 1, and c − a − b at or near an integer (where the 1 − z transformation is singular).
    [Theory]
    [InlineData(0.2425947, 2.4259031, 2.2188243, 0.18471974956878562, 0.054494817789183815)]
    [InlineData(0.2425947, 2.4259031, 2.2188243, 0.9464456599079806, 0.86999426775161567)]
    [InlineData(2.2425947, 4.4259031, 4.2188243, 0.47404454598786544, 1.5205209942151439)]
    [InlineData(200.5, 202.4, 202.2, 0.5, 139.11379578460244)]
    [InlineData(200.5, 202.4, 202.2, 0.97, 703.76452908919158)]
    [InlineData(0.5, 0.7, 1.2, 0.999, 1.271871930970248)]
    [InlineData(0.5, 0.7, 2.2, 0.9999, 0.31322893335283235)]
    [InlineData(1.5, 2.5, 2.0, 0.995, 10.433971763558652)]
    [InlineData(0.3, 0.4, 1.7000001, 0.99, 0.12629453054675261)]
    [InlineData(3.1595, 1.6061999999999999, 4.1594999999999995, 0.9, 2.4275353559467325)]
    [InlineData(201.1595, 200.5533, 202.1595, 0.99, 918.9848435449312)]
    [InlineData(201.1595, 1.6061999999999999, 202.1595, 0.999, 9.3931251415817993)]
    [InlineData(5.0, 3.0, 1.5, 0.95, 21.094284020012845)]
    [InlineData(1.0, 1.0, 2.0, 0.9999999, 2.7799426943359303)]
    [InlineData(0.01, 50.0, 0.5, 0.3, 12.337250877668841)]
    [InlineData(30.0, 0.5, 1.0, 0.6, 25.031664943566011)]
    [InlineData(0.001, 0.001, 0.001, 0.99, 0.0046051701859880906)]
    public void Log2F1_ReferenceCases_MatchMpmath(double a, double b, double c, double z, double expected)
    {
        var actual = Hypergeometric.Log2F1(a, b, c, z);
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"ln 2F1 = {actual}, expected {expected}");
    }

    [Fact]
    public void Log2F1_ClosedForms_Agree()
    {
        // 2F1(1, 1; 2; z) = −ln(1 − z)/z and 2F1(a, b; b; z) = (1 − z)^−a across the whole range of z.
        foreach (var z in new[] { 1e-3, 0.1, 0.5, 0.8, 0.95, 0.999, 0.999999 })
        {
            Assert.Equal(Math.Log(-Math.Log(1 - z) / z), Hypergeometric.Log2F1(1, 1, 2, z), 1e-10);
            Assert.Equal(-2.7 * Math.Log(1 - z), Hypergeometric.Log2F1(2.7, 0.4, 0.4, z), 1e-9);
        }
    }

    [Fact]
    public void Log2F1_OutsideDomain_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Log2F1(1, 1, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Log2F1(1, 1, 2, -0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Log2F1(1, 1, -2, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Log2F1(double.NaN, 1, 2, 0.5));
    }

    [Theory]
    // mpmath at 30 digits: BG/NBD with r 0.24, α 4.4, b 2.4 around the a = 1 singularity of (a+b−1)/(a−1) [1 − … ₂F₁].
    [InlineData(0.9997, 1.0709497566303315, 1.1221306657459041)]
    [InlineData(1.00005, 1.0707851582165848, 1.1219355873899381)]
    public void BgNbdExpectations_NearAEqualsOne_MatchMpmath(double a, double unconditional, double conditional)
    {
        var model = new BgNbdModel(0.24, 4.4, a, 2.4);

        Assert.Equal(unconditional, model.ExpectedTransactions(39), 1e-8);
        Assert.Equal(conditional, model.ConditionalExpectedTransactions(new PurchaseHistory(2, 30, 38), 39), 1e-8);
    }
}
