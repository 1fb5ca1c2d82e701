using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rapport.Cli.Tests.Analyze;

public sealed class RenewalCommandTests
{
    /// <summary>
    /// Contracts reproducing Fader &amp; Hardie's (2007) "regular" cohort: 1000 yearly contracts from 2010-01-01 with
    /// 1000, 631, 468, 382, 326, 289, 262, 241 still active after 0..7 years.
    /// </summary>
    private static string WriteRegularCohort()
    {
        long[] alive = [1000, 631, 468, 382, 326, 289, 262, 241];
        var start = new DateOnly(2010, 1, 1);
        var csv = new StringBuilder("contract,customer,start,end\n");
        var id = 0;
        for (var k = 0; k < alive.Length - 1; k++)
        {
            for (var i = 0; i < alive[k] - alive[k + 1]; i++)
            {
                // Ended within year k (0-based): survived k renewals.
                var end = start.AddDays((int)(k * 365.25) + 100);
                csv.Append(CultureInfo.InvariantCulture, $"{id},c{id},{start:yyyy-MM-dd},{end:yyyy-MM-dd}\n");
                id++;
            }
        }
        for (var i = 0; i < alive[^1]; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id},c{id},{start:yyyy-MM-dd},\n");
            id++;
        }
        csv.Append("x,,2010-01-01,\n");        // no customer: skipped
        csv.Append("y,cy,2030-01-01,\n");      // starts after --as-of: skipped
        var file = Path.Combine(Path.GetTempPath(), $"renewal-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, csv.ToString());
        return file;
    }

    [Fact]
    public async Task Renewal_RegularCohort_ReproducesFaderHardie2007()
    {
        var file = WriteRegularCohort();
        try
        {
            var (exit, stdout, stderr) = await ClvCliTestData.RunAsync("analyze", "renewal", "--input", file, "--customer-col", "customer",
                "--start-col", "start", "--end-col", "end", "--as-of", "2017-01-10", "--period", "year", "--json");

            Assert.True(exit == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            Assert.Equal(0.704, root.GetProperty("params").GetProperty("alpha").GetDouble(), 0.0005);
            Assert.Equal(1.182, root.GetProperty("params").GetProperty("beta").GetDouble(), 0.0005);
            Assert.Equal(1000, root.GetProperty("contracts").GetInt64());
            Assert.Equal(759, root.GetProperty("churned").GetInt64());
            var retention = root.GetProperty("retention").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(12, retention.Length);
            Assert.Equal(1.182 / (0.704 + 1.182), retention[0], 3);
            Assert.True(retention.Zip(retention.Skip(1)).All(p => p.Second > p.First));
            Assert.Equal(1, root.GetProperty("survival")[0].GetDouble());
            Assert.Equal(1, root.GetProperty("skipped").GetProperty("missingCustomer").GetInt64());
            Assert.Equal(1, root.GetProperty("skipped").GetProperty("startsAfterAsOf").GetInt64());
            Assert.True(root.GetProperty("logLikelihood").GetDouble() < 0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Renewal_HumanOutput_ShowsRetentionTable()
    {
        var file = WriteRegularCohort();
        try
        {
            var (exit, stdout, _) = await ClvCliTestData.RunAsync("analyze", "renewal", "--input", file, "--customer-col", "customer",
                "--start-col", "start", "--end-col", "end", "--as-of", "2017-01-10", "--period", "year", "--horizon", "3");

            Assert.Equal(0, exit);
            Assert.Contains("Shifted-beta-geometric: alpha = 0.70", stdout, StringComparison.Ordinal);
            Assert.Contains("retention", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--end-col", "finish", "column 'finish' (given by --end-col)")]
    [InlineData("--as-of", "soon", "--as-of")]
    [InlineData("--period", "week", "week")]
    public async Task Renewal_BadOption_ExitsTwo(string option, string value, string expected)
    {
        var file = WriteRegularCohort();
        try
        {
            string[] args = ["analyze", "renewal", "--input", file, "--customer-col", "customer", "--start-col", "start", "--end-col", "end",
                "--as-of", "2017-01-10", "--period", "year"];
            args[Array.IndexOf(args, option) + 1] = value;

            var (exit, _, stderr) = await ClvCliTestData.RunAsync(args);

            Assert.Equal(2, exit);
            Assert.Contains(expected, stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
