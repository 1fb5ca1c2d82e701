using System.Globalization;
using System.Text.Json;

namespace Rapport.Cli.Tests.Analyze;

public sealed class ClvCommandTests
{
    private static string Cdnow => ReferenceData.CdnowTransactions;

    private static string[] CdnowArgs(params string[] extra) =>
    [
        "analyze", "clv", "--input", Cdnow, "--customer-col", "sampleid", "--date-col", "date", "--amount-col", "sales",
        "--date-format", "yyyyMMdd", "--calibration-end", "1997-09-30", .. extra,
    ];

    private static void Near(double expected, JsonElement actual, double relative) =>
        Assert.True(Math.Abs(actual.GetDouble() - expected) <= relative * Math.Abs(expected), $"expected {expected} ± {relative:P1}, got {actual}");

    [Fact]
    public async Task Clv_CdnowBgNbdJson_ReproducesPublishedFit()
    {
        var (exit, stdout, stderr) = await ClvCliTestData.RunAsync(CdnowArgs("--time-unit", "week", "--model", "bgnbd", "--spend", "gamma-gamma", "--json"));

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("bgnbd", root.GetProperty("model").GetString());
        Assert.Equal("week", root.GetProperty("timeUnit").GetString());
        Assert.Equal(2357, root.GetProperty("customers").GetInt32());
        Assert.Equal(946, root.GetProperty("repeatCustomers").GetInt32());
        var p = root.GetProperty("params");
        Assert.Equal(["r", "alpha", "a", "b"], p.EnumerateObject().Select(o => o.Name));
        Near(0.2425947, p.GetProperty("r"), 0.005);
        Near(4.4136063, p.GetProperty("alpha"), 0.005);
        Near(0.7929212, p.GetProperty("a"), 0.005);
        Near(2.4259031, p.GetProperty("b"), 0.005);
        Assert.Equal(-9582.43, root.GetProperty("logLikelihood").GetDouble(), 0.05);
        var spend = root.GetProperty("spend");
        Assert.Equal("gamma-gamma", spend.GetProperty("model").GetString());
        Near(6.2496, spend.GetProperty("params").GetProperty("p"), 0.005);
        Near(3.7442, spend.GetProperty("params").GetProperty("q"), 0.005);
        Near(15.4435, spend.GetProperty("params").GetProperty("gamma"), 0.005);
        Assert.Equal(-4055.9177, spend.GetProperty("logLikelihood").GetDouble(), 0.05);
        Assert.Empty(root.GetProperty("skipped").EnumerateObject());
        Assert.False(root.TryGetProperty("holdout", out _));
        Assert.Equal(0, root.GetProperty("warnings").GetArrayLength());
        Assert.True(root.GetProperty("clv").GetProperty("total").GetDouble() > 0);
    }

    [Fact]
    public async Task Clv_HoldoutAndPredictions_WritesOneRowPerCustomer()
    {
        var file = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.csv");
        try
        {
            var (exit, stdout, stderr) = await ClvCliTestData.RunAsync(CdnowArgs("--holdout-end", "1998-06-30", "--predictions", file, "--json"));

            Assert.True(exit == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            var holdout = json.RootElement.GetProperty("holdout");
            Assert.Equal(1882, holdout.GetProperty("actual").GetInt64());
            Assert.Equal(1653.4, holdout.GetProperty("predicted").GetDouble(), 0.5);
            Assert.Equal(39, holdout.GetProperty("length").GetDouble(), 9);

            var lines = File.ReadAllLines(file);
            Assert.Equal("customer,x,t_x,T,pAlive,expectedTransactions,expectedSpend,clv", lines[0]);
            Assert.Equal(2358, lines.Length);
            var one = lines[1].Split(',');
            Assert.Equal("1", one[0]);
            Assert.Equal("2", one[1]);
            Assert.Equal(0.7266, double.Parse(one[4], CultureInfo.InvariantCulture), 3);
            Assert.Equal(1.226, double.Parse(one[5], CultureInfo.InvariantCulture), 3);
            Assert.True(double.Parse(one[7], CultureInfo.InvariantCulture) > 0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Clv_HumanOutput_SummarisesTheFit()
    {
        var (exit, stdout, _) = await ClvCliTestData.RunAsync(CdnowArgs("--spend", "none", "--model", "pareto-nbd"));

        Assert.Equal(0, exit);
        Assert.Contains("Model: Pareto/NBD (time unit week", stdout, StringComparison.Ordinal);
        Assert.Contains("Customers: 2,357 (946 with repeat purchases, 2,457 repeat transactions)", stdout, StringComparison.Ordinal);
        Assert.Contains("CLV: not computed (--spend none).", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clv_BgBbWeeklyPeriods_ReportsItsParameterNames()
    {
        var (exit, stdout, stderr) = await ClvCliTestData.RunAsync(CdnowArgs("--model", "bgbb", "--time-unit", "week", "--holdout-end", "1998-06-30", "--json"));

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["alpha", "beta", "gamma", "delta"], json.RootElement.GetProperty("params").EnumerateObject().Select(o => o.Name));
        Assert.True(json.RootElement.GetProperty("holdout").GetProperty("predicted").GetDouble() > 0);
    }

    [Theory]
    [InlineData("--customer-col", "nope", "column 'nope' (given by --customer-col)")]
    [InlineData("--calibration-end", "30.09.1997x", "--calibration-end")]
    [InlineData("--time-unit", "fortnight", "fortnight")]
    [InlineData("--horizon", "0", "--horizon")]
    [InlineData("--discount-rate", "-1", "--discount-rate")]
    public async Task Clv_BadOption_ExitsTwoWithAClearMessage(string option, string value, string expected)
    {
        var args = CdnowArgs().ToList();
        var i = args.IndexOf(option);
        if (i >= 0)
        {
            args[i + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (exit, _, stderr) = await ClvCliTestData.RunAsync([.. args]);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clv_AmountAndQuantityTogether_ExitsTwo()
    {
        var (exit, _, stderr) = await ClvCliTestData.RunAsync(CdnowArgs("--quantity-col", "cds", "--price-col", "sales"));

        Assert.Equal(2, exit);
        Assert.Contains("not both", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clv_MissingFile_ExitsTwo()
    {
        var (exit, _, stderr) = await ClvCliTestData.RunAsync("analyze", "clv", "--input", "/nonexistent/t.csv", "--customer-col", "c",
            "--date-col", "d", "--amount-col", "a", "--calibration-end", "2020-01-01");

        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/t.csv", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clv_NoRepeatPurchases_ExitsOneWithTheModelError()
    {
        var file = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, ["customer,date,amount", "a,2020-01-01,5", "b,2020-01-02,7", "c,2020-01-03,-2"]);
        try
        {
            var (exit, _, stderr) = await ClvCliTestData.RunAsync("analyze", "clv", "--input", file, "--customer-col", "customer",
                "--date-col", "date", "--amount-col", "amount", "--calibration-end", "2020-03-01");

            Assert.Equal(1, exit);
            Assert.Contains("BG/NBD: none of the 2 customers made a repeat purchase", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
