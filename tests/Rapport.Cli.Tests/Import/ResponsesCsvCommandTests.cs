using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Cli.Infrastructure;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Surveys;
using Rapport.Testing;

namespace Rapport.Cli.Tests.Import;

/// <summary><c>rapport export responses</c> and the file options of <c>rapport import responses</c>.</summary>
public sealed class ResponsesCsvCommandTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-cli-responses-io-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync([.. args, "--connection", db.ConnectionString], stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private sealed record Setup(long WaveId, string Wave, string Account, string Contact);

    private RapportDbContext Context() => new(DataServiceCollectionExtensions.CreateOptions(db.DataSource));

    private async Task<Setup> SetupAsync(bool anonymous = false, string? waveName = null)
    {
        await using var ctx = Context();
        var designer = new SurveyDesigner(ctx);
        var survey = (await designer.CreateSurveyAsync(new CreateSurveyRequest("Cli io " + Guid.NewGuid().ToString("N"), SurveyTemplate.RelationshipStandard, anonymous), null)).Value;
        var wave = waveName ?? "W-" + Guid.NewGuid().ToString("N")[..8];
        var waveId = (await designer.CreateWaveAsync(survey, new CreateWaveRequest(wave, new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1)))).Value;
        var key = Guid.NewGuid().ToString("N")[..8];
        var account = new Account { ExternalId = "IO-" + key, Name = "Io account " + key };
        ctx.Accounts.Add(account);
        await ctx.SaveChangesAsync();
        var contact = new Contact { AccountId = account.Id, ExternalId = "IOC-" + key, LastName = "Respondent" };
        ctx.Contacts.Add(contact);
        await ctx.SaveChangesAsync();
        return new Setup(waveId, wave, account.ExternalId, contact.ExternalId);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    private async Task<int> AnswerCountAsync(long waveId)
    {
        await using var ctx = Context();
        return await ctx.ResponseAnswers.CountAsync(r => r.WaveId == waveId);
    }

    [Fact]
    public async Task ExportResponses_ImportedAnswers_ReimportChangesNothingAndStdoutMatchesFile()
    {
        var s = await SetupAsync();
        var source = Write("source.csv", $""""
            respondent_id,account_external_id,wave,item_code,value,contact_external_id,phase,touchpoint,submitted_at
            r1,{s.Account},{s.Wave},LOY_RECOMMEND,9,{s.Contact},,,2025-01-10 08:15:30
            r1,{s.Account},{s.Wave},PH_INVOLVED,1,{s.Contact},operation,,2025-01-10 08:15:30
            r1,{s.Account},{s.Wave},TP_SAT,4,{s.Contact},operation,field_service,2025-01-10 08:15:30
            r1,{s.Account},{s.Wave},OPEN_IMPROVE,"Faster, please; and say ""when""",{s.Contact},,,2025-01-10 08:15:30
            r2,{s.Account},{s.Wave},LOY_RECOMMEND,2,,,,2025-01-11
            """");
        Assert.Equal(0, (await RunAsync("import", "responses", source)).Exit);
        var exported = Path.Combine(_dir, "exported.csv");

        var (exit, stdout, _) = await RunAsync("export", "responses", "--wave", s.WaveId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", exported, "--json");
        var toStdout = await RunAsync("export", "responses", "--wave", s.WaveId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reimport = await RunAsync("import", "responses", exported, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(5, json.RootElement.GetProperty("rows").GetInt64());
        var lines = await File.ReadAllLinesAsync(exported);
        Assert.Equal(string.Join(',', ResponseCsv.Columns), lines[0]);
        Assert.Contains($"r1,{s.Account},{s.Wave},OPEN_IMPROVE,\"Faster, please; and say \"\"when\"\"\",{s.Contact},,,2025-01-10T08:15:30Z", lines);
        Assert.Contains($"r1,{s.Account},{s.Wave},TP_SAT,4,{s.Contact},operation,field_service,2025-01-10T08:15:30Z", lines);
        Assert.Equal(0, toStdout.Exit);
        Assert.Equal(lines, toStdout.Out.TrimEnd('\n', '\r').ReplaceLineEndings("\n").Split('\n'));
        Assert.Equal(0, reimport.Exit);
        using var again = JsonDocument.Parse(reimport.Out);
        Assert.Equal((0L, 0L, 5L), (again.RootElement.GetProperty("inserted").GetInt64(), again.RootElement.GetProperty("updated").GetInt64(),
            again.RootElement.GetProperty("unchanged").GetInt64()));
    }

    [Fact]
    public async Task ExportResponses_AnonymousSurveyAndSharedWaveName_OmitsContactAndWritesWaveId()
    {
        var shared = "Shared " + Guid.NewGuid().ToString("N")[..6];
        var s = await SetupAsync(anonymous: true, waveName: shared);
        await SetupAsync(waveName: shared);
        var source = Write("anon.csv", $"""
            respondent_id,account_external_id,wave,item_code,value,contact_external_id
            a1,{s.Account},{s.WaveId},LOY_RECOMMEND,8,{s.Contact}
            """);
        Assert.Equal(0, (await RunAsync("import", "responses", source)).Exit);
        var exported = Path.Combine(_dir, "anon-export.csv");

        var (exit, _, stderr) = await RunAsync("export", "responses", "--wave", s.WaveId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", exported);
        var reimport = await RunAsync("import", "responses", exported, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("1 answers", stderr, StringComparison.Ordinal);
        Assert.StartsWith($"a1,{s.Account},{s.WaveId},LOY_RECOMMEND,8,,,,", (await File.ReadAllLinesAsync(exported))[1], StringComparison.Ordinal);
        Assert.Equal(0, reimport.Exit);
    }

    [Fact]
    public async Task ExportResponses_UnknownWaveOrJsonWithoutOut_ExitsTwoNamingTheOption()
    {
        var unknown = await RunAsync("export", "responses", "--wave", "987654321");
        var json = await RunAsync("export", "responses", "--wave", "1", "--json");
        var missingDir = await RunAsync("export", "responses", "--wave", "1", "--out", Path.Combine(_dir, "no-such-dir", "x.csv"));

        Assert.Equal(ExitCodes.InvalidInput, unknown.Exit);
        Assert.Contains("--wave 987654321", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, json.Exit);
        Assert.Contains("--json needs --out", json.Err, StringComparison.Ordinal);
        Assert.Equal("", json.Out);
        Assert.Equal(ExitCodes.InvalidInput, missingDir.Exit);
        Assert.Contains("--out", missingDir.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportResponses_Map_RenamesAndIgnoresColumns()
    {
        var s = await SetupAsync();
        var path = Write("mapped.csv", $"""
            Befragter;Kunde;Welle;Frage;Antwort;Notiz
            m1;{s.Account};{s.Wave};LOY_REPURCHASE;4;egal
            """);

        var unmapped = await RunAsync("import", "responses", path);
        var mapped = await RunAsync("import", "responses", path, "--map",
            "respondent_id=Befragter,account_external_id=Kunde,wave=Welle,item_code=Frage,value=Antwort,ignore=Notiz");

        Assert.Equal(ExitCodes.InvalidInput, unmapped.Exit);
        Assert.Contains($"{path}: row 1, column 'Befragter': unknown column", unmapped.Err, StringComparison.Ordinal);
        Assert.Equal(0, mapped.Exit);
        Assert.Contains("1 were inserted", mapped.Out, StringComparison.Ordinal);
        Assert.Equal(1, await AnswerCountAsync(s.WaveId));
    }

    [Fact]
    public async Task ImportResponses_BadRowWithoutSkipInvalid_ImportsNothingAndNamesRowAndMappedColumn()
    {
        var s = await SetupAsync();
        var path = Write("allornothing.csv", $"""
            respondent_id,account_external_id,wave,item_code,Score
            n1,{s.Account},{s.Wave},LOY_RECOMMEND,7
            n2,{s.Account},{s.Wave},LOY_RECOMMEND,11
            n3,NO-SUCH-ACCOUNT,{s.Wave},LOY_RECOMMEND,5
            """);

        var (exit, _, stderr) = await RunAsync("import", "responses", path, "--map", "value=Score");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains($"{path}: row 3, column 'Score': '11' is not a valid answer to LOY_RECOMMEND", stderr, StringComparison.Ordinal);
        Assert.Contains($"{path}: row 4, column 'account_external_id': no account with external_id 'NO-SUCH-ACCOUNT'", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", stderr, StringComparison.Ordinal);
        Assert.Equal(0, await AnswerCountAsync(s.WaveId));
    }

    [Fact]
    public async Task ImportResponses_SkipInvalid_ImportsValidRowsAndWritesRejectsWithReasons()
    {
        var s = await SetupAsync();
        var path = Write("skip.csv", $"""
            respondent_id,account_external_id,wave,item_code,value,phase
            k1,{s.Account},{s.Wave},LOY_RECOMMEND,10,
            k1,{s.Account},{s.Wave},PH_SAT,4,
            ,{s.Account},{s.Wave},LOY_RECOMMEND,3,
            k2,{s.Account},{s.Wave},PH_SAT,5,offer
            """);

        var (exit, stdout, _) = await RunAsync("import", "responses", path, "--skip-invalid", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal((2L, 2L), (json.RootElement.GetProperty("inserted").GetInt64(), json.RootElement.GetProperty("rejected").GetInt64()));
        Assert.Equal(path + ".rejects.csv", json.RootElement.GetProperty("rejectsFile").GetString());
        Assert.Equal(
            [
                "respondent_id,account_external_id,wave,item_code,value,phase,reason",
                $"k1,{s.Account},{s.Wave},PH_SAT,4,,column 'phase': PH_SAT needs a phase",
                $",{s.Account},{s.Wave},LOY_RECOMMEND,3,,column 'respondent_id': a value is required",
            ],
            await File.ReadAllLinesAsync(path + ".rejects.csv"));
        Assert.Equal(2, await AnswerCountAsync(s.WaveId));
    }

    [Fact]
    public async Task ImportResponses_DateFormat_ReadsSubmittedAtAndNamesBadCells()
    {
        var s = await SetupAsync();
        var good = Write("dates.csv", $"""
            respondent_id;account_external_id;wave;item_code;value;submitted_at
            d1;{s.Account};{s.Wave};RQ_SAT_1;4;15.01.2025 09:30
            """);
        var bad = Write("bad-dates.csv", $"""
            respondent_id;account_external_id;wave;item_code;value;submitted_at
            d2;{s.Account};{s.Wave};RQ_SAT_1;4;2025-01-15
            """);

        var ok = await RunAsync("import", "responses", good, "--date-format", "dd.MM.yyyy HH:mm");
        var wrong = await RunAsync("import", "responses", bad, "--date-format", "dd.MM.yyyy HH:mm");
        var option = await RunAsync("import", "responses", good, "--date-format", "HH:mm");

        Assert.Equal(0, ok.Exit);
        await using (var ctx = Context())
        {
            Assert.Equal(new DateTimeOffset(2025, 1, 15, 9, 30, 0, TimeSpan.Zero),
                await ctx.ResponseAnswers.Where(r => r.WaveId == s.WaveId && r.RespondentKey == "d1").Select(r => r.SubmittedAt).SingleAsync());
        }
        Assert.Equal(ExitCodes.InvalidInput, wrong.Exit);
        Assert.Contains($"{bad}: row 2, column 'submitted_at': '2025-01-15' is not a date and time (expected dd.MM.yyyy HH:mm)", wrong.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, option.Exit);
        Assert.Contains("--date-format 'HH:mm'", option.Err, StringComparison.Ordinal);
    }
}
