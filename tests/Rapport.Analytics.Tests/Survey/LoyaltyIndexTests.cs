using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Survey;

namespace Rapport.Analytics.Tests.Survey;

public class LoyaltyIndexTests
{
    internal static Dictionary<string, double> Respondent(
        double? repurchase = null, double? recommend = null, double? firstChoice = null, double? crossBuy = null,
        double? attachment = null, double? calculative = null, double? lockIn = null)
    {
        var items = new Dictionary<string, double>();
        void Set(string code, double? value)
        {
            if (value is { } v)
            {
                items[code] = v;
            }
        }
        Set(ItemCodes.LoyRepurchase, repurchase);
        Set(ItemCodes.LoyRecommend, recommend);
        Set(ItemCodes.LoyFirstChoice, firstChoice);
        Set(ItemCodes.LoyCrossBuy, crossBuy);
        foreach (var code in ItemCodes.AttachmentItems)
        {
            Set(code, attachment);
        }
        foreach (var code in ItemCodes.CalculativeItems)
        {
            Set(code, calculative);
        }
        foreach (var code in ItemCodes.LockInItems)
        {
            Set(code, lockIn);
        }
        return items;
    }

    // Held by attachment: L = 70 (75, 80, 100, 25) with shares .8/.2/0 and L = 60 (75, 90, 0, 75) with shares 1/2, 1/3, 1/6.
    private static readonly Dictionary<string, double>[] Convinced =
    [
        Respondent(repurchase: 4, recommend: 8, firstChoice: 1, crossBuy: 2, attachment: 5, calculative: 2, lockIn: 1),
        Respondent(repurchase: 4, recommend: 9, firstChoice: 0, crossBuy: 4, attachment: 4, calculative: 3, lockIn: 2),
    ];

    // Held by lock-in: L = 65 (100, 30) with shares 0/.2/.8 and L = 65 (25, 70, 100) with shares .2/.2/.6.
    private static readonly Dictionary<string, double>[] Captive =
    [
        Respondent(repurchase: 5, recommend: 3, attachment: 1, calculative: 2, lockIn: 5),
        Respondent(repurchase: 2, recommend: 7, firstChoice: 1, attachment: 2, calculative: 2, lockIn: 4),
    ];

    [Fact]
    public void Compute_TwoGroupsWithEqualIndex_DifferInMakeUpAndCaptiveFlag()
    {
        var convinced = LoyaltyIndex.Compute(Convinced);
        var captive = LoyaltyIndex.Compute(Captive);

        Assert.Equal(65, convinced.LoyaltyIndex, 1e-12);
        Assert.Equal(65, captive.LoyaltyIndex, 1e-12);

        Assert.Equal(43, convinced.Components.Attachment, 1e-12);
        Assert.Equal(17, convinced.Components.Calculative, 1e-12);
        Assert.Equal(5, convinced.Components.LockIn, 1e-12);
        Assert.False(convinced.Captive);

        Assert.Equal(6.5, captive.Components.Attachment, 1e-12);
        Assert.Equal(13, captive.Components.Calculative, 1e-12);
        Assert.Equal(45.5, captive.Components.LockIn, 1e-12);
        Assert.True(captive.Captive);
    }

    [Fact]
    public void Compute_Rates_UseTheRespondentsWhoAnsweredEachItem()
    {
        var convinced = LoyaltyIndex.Compute(Convinced);
        var captive = LoyaltyIndex.Compute(Captive);

        Assert.Equal((2, 0.5), (convinced.FirstChoiceN, convinced.FirstChoiceRate));
        Assert.Equal((2, 0.5), (convinced.RecommendationN, convinced.RecommendationRate));
        Assert.Equal((1, 1.0), (captive.FirstChoiceN, captive.FirstChoiceRate));
        Assert.Equal((2, 0.0), (captive.RecommendationN, captive.RecommendationRate));
    }

    [Fact]
    public void Compute_RespondentWithoutMotives_CountsInIndexButNotInComponents()
    {
        var group = Captive.Append(Respondent(repurchase: 5, recommend: 6)).ToList();

        var result = LoyaltyIndex.Compute(group);

        Assert.Equal(3, result.N);
        Assert.Equal(70, result.LoyaltyIndex, 1e-12);
        Assert.Equal(2, result.DecompositionN);
        Assert.Equal(65, result.DecompositionIndex, 1e-12);
        Assert.Equal(65, result.Components.Total, 1e-12);
    }

