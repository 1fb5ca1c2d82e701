using System.Text.Json;
using Rapport.Cli.Infrastructure;
using Rapport.Testing;

namespace Rapport.Cli.Tests.Retention;

public sealed class ScoreCommandTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Score_DemoCompanyTwice_JsonSummaryAndNothingCreatedTwice()
    {
        var seeded = await RunAsync("demo", "seed", "--accounts", "40", "--seed", "3", "--as-of", "2025-06-30", "--json", "--connection", db.ConnectionString);
        Assert.True(seeded.ExitCode == ExitCodes.Ok, seeded.Stderr);

        var (exitCode, stdout, stderr) = await RunAsync("score", "--as-of", "2025-06-30", "--json", "--connection", db.ConnectionString);

        Assert.True(exitCode == ExitCodes.Ok, stderr);
        using (var json = JsonDocument.Parse(stdout))
        {
            var root = json.RootElement;
            Assert.Equal("succeeded", root.GetProperty("status").GetString());
            Assert.Equal("2025-06-30", root.GetProperty("asOf").GetString());
            Assert.Equal(40, root.GetProperty("accounts").GetInt32());
            Assert.True(root.GetProperty("signalsRaised").GetInt32() > 0);
            Assert.True(root.GetProperty("tasksCreated").GetInt32() > 0);
            Assert.Equal(40, root.GetProperty("phases").EnumerateObject().Sum(p => p.Value.GetInt32()));
            Assert.Equal(4, root.GetProperty("model").GetProperty("bgNbd").EnumerateObject().Count());
            Assert.True(root.GetProperty("timings").GetProperty("total").GetDouble() > 0);
        }

        var again = await RunAsync("score", "--as-of", "2025-06-30", "--connection", db.ConnectionString);

        Assert.True(again.ExitCode == ExitCodes.Ok, again.Stderr);
        Assert.Contains("succeeded", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 signals raised, 0 resolved, 0 tasks created, 0 events.", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("Lifecycle phases: ", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("Scoring: write", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_AsOfNotAnIsoDate_ExitsTwoNamingTheOption()
    {
        var (exitCode, stdout, stderr) = await RunAsync("score", "--as-of", "30.06.2025", "--connection", db.ConnectionString);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("--as-of", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }
}
