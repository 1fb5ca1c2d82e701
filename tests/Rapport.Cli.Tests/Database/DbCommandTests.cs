using System.Text.Json;
using Rapport.Cli.Infrastructure;
using Rapport.Core.Database;
using Rapport.Testing;

namespace Rapport.Cli.Tests.Database;

public sealed class DbCommandTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Status_JsonOnRunningClusterWithConnection_ReportsInstanceAndMigrations()
    {
        var (exitCode, stdout, stderr) = await RunAsync(
            "db", "status", "--json", "--data-dir", db.Cluster.DataDirectory, "--connection", db.ConnectionString);

        Assert.True(exitCode == ExitCodes.Ok, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(
            ["dataDirectory", "initialized", "running", "port", "processId", "serverVersion", "connectionSource",
             "databaseReachable", "appliedMigrations", "pendingMigrations", "databaseError"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(db.Cluster.DataDirectory, root.GetProperty("dataDirectory").GetString());
        Assert.True(root.GetProperty("initialized").GetBoolean());
        Assert.True(root.GetProperty("running").GetBoolean());
        Assert.Equal(db.Cluster.Port, root.GetProperty("port").GetInt32());
        Assert.True(root.GetProperty("processId").GetInt32() > 0);
        Assert.Equal(db.Cluster.ServerVersion, root.GetProperty("serverVersion").GetString());
        Assert.Equal("option", root.GetProperty("connectionSource").GetString());
        Assert.True(root.GetProperty("databaseReachable").GetBoolean());
        Assert.Equal(Migrator.ForRapport().Scripts.Count, root.GetProperty("appliedMigrations").GetInt32());
        Assert.Equal(0, root.GetProperty("pendingMigrations").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("databaseError").ValueKind);
    }

    [Fact]
    public async Task Status_JsonOnEmptyDataDirectory_ReportsNotInitialised()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rapport-tests", "status-" + Guid.NewGuid().ToString("N"));

        var (exitCode, stdout, _) = await RunAsync("db", "status", "--json", "--data-dir", directory);

        Assert.Equal(ExitCodes.Ok, exitCode);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(directory, root.GetProperty("dataDirectory").GetString());
        Assert.False(root.GetProperty("initialized").GetBoolean());
        Assert.False(root.GetProperty("running").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("port").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("appliedMigrations").ValueKind);
        Assert.False(root.GetProperty("databaseReachable").GetBoolean());
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task Status_Human_PrintsDataDirectoryInstanceAndDatabase()
    {
        var (exitCode, stdout, _) = await RunAsync("db", "status", "--data-dir", db.Cluster.DataDirectory, "--connection", db.ConnectionString);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains($"Data directory:  {db.Cluster.DataDirectory}", stdout, StringComparison.Ordinal);
        Assert.Contains($"running, PostgreSQL {db.Cluster.ServerVersion} on 127.0.0.1:{db.Cluster.Port}", stdout, StringComparison.Ordinal);
        Assert.Contains($"--connection: 127.0.0.1:{db.Cluster.Port}/{db.Name}", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_ClusterAlreadyRunning_IsNoOp()
    {
        var (exitCode, stdout, stderr) = await RunAsync("db", "start", "--json", "--data-dir", db.Cluster.DataDirectory);

        Assert.True(exitCode == ExitCodes.Ok, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.False(json.RootElement.GetProperty("startedNow").GetBoolean());
        Assert.False(json.RootElement.GetProperty("initializedNow").GetBoolean());
        Assert.Equal(db.Cluster.Port, json.RootElement.GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task Stop_UninitialisedDataDirectory_SaysNotRunning()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rapport-tests", "stop-" + Guid.NewGuid().ToString("N"));

        var (exitCode, stdout, _) = await RunAsync("db", "stop", "--data-dir", directory);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("not running", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_MalformedConnection_ExitsWithInvalidInput()
    {
        var (exitCode, stdout, stderr) = await RunAsync("db", "migrate", "--connection", "Hots=nowhere;Password=secret");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("--connection", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", stderr, StringComparison.Ordinal);
    }
}

public sealed class DbMigrateCommandTests(EmptyTestDatabase db) : IClassFixture<EmptyTestDatabase>
{
    [Fact]
    public async Task Migrate_JsonTwiceOnEmptyDatabase_AppliesAllThenNothing()
    {
        var expected = Migrator.ForRapport().Scripts.Select(s => s.Id).ToArray();

        using var first = new StringWriter();
        using var errors = new StringWriter();
        var firstExit = await CliApp.RunAsync(["db", "migrate", "--json", "--connection", db.ConnectionString], first, errors);
        using var second = new StringWriter();
        var secondExit = await CliApp.RunAsync(["db", "migrate", "--json", "--connection", db.ConnectionString], second, errors);

        Assert.True(firstExit == ExitCodes.Ok, errors.ToString());
        Assert.Equal(ExitCodes.Ok, secondExit);
        using var firstJson = JsonDocument.Parse(first.ToString());
        Assert.Equal("option", firstJson.RootElement.GetProperty("connectionSource").GetString());
        Assert.Equal(expected, firstJson.RootElement.GetProperty("applied").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, firstJson.RootElement.GetProperty("alreadyApplied").GetInt32());
        using var secondJson = JsonDocument.Parse(second.ToString());
        Assert.Empty(secondJson.RootElement.GetProperty("applied").EnumerateArray());
        Assert.Equal(expected.Length, secondJson.RootElement.GetProperty("alreadyApplied").GetInt32());
        Assert.Equal(expected.Length, secondJson.RootElement.GetProperty("total").GetInt32());
    }
}
