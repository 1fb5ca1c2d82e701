using Microsoft.EntityFrameworkCore;
using Rapport.Core.Import;
using Rapport.Core.Surveys;
using Rapport.Testing;

namespace Rapport.Core.Tests.Surveys;

public sealed class ResponseCsvTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly SurveyScenario _s = new(db);
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-responses-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(string Wave, long WaveId, string Account, string Contact)> SetupAsync()
    {
        var (_, waveId) = await _s.SurveyWithWaveAsync();
        await using var ctx = _s.Context();
        var wave = await ctx.Waves.SingleAsync(w => w.Id == waveId);
        wave.Name = "Import " + Guid.NewGuid().ToString("N")[..8];
        ctx.Update(wave);
        await ctx.SaveChangesAsync();
        var (accountId, contacts) = await _s.AccountAsync((true, true, "de"));
        var account = await ctx.Accounts.Where(a => a.Id == accountId).Select(a => a.ExternalId).SingleAsync();
        var contact = await ctx.Contacts.Where(c => c.Id == contacts[0]).Select(c => c.ExternalId).SingleAsync();
        return (wave.Name, waveId, account, contact);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task ImportAsync_ValidFile_ImportsIdempotentlyAndExportsTheSame()
    {
        var (wave, waveId, account, contact) = await SetupAsync();
        var path = Write("ok.csv", $"""
            respondent_id;account_external_id;wave;item_code;value;contact_external_id;phase;touchpoint;submitted_at
            r1;{account};{wave};LOY_RECOMMEND;9;{contact};;;2026-03-10
            r1;{account};{wave};PH_INVOLVED;1;{contact};operation;;2026-03-10
            r1;{account};{wave};TP_SAT;5;{contact};operation;field_service;2026-03-10
            r1;{account};{wave};OPEN_IMPROVE;Faster spare parts, please;{contact};;;2026-03-10
            r2;{account};{wave};LOY_RECOMMEND;3;;;;
            """);

        var first = await ResponseCsv.ImportAsync(db.DataSource, path);
        var second = await ResponseCsv.ImportAsync(db.DataSource, path);

        Assert.True(first is { Status: ImportStatus.Imported, DryRun: false }, string.Join("; ", first.Errors));
        Assert.Equal((5L, 0L, 0L, 2), (first.Inserted, first.Updated, first.Unchanged, first.Respondents));
        Assert.Equal((0L, 0L, 5L), (second.Inserted, second.Updated, second.Unchanged));
        await using var ctx = _s.Context();
        var answers = await WaveAnswers.LoadAsync(ctx, waveId);
        Assert.Equal(9, answers.Single(a => a.Id == "r1")["LOY_RECOMMEND"]);
        Assert.Equal(5, answers.Single(a => a.Id == "r1").Phases["operation"].Touchpoints["field_service"].Satisfaction);

        using var export = new StringWriter();
        Assert.Equal(5, await ResponseCsv.ExportAsync(db.DataSource, waveId, export));
        var exported = Write("export.csv", export.ToString());
        var reimport = await ResponseCsv.ImportAsync(db.DataSource, exported);
        Assert.Equal(5L, reimport.Unchanged);
        Assert.Contains("r1,", export.ToString());
    }

    [Fact]
    public async Task ImportAsync_BadRows_RejectsAllNamingRowAndColumn()
    {
        var (wave, waveId, account, _) = await SetupAsync();
        var path = Write("bad.csv", $"""
            respondent_id,account_external_id,wave,item_code,value,phase,touchpoint
            r1,{account},{wave},LOY_RECOMMEND,8,,
            r2,{account},{wave},LOY_RECOMMEND,11,,
            r3,NOPE-1,{wave},LOY_RECOMMEND,5,,
            r4,{account},{wave},TP_SAT,4,operation,
            r5,{account},{wave},NOT_AN_ITEM,1,,
            r6,{account},no such wave,LOY_RECOMMEND,5,,
            r1,{account},{wave},LOY_RECOMMEND,7,,
            """);

        var result = await ResponseCsv.ImportAsync(db.DataSource, path);

        Assert.Equal(ImportStatus.Invalid, result.Status);
        var messages = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith("row 3, column 'value'", StringComparison.Ordinal) && m.Contains("LOY_RECOMMEND"));
        Assert.Contains(messages, m => m.StartsWith("row 4, column 'account_external_id'", StringComparison.Ordinal) && m.Contains("NOPE-1"));
        Assert.Contains(messages, m => m.StartsWith("row 5, column 'touchpoint'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("row 6, column 'item_code'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("row 7, column 'wave'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("row 8, column 'item_code'", StringComparison.Ordinal) && m.Contains("row 2"));
        await using var ctx = _s.Context();
        Assert.Equal(0, await ctx.ResponseAnswers.CountAsync(a => a.WaveId == waveId));
    }

    [Fact]
    public async Task ImportAsync_UnknownColumn_IsAnErrorOnTheHeader()
    {
        var (wave, _, account, _) = await SetupAsync();
        var path = Write("cols.csv", $"respondent_id,account_external_id,wave,item_code,value,colour\nr1,{account},{wave},LOY_RECOMMEND,8,red\n");

        var result = await ResponseCsv.ImportAsync(db.DataSource, path);

        Assert.Equal("row 1, column 'colour'", result.Errors.Single().ToString().Split(':')[0]);
    }
}
