using Rapport.Analytics.Survey;

namespace Rapport.Analytics.Tests.Survey;

public class RespondentAnswersTests
{
    [Fact]
    public void Record_LongFormatRows_RouteToItemsPhasesAndTouchpoints()
    {
        var answers = new RespondentAnswers("r1");

        answers.Record("LOY_RECOMMEND", 9);
        answers.Record("PH_INVOLVED", 1, phase: "delivery");
        answers.Record("PH_SAT", 4, phase: "delivery");
        answers.Record("TP_CONTACT", 1, phase: "delivery", touchpoint: "logistics");
        answers.Record("TP_SAT", 5, phase: "delivery", touchpoint: "logistics");
        answers.Record("TP_MAIN", 1, phase: "delivery", touchpoint: "logistics");
        answers.Record("CMP_REL", 2, phase: "delivery");
        answers.RecordText("CMP_NAME", " Rival GmbH ", phase: "delivery");
        answers.RecordText("OPEN_IMPROVE", "faster quotes");

        Assert.Equal(9, answers["LOY_RECOMMEND"]);
        Assert.True(double.IsNaN(answers["LOY_REPURCHASE"]));
        var phase = answers.Phases["delivery"];
        Assert.True(phase.IsInvolved);
        Assert.Equal(4, phase.Satisfaction);
        Assert.Equal("Rival GmbH", phase.CompetitorName);
        Assert.Equal(2, phase.CompetitorRelative);
        var touchpoint = phase.Touchpoints["logistics"];
        Assert.True(touchpoint.HadContact);
        Assert.True(touchpoint.IsMainContact);
        Assert.Equal(5, touchpoint.Satisfaction);
        Assert.Equal("faster quotes", answers.Texts["OPEN_IMPROVE"]);
    }

    [Fact]
    public void IsInvolved_WithoutInvolvementAnswer_FollowsPhaseAnswers()
    {
        var answers = new RespondentAnswers("r1");
        answers.Record("TP_SAT", 3, phase: "order", touchpoint: "sales");
        answers.Phase("offer");

        Assert.True(answers.Phases["order"].IsInvolved);
        Assert.True(answers.Phases["order"].Touchpoints["sales"].HadContact);
        Assert.False(answers.Phases["offer"].IsInvolved);
    }

    [Theory]
    [InlineData("TP_SAT", null, null)]
    [InlineData("TP_SAT", "order", null)]
    [InlineData("PH_SAT", null, null)]
    [InlineData("LOY_RECOMMEND", "order", null)]
    public void Record_MissingOrUnexpectedKeys_Throws(string code, string? phase, string? touchpoint)
    {
        var answers = new RespondentAnswers("r1");

        var ex = Assert.Throws<ArgumentException>(() => answers.Record(code, 3, phase, touchpoint));

        Assert.Contains(code, ex.Message);
    }

    [Fact]
    public void Record_ValueOutsideScale_ThrowsNamingItem()
    {
        var answers = new RespondentAnswers("r1");

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => answers.Record("TP_CONTACT", 2, "order", "sales"));

        Assert.Contains("TP_CONTACT", ex.Message);
    }
}
