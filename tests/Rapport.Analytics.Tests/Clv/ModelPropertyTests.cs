using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Clv;

namespace Rapport.Analytics.Tests.Clv;

/// <summary>Properties that must hold for any parameters and histories, including extreme ones.</summary>
public sealed class ModelPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(200);

    /// <summary>Log-uniform on [10^lo, 10^hi].</summary>
    private static Gen<double> LogUniform(double lo, double hi) =>
        Gen.Choose(0, 1_000_000).Select(i => Math.Pow(10, lo + ((hi - lo) * i / 1_000_000.0)));

    private static readonly Gen<double[]> Parameters = Gen.ArrayOf(LogUniform(-2, 2), 4);

    /// <summary>x up to 200, T from 10⁻⁶ to 10³ time units, t_x anywhere in [0, T] (including exactly 0 and exactly T).</summary>
    private static readonly Gen<PurchaseHistory> Histories =
        from x in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 20)), (1, Gen.Choose(150, 200)))
        from t in LogUniform(-6, 3)
        from f in Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(1.0)), (4, Gen.Choose(0, 1000).Select(i => i / 1000.0)))
        select new PurchaseHistory(x, x == 0 ? 0 : f * t, t);

    private static readonly Gen<(double[] P, PurchaseHistory H)> Cases = Parameters.Zip(Histories);

    private static void Holds(Func<double[], PurchaseHistory, bool> property) =>
        Check.One(Quick, Prop.ForAll(Cases.ToArbitrary(), c => property(c.P, c.H)));

    private static IRepeatTransactionModel[] Models(double[] p) =>
        [new BgNbdModel(p[0], p[1], p[2], p[3]), new ParetoNbdModel(p[0], p[1], p[2], p[3])];

    [Fact]
    public void LogLikelihood_ExtremeInputs_IsFiniteAndAtMostZero() =>
        Holds((p, h) => Models(p).All(m => m.LogLikelihood(h) is var ll && double.IsFinite(ll) && ll <= 1e-9 + (h.X == 0 ? 0 : double.PositiveInfinity)));

    [Fact]
    public void ProbabilityAlive_AnyHistory_IsAProbability() =>
        Holds((p, h) => Models(p).All(m => m.ProbabilityAlive(h) is var pa && pa >= 0 && pa <= 1));

    [Fact]
    public void ConditionalExpectedTransactions_AnyHistory_IsNonNegativeAndIncreasing() =>
        Holds((p, h) => Models(p).All(m =>
        {
            var previous = 0.0;
            foreach (var t in new[] { 1e-3, 0.5, 1, 10, 52, 500 })
            {
                var e = m.ConditionalExpectedTransactions(h, t);
                if (!double.IsFinite(e) || e < previous * (1 - 1e-9))
                {
                    return false;
                }
                previous = e;
            }
            // Not strictly positive: a history like 159 purchases long ago makes P(alive) underflow to 0.
            return previous >= 0;
        }));

    [Fact]
    public void ExpectedTransactions_AnyParameters_IsNonNegativeAndIncreasing() =>
        Holds((p, _) => Models(p).All(m =>
            m.ExpectedTransactions(0) == 0
            && m.ExpectedTransactions(1) > 0
            // Weakly: with fast dropout the expectation saturates to the last digit.
            && m.ExpectedTransactions(10) >= m.ExpectedTransactions(1)
            && m.ExpectedTransactions(1000) >= m.ExpectedTransactions(10)
            && double.IsFinite(m.ExpectedTransactions(1000))));

    private static readonly Gen<(double[] P, PurchaseHistory H)> DiscreteCases =
        from p in Parameters
        from n in Gen.Frequency((3, Gen.Choose(0, 12)), (1, Gen.Choose(150, 300)))
        from tx in Gen.Choose(0, n)
        from x in tx == 0 ? Gen.Constant(0) : Gen.Choose(1, tx)
        select (p, new PurchaseHistory(x, tx, n));

    [Fact]
    public void BgBb_ExtremeInputs_LikelihoodFiniteAndPredictionsValid() =>
        Check.One(Quick, Prop.ForAll(DiscreteCases.ToArbitrary(), c =>
        {
            var m = new BgBbModel(c.P[0], c.P[1], c.P[2], c.P[3]);
            var ll = m.LogLikelihood(c.H);
            var pa = m.ProbabilityAlive(c.H);
            var e1 = m.ConditionalExpectedTransactions(c.H, 1);
            var e10 = m.ConditionalExpectedTransactions(c.H, 10);
            return double.IsFinite(ll) && ll <= 1e-9 && pa >= 0 && pa <= 1 && e1 >= 0 && e10 >= e1 && e10 <= 10;
        }));

    [Fact]
    public void GammaGamma_ExtremeSpend_LikelihoodFiniteAndExpectedSpendBetweenMeans() =>
        Check.One(Quick, Prop.ForAll(
            (from p in Gen.ArrayOf(LogUniform(-2, 2), 3)
             from x in Gen.Frequency((3, Gen.Choose(1, 10)), (1, Gen.Choose(150, 200)))
             from z in LogUniform(-6, 12)
             select (p, x, z)).ToArbitrary(),
            c =>
            {
                var m = new GammaGammaModel(c.p[0], c.p[1] + 1, c.p[2]);
                var ll = m.LogLikelihood(new SpendHistory(c.x, c.z));
                var e = m.ExpectedSpend(c.x, c.z);
                var lo = Math.Min(m.MeanSpend, c.z) * (1 - 1e-9);
                var hi = Math.Max(m.MeanSpend, c.z) * (1 + 1e-9);
                return double.IsFinite(ll) && e >= lo && e <= hi;
            }));
}
