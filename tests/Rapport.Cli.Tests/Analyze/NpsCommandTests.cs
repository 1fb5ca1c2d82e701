using System.Text.Json;

namespace Rapport.Cli.Tests.Analyze;

public sealed class NpsCommandTests : SurveyCliTestBase
{
    // Region north: 6 promoters, 2 passives, 2 detractors (n = 10, adjusted-Wald); south: 2 promoters, 2 detractors.
    private const string Responses =
        "respondent,region,LOY_RECOMMEND\n" +
        "1,north,10\n2,north,9\n3,north,9\n4,north,10\n5,north,9\n6,north,10\n7,north,7\n8,north,8\n9,north,3\n10,north,6\n" +
        "11,south,9\n12,south,10\n13,south,0\n14,south,5\n15,south,\n";

    [Fact]
    public async Task Nps_GroupedJson_HasSpecFieldsAndHandComputedValues()
    {
        var path = WriteCsv("nps.csv", Responses);

        var json = await RunJsonAsync("analyze", "nps", "--input", path, "--column", "LOY_RECOMMEND", "--group-by", "region");

        foreach (var field in new[] { "n", "promoters", "passives", "detractors", "nps", "standardError", "ciLow", "ciHigh" })
        {
            Assert.True(json.TryGetProperty(field, out _), field);
        }
        Assert.Equal(14, json.GetProperty("n").GetInt32());
        Assert.Equal(8, json.GetProperty("promoters").GetInt32());
        var groups = json.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["north", "south"], groups.Select(g => g.GetProperty("group").GetString()));
        var north = groups[0];
        Assert.Equal(10, north.GetProperty("n").GetInt32());
        Assert.Equal(40, north.GetProperty("nps").GetDouble(), 1e-9);
        Assert.Equal(22.120207861, north.GetProperty("standardError").GetDouble(), 1e-8);
        Assert.Equal(-12.585580311, north.GetProperty("ciLow").GetDouble(), 1e-8);
        Assert.Equal(74.124041849, north.GetProperty("ciHigh").GetDouble(), 1e-8);
        Assert.Equal("adjusted-wald", north.GetProperty("interval").GetString());
        Assert.Equal(4, groups[1].GetProperty("n").GetInt32());
        Assert.Equal(0, groups[1].GetProperty("nps").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task Nps_WaldForced_UsesUnadjustedStandardError()
    {
        var path = WriteCsv("nps.csv", Responses);

        var json = await RunJsonAsync("analyze", "nps", "--input", path, "--column", "LOY_RECOMMEND", "--ci", "wald");

        var p = 8 / 14.0;
        var d = 4 / 14.0;
        Assert.Equal(100 * Math.Sqrt((p + d - (p - d) * (p - d)) / 14), json.GetProperty("standardError").GetDouble(), 1e-9);
        Assert.False(json.TryGetProperty("groups", out _));
    }

    [Fact]
    public async Task Nps_HumanOutput_PrintsTableOfGroups()
    {
        var path = WriteCsv("nps.csv", Responses);

        var (code, output, _) = await RunAsync("analyze", "nps", "--input", path, "--column", "LOY_RECOMMEND", "--group-by", "region");

        Assert.Equal(0, code);
        Assert.Contains("north", output);
        Assert.Contains("40.0", output);
        Assert.Contains("[-12.6, 74.1]", output);
    }

    [Fact]
    public async Task Nps_AnswerOutsideScale_ExitsTwoNamingRowAndColumn()
    {
        var path = WriteCsv("nps.csv", "id;LOY_RECOMMEND\n1;9\n2;11\n");

        var (code, output, error) = await RunAsync("analyze", "nps", "--input", path, "--column", "LOY_RECOMMEND", "--json");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("nps.csv: row 3, column 'LOY_RECOMMEND'", error);
    }

    [Fact]
    public async Task Nps_UnparseableNumber_ExitsTwoNamingRowAndColumn()
    {
        var path = WriteCsv("nps.csv", "id,LOY_RECOMMEND\n1,9\n2,8\n3,nine\n");

        var (code, _, error) = await RunAsync("analyze", "nps", "--input", path, "--column", "LOY_RECOMMEND");

        Assert.Equal(2, code);
        Assert.Contains("row 4", error);
        Assert.Contains("column 'LOY_RECOMMEND'", error);
        Assert.Contains("'nine'", error);
    }

    [Fact]
    public async Task Nps_MissingColumn_ExitsTwoNamingColumn()
    {
        var path = WriteCsv("nps.csv", Responses);

        var (code, _, error) = await RunAsync("analyze", "nps", "--input", path, "--column", "NPS");

        Assert.Equal(2, code);
        Assert.Contains("column 'NPS'", error);
        Assert.Contains("--column", error);
    }

    [Fact]
    public async Task Nps_NoAnswers_ReportsNullFigures()
    {
        var path = WriteCsv("nps.csv", "id,LOY_RECOMMEND\n1,\n");

        var json = await RunJsonAsync("analyze", "nps", "--input", path, "--column", "LOY_RECOMMEND");

        Assert.Equal(0, json.GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("nps").ValueKind);
    }
}
