using Rapport.Analytics.Survey;

namespace Rapport.Analytics.Tests.Survey;

public class RelationshipQualityTests
{
    [Fact]
    public void Compute_TwoRespondents_RescalesEachDimensionAndAveragesThem()
    {
        var first = new Dictionary<string, double>
        {
            ["RQ_SAT_1"] = 5, ["RQ_SAT_2"] = 4, // 100, 75 → 87.5
            ["RQ_TRU_1"] = 3, ["RQ_TRU_2"] = 3, ["RQ_TRU_3"] = 5, // 50, 50, 100 → 66.67
            ["RQ_COM_1"] = 2, // 25
        };
        var second = new Dictionary<string, double>
        {
            ["RQ_SAT_1"] = 1, // 0
            ["RQ_TRU_1"] = double.NaN,
            ["RQ_COM_1"] = 4, ["RQ_COM_2"] = 5, // 75, 100 → 87.5
        };

        var result = RelationshipQuality.Compute([first, second]);

        Assert.Equal((2, 2, 1, 2), (result.Respondents, result.SatisfactionN, result.TrustN, result.CommitmentN));
        Assert.Equal(43.75, result.Satisfaction, 1e-12);
        Assert.Equal(200.0 / 3, result.Trust, 1e-12);
        Assert.Equal(56.25, result.Commitment, 1e-12);
        Assert.Equal((43.75 + 200.0 / 3 + 56.25) / 3, result.Index, 1e-12);
    }

    [Fact]
    public void Respondent_DimensionUnanswered_IndexIsNaN()
    {
        var quality = RelationshipQuality.Respondent(new Dictionary<string, double> { ["RQ_SAT_1"] = 3, ["RQ_TRU_2"] = 4 });

        Assert.Equal(50, quality.Satisfaction);
        Assert.Equal(75, quality.Trust);
        Assert.True(double.IsNaN(quality.Commitment));
        Assert.True(double.IsNaN(quality.Index));
    }

    [Fact]
    public void Respondent_SatisfactionOutsideS5_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            RelationshipQuality.Respondent(new Dictionary<string, double> { ["RQ_SAT_2"] = 6 }));

        Assert.Contains("RQ_SAT_2", ex.Message);
    }
}
