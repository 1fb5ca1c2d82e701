using System.Text.Json;
using Rapport.Cli.Infrastructure;
using Rapport.Demo;
using Rapport.Testing;

namespace Rapport.Cli.Tests.Demo;

public sealed class DemoCommandTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Seed_EmptyDatabaseThenAgain_SeedsOnceAndRefusesWithoutReplace()
    {
        var (exitCode, stdout, stderr) = await RunAsync(
            "demo", "seed", "--accounts", "20", "--seed", "5", "--as-of", "2025-06-30", "--json", "--connection", db.ConnectionString);

        Assert.True(exitCode == ExitCodes.Ok, stderr);
        using (var json = JsonDocument.Parse(stdout))
        {
            var root = json.RootElement;
            Assert.Equal(5, root.GetProperty("seed").GetInt32());
            Assert.Equal("2025-06-30", root.GetProperty("asOf").GetString());
            Assert.Equal(20, root.GetProperty("tables").GetProperty("accounts").GetInt32());
            Assert.True(root.GetProperty("tables").GetProperty("orderLines").GetInt32() > 0);
            Assert.Equal(4, root.GetProperty("segments").EnumerateObject().Count());
            Assert.Contains(root.GetProperty("stories").EnumerateArray(),
                s => s.GetProperty("accountExternalId").GetString() == DemoStories.DecliningKeyAccountId);
        }

        var again = await RunAsync("demo", "seed", "--accounts", "20", "--connection", db.ConnectionString);

        Assert.Equal(ExitCodes.Error, again.ExitCode);
        Assert.Contains("--replace", again.Stderr, StringComparison.Ordinal);
        Assert.Equal("", again.Stdout);

        var replaced = await RunAsync(
            "demo", "seed", "--accounts", "20", "--seed", "5", "--as-of", "2025-06-30", "--replace", "--connection", db.ConnectionString);

        Assert.True(replaced.ExitCode == ExitCodes.Ok, replaced.Stderr);
        Assert.Contains("Muster Maschinenbau GmbH", replaced.Stdout, StringComparison.Ordinal);
        Assert.Contains("replacing the previous business data", replaced.Stdout, StringComparison.Ordinal);
        Assert.Contains("20 accounts", replaced.Stdout, StringComparison.Ordinal);
        Assert.Contains(DemoStories.WonBackAccountId, replaced.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--accounts", "5", "--accounts")]
    [InlineData("--as-of", "30.06.2025", "--as-of")]
    public async Task Seed_InvalidOption_ExitsTwoNamingTheOption(string option, string value, string named)
    {
        var (exitCode, stdout, stderr) = await RunAsync("demo", "seed", option, value, "--connection", db.ConnectionString);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }
}
