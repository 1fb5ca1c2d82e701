using Rapport.Analytics.Survey;

namespace Rapport.Analytics.Tests.Survey;

public class CompetitorAnalysisTests
{
    private static RespondentAnswers Naming(string id, string phase, string? competitor, double relative)
    {
        var r = new RespondentAnswers(id);
        r.RecordText("CMP_NAME", competitor, phase);
        r.Record("CMP_REL", relative, phase);
        return r;
    }

    [Fact]
    public void ByPhase_Mentions_TalliesWorseSameBetterAndMean()
    {
        var respondents = new[]
        {
            Naming("1", "offer", "Rival", 1),
            Naming("2", "offer", "rival ", 2),
            Naming("3", "offer", "Rival", 3),
            Naming("4", "offer", "Rival", 5),
            Naming("5", "offer", "Rival", double.NaN),
            Naming("6", "offer", "Other", 4),
            Naming("7", "offer", null, 1),
            Naming("8", "delivery", "Other", 3),
        };

        var result = CompetitorAnalysis.ByPhase(respondents, ["offer", "delivery", "operation"]);

        Assert.Equal(["offer", "delivery", "operation"], result.Select(p => p.Phase));
        var rival = result[0].Competitors[0];
        Assert.Equal(new CompetitorTally("Rival", 5, 2, 1, 1, 2.75), rival);
        Assert.Equal(new CompetitorTally("Other", 1, 0, 0, 1, 4), result[0].Competitors[1]);
        Assert.Equal(new CompetitorTally("Other", 1, 0, 1, 0, 3), result[1].Competitors.Single());
        Assert.Empty(result[2].Competitors);
    }

    [Fact]
    public void ByPhase_AnonymityOn_WithholdsDistributionOfRareCompetitors()
    {
        var result = CompetitorAnalysis.ByPhase([Naming("1", "offer", "Rival", 2)], ["offer"], minGroupSize: 5);

        var rival = result[0].Competitors.Single();
        Assert.Equal(1, rival.Mentions);
        Assert.Null(rival.Worse);
        Assert.True(double.IsNaN(rival.MeanRelative));
    }
}
