using Rapport.Cli.Infrastructure;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Testing;

namespace Rapport.Cli.Tests.Import;

public sealed class ImportResponsesCommandTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-cli-responses-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync([.. args, "--connection", db.ConnectionString], stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private async Task<(string Wave, string Account)> SetupAsync()
    {
        await using var ctx = new RapportDbContext(DataServiceCollectionExtensions.CreateOptions(db.DataSource));
        var designer = new SurveyDesigner(ctx);
        var survey = (await designer.CreateSurveyAsync(new CreateSurveyRequest("Cli " + Guid.NewGuid().ToString("N"), SurveyTemplate.RelationshipStandard), null)).Value;
        var wave = "W-" + Guid.NewGuid().ToString("N")[..8];
        await designer.CreateWaveAsync(survey, new CreateWaveRequest(wave, new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1)));
        var account = new Account { ExternalId = "CLI-" + Guid.NewGuid().ToString("N")[..8], Name = "Cli account" };
        ctx.Accounts.Add(account);
        await ctx.SaveChangesAsync();
        return (wave, account.ExternalId);
    }

    [Fact]
    public async Task ImportResponses_ValidFile_ExitsZeroWithCountsInJson()
    {
        var (wave, account) = await SetupAsync();
        var path = Path.Combine(_dir, "ok.csv");
        await File.WriteAllTextAsync(path, $"respondent_id,account_external_id,wave,item_code,value,phase\nr1,{account},{wave},LOY_RECOMMEND,10,\nr1,{account},{wave},PH_SAT,4,offer\n");

        var (exit, stdout, _) = await RunAsync("import", "responses", path, "--json");

        Assert.Equal(0, exit);
        Assert.Contains("\"inserted\":2", stdout.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportResponses_BadRow_ExitsTwoNamingFileRowAndColumn()
    {
        var (wave, account) = await SetupAsync();
        var path = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(path, $"respondent_id,account_external_id,wave,item_code,value\nr1,{account},{wave},LOY_RECOMMEND,10\nr2,{account},{wave},RQ_SAT_1,6\n");

        var (exit, _, stderr) = await RunAsync("import", "responses", path);

        Assert.Equal(2, exit);
        Assert.Contains($"{path}: row 3, column 'value'", stderr);
        Assert.Contains("nothing was imported", stderr);
    }
}
