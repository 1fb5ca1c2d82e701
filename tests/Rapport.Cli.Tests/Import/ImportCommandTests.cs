using System.Text.Json;
using Rapport.Cli.Infrastructure;
using Rapport.Testing;
using static Rapport.Testing.ImportTestSupport;

namespace Rapport.Cli.Tests.Import;

public sealed class ImportCommandTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync([.. args, "--connection", db.ConnectionString], stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ImportAccounts_RowThreeEmptyName_ExitsTwoNamesRowThreeAndChangesNothing()
    {
        var path = Csv("accounts.csv", "external_id,name,country", "ACC-1,Alpha GmbH,DE", "ACC-2,,AT", "ACC-3,Gamma AG,CH");
        var before = await SnapshotAsync(db);

        var (exitCode, stdout, stderr) = await RunAsync("import", "accounts", path);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains($"{path}: row 3, column 'name': a value is required", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task ImportAccounts_ValidFileTwice_AddsRowsOnce()
    {
        var path = Csv("valid.csv", "external_id,name,country", "TWICE-1,Alpha GmbH,DE", "TWICE-2,Beta KG,AT");

        var first = await RunAsync("import", "accounts", path);
        var second = await RunAsync("import", "accounts", path, "--json");

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Contains("2 rows read; 2 were inserted, 0 updated, 0 unchanged, 0 rejected", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        using var json = JsonDocument.Parse(second.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("inserted").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("unchanged").GetInt64());
        Assert.Equal(2L, await ScalarAsync<long>(db, "SELECT count(*) FROM accounts WHERE external_id LIKE 'TWICE-%'"));
    }

    [Fact]
    public async Task Import_Json_PrintsOneObjectWithTheContractFields()
    {
        var path = Csv("json.csv", "external_id,name", "JSON-1,Json AG", "JSON-2,");

        var (exitCode, stdout, _) = await RunAsync("import", "accounts", path, "--json");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["file", "entity", "rowsRead", "inserted", "updated", "unchanged", "rejected", "dryRun", "errorCount", "errors", "rejectsFile"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(path, root.GetProperty("file").GetString());
        Assert.Equal("accounts", root.GetProperty("entity").GetString());
        Assert.Equal(2, root.GetProperty("rowsRead").GetInt64());
        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt64());
        Assert.Equal("name", error.GetProperty("column").GetString());
        Assert.Equal("a value is required", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Import_DryRun_ReportsAndWritesNothing()
    {
        var path = Csv("dry.csv", "external_id,name", "DRY-1,Dry AG");
        var before = await SnapshotAsync(db);

        var (exitCode, stdout, _) = await RunAsync("import", "accounts", path, "--dry-run");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("1 would be inserted", stdout, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was written.", stdout, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_SkipInvalid_WritesRejectsFileAndExitsZero()
    {
        var path = Csv("skip.csv", "external_id,name", "SKIP-1,Good", "SKIP-2,");

        var (exitCode, stdout, stderr) = await RunAsync("import", "accounts", path, "--skip-invalid");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains($"{path}: row 3, column 'name': a value is required", stderr, StringComparison.Ordinal);
        Assert.Contains($"Rejected rows with their reasons: {path}.rejects.csv", stdout, StringComparison.Ordinal);
        Assert.Equal(["external_id,name,reason", "SKIP-2,,column 'name': a value is required"], File.ReadAllLines(path + ".rejects.csv"));
    }

    [Fact]
    public async Task Import_MapAndIgnore_FeedsColumnsAndDropsOthers()
    {
        var path = Csv("mapped.csv", "Nummer;Firma;Bemerkung", "MAP-1;Mapped GmbH;egal");

        var (exitCode, _, stderr) = await RunAsync("import", "accounts", path, "--map", "external_id=Nummer", "--map", "name=Firma,-=Bemerkung");

        Assert.True(exitCode == ExitCodes.Ok, stderr);
        Assert.Equal("Mapped GmbH", await ScalarAsync<string>(db, "SELECT name FROM accounts WHERE external_id = 'MAP-1'"));
    }

    [Fact]
    public async Task Import_UnknownColumn_ExitsTwoNamingFileRowAndColumn()
    {
        var path = Csv("unknown.csv", "external_id,name,colour", "U-1,Unknown,red");
        var (exitCode, _, stderr) = await RunAsync("import", "accounts", path);
        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains($"{path}: row 1, column 'colour': unknown column", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadDateFormatOption_ExitsTwoNamingOption()
    {
        var (exitCode, _, stderr) = await RunAsync("import", "accounts", Csv("d.csv", "external_id,name", "D-1,D"), "--date-format", "HH:mm");
        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("--date-format 'HH:mm'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsTwoNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.csv");
        var (exitCode, _, stderr) = await RunAsync("import", "orders", path);
        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains($"{path}: file not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownEntity_ExitsTwo()
    {
        var (exitCode, _, _) = await RunAsync("import", "widgets", Csv("w.csv", "a", "b"));
        Assert.Equal(ExitCodes.InvalidInput, exitCode);
    }

    [Fact]
    public async Task ExportThenImport_Orders_NoChanges()
    {
        await RunAsync("import", "accounts", Csv("ea.csv", "external_id,name", "EXP-A,Export AG"));
        await RunAsync("import", "orders", Csv("eo.csv", "order_id,account_external_id,order_date,net_amount,quantity",
            "EXP-O1,EXP-A,2025-01-01,12.5,1", "EXP-O1,EXP-A,2025-01-01,7,2"));
        var file = Path.Combine(Path.GetDirectoryName(Csv("marker.csv", "x"))!, "orders-export.csv");

        var export = await RunAsync("export", "orders", file, "--json");
        var before = await SnapshotAsync(db, includeAudit: false);
        var import = await RunAsync("import", "orders", file, "--json");

        Assert.Equal(ExitCodes.Ok, export.ExitCode);
        using var exported = JsonDocument.Parse(export.Stdout);
        Assert.Equal(2, exported.RootElement.GetProperty("rows").GetInt64());
        Assert.Equal(ExitCodes.Ok, import.ExitCode);
        using var imported = JsonDocument.Parse(import.Stdout);
        Assert.Equal((0L, 0L, 2L), (imported.RootElement.GetProperty("inserted").GetInt64(), imported.RootElement.GetProperty("updated").GetInt64(),
            imported.RootElement.GetProperty("unchanged").GetInt64()));
        Assert.Equal(before, await SnapshotAsync(db, includeAudit: false));
    }

    [Fact]
    public async Task Export_MissingDirectory_ExitsTwo()
    {
        var (exitCode, _, stderr) = await RunAsync("export", "accounts", Path.Combine(Path.GetTempPath(), $"no-dir-{Guid.NewGuid():N}", "a.csv"));
        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }
}