    [Fact]
    public void Compute_MotivesAllAtLowestAnswer_ExcludesRespondentFromDecomposition()
    {
        var result = LoyaltyIndex.Compute([Respondent(recommend: 10, attachment: 1, calculative: 1, lockIn: 1)]);

        Assert.Equal(1, result.N);
        Assert.Equal(100, result.LoyaltyIndex);
        Assert.Equal(0, result.DecompositionN);
        Assert.True(double.IsNaN(result.Components.Attachment));
        Assert.Null(result.Captive);
    }

    [Fact]
    public void Compute_OneMotiveUnanswered_ExcludesRespondentFromDecomposition()
    {
        var result = LoyaltyIndex.Compute([Respondent(recommend: 10, attachment: 4, calculative: 3)]);

        Assert.Equal(0, result.DecompositionN);
    }

    [Fact]
    public void Compute_NoLoyaltyItemAnswered_RespondentHasNoScore()
    {
        var result = LoyaltyIndex.Compute([Respondent(attachment: 4, calculative: 3, lockIn: 2), Respondent(crossBuy: 5)]);

        Assert.Equal(2, result.Respondents);
        Assert.Equal(1, result.N);
        Assert.Equal(100, result.LoyaltyIndex);
        Assert.Equal(0, result.RecommendationN);
        Assert.True(double.IsNaN(result.RecommendationRate));
    }

    [Fact]
    public void Respondent_PartlyAnsweredMotive_UsesMeanOfAnsweredItemsShifted()
    {
        var items = new Dictionary<string, double> { ["MOT_ATT_1"] = 5, ["MOT_ATT_3"] = 2, ["MOT_ATT_4"] = double.NaN };

        var loyalty = LoyaltyIndex.Respondent(items);

        Assert.Equal(2.5, loyalty.Attachment);
        Assert.True(double.IsNaN(loyalty.Score));
    }

    [Theory]
    [InlineData("LOY_RECOMMEND", 11)]
    [InlineData("LOY_FIRSTCHOICE", 2)]
    [InlineData("LOY_REPURCHASE", 0)]
    [InlineData("MOT_LCK_2", 3.5)]
    public void Respondent_AnswerOutsideScale_ThrowsNamingItem(string code, double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LoyaltyIndex.Respondent(new Dictionary<string, double> { [code] = value }));

        Assert.Contains(code, ex.Message);
    }

    [Fact]
    public void Compute_RandomRespondents_ComponentsSumToIndexOfDecomposedRespondents()
    {
        var answer = (int min, int max) => Gen.Choose(min - 1, max).Select(v => v < min ? (double?)null : v);
        var respondent =
            from repurchase in answer(1, 5)
            from recommend in answer(0, 10)
            from firstChoice in answer(0, 1)
            from attachment in answer(1, 5)
            from calculative in answer(1, 5)
            from lockIn in answer(1, 5)
            select Respondent(repurchase, recommend, firstChoice, null, attachment, calculative, lockIn);
        var property = Prop.ForAll(respondent.ArrayOf().ToArbitrary(), group =>
        {
            var r = LoyaltyIndex.Compute(group);
            var decomposed = group.Select(LoyaltyIndex.Respondent).Where(x => !double.IsNaN(x.Score) && x.HasShares).ToList();
            if (r.DecompositionN == 0)
            {
                return decomposed.Count == 0 && r.Captive is null;
            }
            var allDecomposed = r.DecompositionN == r.N;
            return Math.Abs(r.Components.Total - r.DecompositionIndex) < 1e-9
                && Math.Abs(r.DecompositionIndex - decomposed.Average(x => x.Score)) < 1e-9
                && (!allDecomposed || Math.Abs(r.Components.Total - r.LoyaltyIndex) < 1e-9)
                && r.LoyaltyIndex is >= 0 and <= 100
                && r.Captive == r.Components.LockIn > r.Components.Attachment;
        });
        Check.QuickThrowOnFailure(property);
    }
}
