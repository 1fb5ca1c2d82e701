using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Survey;

namespace Rapport.Analytics.Tests.Survey;

public class NetPromoterScoreTests
{
    private static double[] Answers(int promoters, int passives, int detractors) =>
    [
        .. Enumerable.Range(0, promoters).Select(i => 9.0 + i % 2),
        .. Enumerable.Range(0, passives).Select(i => 7.0 + i % 2),
        .. Enumerable.Range(0, detractors).Select(i => (double)(i % 7)),
    ];

    [Fact]
    public void Compute_FortyAnswers_UsesWaldByHand()
    {
        // p = 20/40, d = 8/40: NPS = 30, SE = 100·√((0.7 − 0.09)/40) = 12.349089
        var result = NetPromoterScore.Compute(Answers(20, 12, 8));

        Assert.Equal(NpsIntervalMethod.Wald, result.Interval);
        Assert.Equal((40, 20, 12, 8), (result.N, result.Promoters, result.Passives, result.Detractors));
        Assert.Equal(30.0, result.Nps, 1e-12);
        Assert.Equal(12.349089035, result.StandardError, 1e-8);
        Assert.Equal(5.796230058, result.CiLow, 1e-8);
        Assert.Equal(54.203769942, result.CiHigh, 1e-8);
        Assert.Equal(0.5, result.RecommendationRate);
    }

    [Fact]
    public void Compute_TenAnswers_UsesAdjustedWaldByHand()
    {
        // n+3 = 13, P = 6.75, D = 2.75: NPS_adj = 30.769231, SE_adj = 22.120208; reported NPS stays 40.
        var result = NetPromoterScore.Compute(Answers(6, 2, 2));

        Assert.Equal(NpsIntervalMethod.AdjustedWald, result.Interval);
        Assert.Equal(40.0, result.Nps, 1e-12);
        Assert.Equal(22.120207861, result.StandardError, 1e-8);
        Assert.Equal(-12.585580311, result.CiLow, 1e-8);
        Assert.Equal(74.124041849, result.CiHigh, 1e-8);
        Assert.Equal(0.6, result.RecommendationRate);
    }

    [Fact]
    public void Compute_TenAnswersWithWaldForced_UsesUnadjustedCounts()
    {
        var result = NetPromoterScore.Compute(Answers(6, 2, 2), NpsIntervalMethod.Wald);

        Assert.Equal(NpsIntervalMethod.Wald, result.Interval);
        Assert.Equal(25.298221281, result.StandardError, 1e-8);
        Assert.Equal(-9.583602975, result.CiLow, 1e-8);
        Assert.Equal(89.583602975, result.CiHigh, 1e-8);
    }

    [Fact]
    public void Compute_FortyAnswersWithAdjustedWaldForced_UsesAdjustedCounts()
    {
        var result = NetPromoterScore.Compute(Answers(20, 12, 8), NpsIntervalMethod.AdjustedWald);

        Assert.Equal(NpsIntervalMethod.AdjustedWald, result.Interval);
        Assert.Equal(30.0, result.Nps, 1e-12);
        var p = 20.75 / 43;
        var d = 8.75 / 43;
        Assert.Equal(100 * Math.Sqrt((p + d - (p - d) * (p - d)) / 43), result.StandardError, 1e-10);
        Assert.Equal(100 * (p - d) - NetPromoterScore.Z95 * result.StandardError, result.CiLow, 1e-10);
    }

    [Theory]
    [InlineData(29, NpsIntervalMethod.AdjustedWald)]
    [InlineData(30, NpsIntervalMethod.Wald)]
    public void Compute_Auto_SwitchesAtThirtyAnswers(int n, NpsIntervalMethod expected)
    {
        var result = NetPromoterScore.Compute(Enumerable.Repeat(8.0, n).ToArray());

        Assert.Equal(expected, result.Interval);
    }

    [Fact]
    public void Compute_AllDetractorsSmallSample_TruncatesBoundAtMinus100()
    {
        var result = NetPromoterScore.Compute(Answers(0, 0, 11));

        Assert.Equal(-100, result.Nps);
        Assert.Equal(-100, result.CiLow);
        Assert.Equal(-51.076479420, result.CiHigh, 1e-8);
        Assert.Equal(14.028292944, result.StandardError, 1e-8);
    }

    [Fact]
    public void Compute_UnansweredValues_AreSkipped()
    {
        var result = NetPromoterScore.Compute([10, double.NaN, 3, double.NaN]);

        Assert.Equal(2, result.N);
        Assert.Equal(0, result.Nps);
    }

    [Fact]
    public void Compute_NoAnswers_GivesNaNFigures()
    {
        var result = NetPromoterScore.Compute([double.NaN]);

        Assert.Equal(0, result.N);
        Assert.True(double.IsNaN(result.Nps));
        Assert.True(double.IsNaN(result.CiLow));
        Assert.True(double.IsNaN(result.RecommendationRate));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(-1)]
    [InlineData(7.5)]
    [InlineData(double.PositiveInfinity)]
    public void Compute_InvalidAnswer_Throws(double answer)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NetPromoterScore.Compute([8, answer]));
    }

    [Theory]
    [InlineData(0, NpsCategory.Detractor)]
    [InlineData(6, NpsCategory.Detractor)]
    [InlineData(7, NpsCategory.Passive)]
    [InlineData(8, NpsCategory.Passive)]
    [InlineData(9, NpsCategory.Promoter)]
    [InlineData(10, NpsCategory.Promoter)]
    public void Classify_Boundaries_FollowSpec(double answer, NpsCategory expected)
    {
        Assert.Equal(expected, NetPromoterScore.Classify(answer));
    }

    [Fact]
    public void Compute_OtherConfidenceLevel_UsesNormalQuantile()
    {
        var result = NetPromoterScore.Compute(Answers(20, 12, 8), NpsIntervalMethod.Wald, 0.90);

        Assert.Equal(30 - 1.6448536269514722 * result.StandardError, result.CiLow, 1e-9);
    }

    [Fact]
    public void Compute_RandomAnswers_ScoreInRangeAndInsideItsInterval()
    {
        var gen = Gen.Choose(0, 10).Select(x => (double)x).ArrayOf()
            .Where(a => a.Length >= 2)
            .SelectMany(_ => Gen.Elements(NpsIntervalMethod.Auto, NpsIntervalMethod.Wald, NpsIntervalMethod.AdjustedWald), (a, m) => (a, m));
        var property = Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var r = NetPromoterScore.Compute(t.a, t.m);
            var p = t.a.Count(x => x >= 9) / (double)t.a.Length;
            var d = t.a.Count(x => x <= 6) / (double)t.a.Length;
            return r.Nps is >= -100 and <= 100
                && r.CiLow <= r.Nps && r.Nps <= r.CiHigh
                && r.CiLow >= -100 && r.CiHigh <= 100
                && Math.Abs(r.Nps - 100 * (p - d)) < 1e-9
                && r.N == t.a.Length;
        });
        Check.QuickThrowOnFailure(property);
    }
}
