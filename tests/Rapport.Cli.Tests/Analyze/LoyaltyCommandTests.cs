using System.Text.Json;

namespace Rapport.Cli.Tests.Analyze;

public sealed class LoyaltyCommandTests : SurveyCliTestBase
{
    private const string Header =
        "id,supplier,LOY_REPURCHASE,LOY_RECOMMEND,LOY_FIRSTCHOICE,LOY_CROSSBUY," +
        "MOT_ATT_1,MOT_ATT_2,MOT_ATT_3,MOT_ATT_4,MOT_CAL_1,MOT_CAL_2,MOT_CAL_3,MOT_LCK_1,MOT_LCK_2,MOT_LCK_3,MOT_LCK_4\n";

    // Supplier A is held by attachment, supplier B by lock-in; both have loyalty index 65.
    private const string Rows =
        "1,A,4,8,1,2,5,5,5,5,2,2,2,1,1,1,1\n" +
        "2,A,4,9,0,4,4,4,4,4,3,3,3,2,2,2,2\n" +
        "3,B,5,3,,,1,1,1,1,2,2,2,5,5,5,5\n" +
        "4,B,2,7,1,,2,2,2,2,2,2,2,4,4,4,4\n";

    [Fact]
    public async Task Loyalty_GroupedJson_ShowsSameIndexDifferentMakeUp()
    {
        var path = WriteCsv("responses.csv", Header + Rows);

        var json = await RunJsonAsync("analyze", "loyalty", "--input", path, "--group-by", "supplier");

        foreach (var field in new[] { "n", "loyaltyIndex", "firstChoiceRate", "recommendationRate", "components", "captive" })
        {
            Assert.True(json.TryGetProperty(field, out _), field);
        }
        Assert.Equal(4, json.GetProperty("n").GetInt32());
        Assert.Equal(65, json.GetProperty("loyaltyIndex").GetDouble(), 1e-9);
        var groups = json.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        var a = groups["A"];
        var b = groups["B"];
        Assert.Equal(65, a.GetProperty("loyaltyIndex").GetDouble(), 1e-9);
        Assert.Equal(65, b.GetProperty("loyaltyIndex").GetDouble(), 1e-9);
        Assert.Equal(43, a.GetProperty("components").GetProperty("attachment").GetDouble(), 1e-9);
        Assert.Equal(17, a.GetProperty("components").GetProperty("calculative").GetDouble(), 1e-9);
        Assert.Equal(5, a.GetProperty("components").GetProperty("lockIn").GetDouble(), 1e-9);
        Assert.False(a.GetProperty("captive").GetBoolean());
        Assert.Equal(45.5, b.GetProperty("components").GetProperty("lockIn").GetDouble(), 1e-9);
        Assert.True(b.GetProperty("captive").GetBoolean());
        Assert.Equal(0.5, a.GetProperty("firstChoiceRate").GetDouble(), 1e-12);
        Assert.Equal(1.0, b.GetProperty("firstChoiceRate").GetDouble(), 1e-12);
        Assert.Equal(0.5, a.GetProperty("recommendationRate").GetDouble(), 1e-12);
        Assert.Equal(0.0, b.GetProperty("recommendationRate").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task Loyalty_HumanOutput_FlagsCaptiveGroup()
    {
        var path = WriteCsv("responses.csv", Header + Rows);

        var (code, output, _) = await RunAsync("analyze", "loyalty", "--input", path, "--group-by", "supplier");

        Assert.Equal(0, code);
        var lineB = output.Split('\n').Single(l => l.Contains(" B "));
        Assert.Contains("yes", lineB);
        Assert.Contains("45.5", lineB);
    }

    [Fact]
    public async Task Loyalty_NoLoyaltyColumns_ExitsTwo()
    {
        var path = WriteCsv("responses.csv", "id,MOT_ATT_1\n1,4\n");

        var (code, _, error) = await RunAsync("analyze", "loyalty", "--input", path);

        Assert.Equal(2, code);
        Assert.Contains("LOY_RECOMMEND", error);
    }

    [Fact]
    public async Task Loyalty_AnswerOutsideScale_ExitsTwoNamingRowAndColumn()
    {
        var path = WriteCsv("responses.csv", Header + Rows.Replace("4,B,2,7,1", "4,B,2,7,3"));

        var (code, _, error) = await RunAsync("analyze", "loyalty", "--input", path);

        Assert.Equal(2, code);
        Assert.Contains("row 5, column 'LOY_FIRSTCHOICE'", error);
    }

    [Fact]
    public async Task Loyalty_MissingGroupColumn_ExitsTwoNamingColumn()
    {
        var path = WriteCsv("responses.csv", Header + Rows);

        var (code, _, error) = await RunAsync("analyze", "loyalty", "--input", path, "--group-by", "segment");

        Assert.Equal(2, code);
        Assert.Contains("column 'segment'", error);
    }
}
