using System.Text.Json;

namespace Rapport.Cli.Tests.Analyze;

public sealed class DriversCommandTests : SurveyCliTestBase
{
    [Fact]
    public async Task Drivers_MtcarsRelativeWeightsJson_MatchesPublishedValues()
    {
        var json = await RunJsonAsync("analyze", "drivers", "--input", MtCars, "--target", "mpg", "--drivers", "cyl,disp,hp,gear");

        Assert.Equal(32, json.GetProperty("n").GetInt32());
        Assert.Equal(0.7791896, json.GetProperty("rSquared").GetDouble(), 1e-6);
        Assert.Equal("relative-weights", json.GetProperty("method").GetString());
        var drivers = json.GetProperty("drivers").EnumerateArray().ToList();
        Assert.Equal(["cyl", "disp", "hp", "gear"], drivers.Select(d => d.GetProperty("name").GetString()));
        double[] expected = [0.2284797, 0.2221469, 0.2321744, 0.0963886];
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal(expected[j], drivers[j].GetProperty("weight").GetDouble(), 1e-6);
            Assert.Equal(100 * expected[j] / 0.7791896, drivers[j].GetProperty("share").GetDouble(), 1e-4);
            Assert.Equal(JsonValueKind.Null, drivers[j].GetProperty("ciLow").ValueKind);
            Assert.Equal(JsonValueKind.Null, drivers[j].GetProperty("ciHigh").ValueKind);
        }
    }

    [Fact]
    public async Task Drivers_MtcarsShapleyJson_MatchesPublishedLmg()
    {
        var json = await RunJsonAsync("analyze", "drivers", "--input", MtCars, "--target", "mpg", "--drivers", "am, vs, cyl", "--method", "shapley");

        Assert.Equal("shapley", json.GetProperty("method").GetString());
        Assert.Equal(0.7619773, json.GetProperty("rSquared").GetDouble(), 1e-6);
        var weights = json.GetProperty("drivers").EnumerateArray().Select(d => d.GetProperty("weight").GetDouble()).ToList();
        Assert.Equal(0.1774892, weights[0], 1e-6);
        Assert.Equal(0.2027032, weights[1], 1e-6);
        Assert.Equal(0.3817849, weights[2], 1e-6);
    }

    [Fact]
    public async Task Drivers_BootstrapWithSeed_ReportsReproducibleIntervals()
    {
        string[] args = ["analyze", "drivers", "--input", MtCars, "--target", "mpg", "--drivers", "cyl,disp,hp,gear", "--bootstrap", "200", "--seed", "5"];

        var first = await RunJsonAsync(args);
        var second = await RunJsonAsync(args);

        var a = first.GetProperty("drivers").EnumerateArray().ToList();
        var b = second.GetProperty("drivers").EnumerateArray().ToList();
        for (var j = 0; j < 4; j++)
        {
            var low = a[j].GetProperty("ciLow").GetDouble();
            var high = a[j].GetProperty("ciHigh").GetDouble();
            Assert.True(low < high);
            Assert.Equal(low, b[j].GetProperty("ciLow").GetDouble());
            Assert.Equal(high, b[j].GetProperty("ciHigh").GetDouble());
        }
    }

    [Fact]
    public async Task Drivers_HumanOutput_PrintsTableWithDriverNames()
    {
        var (code, output, _) = await RunAsync("analyze", "drivers", "--input", MtCars, "--target", "mpg", "--drivers", "cyl,disp,hp,gear");

        Assert.Equal(0, code);
        Assert.Contains("R² = 0.7792", output);
        Assert.Contains("gear", output);
        Assert.Contains("0.2285", output);
        Assert.Contains("29.3%", output);
    }

    [Fact]
    public async Task Drivers_MissingColumn_ExitsTwoNamingColumnAndFile()
    {
        var (code, output, error) = await RunAsync("analyze", "drivers", "--input", MtCars, "--target", "mpg", "--drivers", "cyl,torque");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("'torque'", error);
        Assert.Contains("mtcars.csv", error);
    }

    [Fact]
    public async Task Drivers_BadNumber_ExitsTwoNamingRowAndColumn()
    {
        var path = WriteCsv("bad.csv", "y,a,b\n1,2,3\n2,3,1\n3,x1,2\n4,5,5\n5,1,1\n");

        var (code, _, error) = await RunAsync("analyze", "drivers", "--input", path, "--target", "y", "--drivers", "a,b");

        Assert.Equal(2, code);
        Assert.Contains("bad.csv", error);
        Assert.Contains("row 4", error);
        Assert.Contains("column 'a'", error);
    }

    [Fact]
    public async Task Drivers_ConstantDriver_ExitsTwoNamingDriver()
    {
        var path = WriteCsv("flat.csv", "y;a;b\n1;2;7\n2;3;7\n3;1;7\n4;5;7\n5;1;7\n");

        var (code, _, error) = await RunAsync("analyze", "drivers", "--input", path, "--target", "y", "--drivers", "a,b");

        Assert.Equal(2, code);
        Assert.Contains("'b' is constant", error);
    }

    [Fact]
    public async Task Drivers_SemicolonFileWithEmptyCells_UsesCompleteCases()
    {
        var path = WriteCsv("gaps.csv", "y;a;b\n1,5;2;3\n2;3;\n3;1;2\n4;5;5\n5;1;1\n6;4;2\n");

        var json = await RunJsonAsync("analyze", "drivers", "--input", path, "--target", "y", "--drivers", "a,b");

        Assert.Equal(5, json.GetProperty("n").GetInt32());
        Assert.Equal(1, json.GetProperty("excludedRows").GetInt32());
    }

    [Fact]
    public async Task Drivers_UnknownMethod_ExitsTwo()
    {
        var (code, _, _) = await RunAsync("analyze", "drivers", "--input", MtCars, "--target", "mpg", "--drivers", "cyl", "--method", "ridge");

        Assert.Equal(2, code);
    }
}
