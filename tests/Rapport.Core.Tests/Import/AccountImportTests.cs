using System.Text;
using Rapport.Core.Import;
using Rapport.Testing;
using static Rapport.Testing.ImportTestSupport;

namespace Rapport.Core.Tests.Import;

public sealed class AccountImportTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync() => await SeedAccountsAsync(db);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Import_ValidFile_StoresTypedValuesOwnerAndParents()
    {
        Assert.Equal("Müller Maschinenbau GmbH|machinery|250|plant|trade_fair|2019-04-01|1200.50|t|anna@example.com|G-1",
            await ScalarAsync<string>(db, """
                SELECT concat_ws('|', a.name, a.industry, a.employees, a.business_type, a.acquisition_channel, a.acquired_on,
                                 a.acquisition_cost, a.key_account, u.email, p.external_id)
                FROM accounts a LEFT JOIN users u ON u.id = a.owner_user_id LEFT JOIN accounts p ON p.id = a.parent_account_id
                WHERE a.external_id = 'A-1'
                """));
        Assert.Equal("Schmidt, Sohn & Co", await ScalarAsync<string>(db, "SELECT name FROM accounts WHERE external_id = 'A-2'"));
    }

    [Fact]
    public async Task Import_SameFileTwice_AddsRowsOnceAndReportsUnchanged()
    {
        var path = Csv("twice.csv", "external_id,name,country", "T-1,Twice One,DE", "T-2,Twice Two,FR");
        var first = await ImportAsync(db, ImportEntity.Accounts, path);
        var before = await SnapshotAsync(db, includeAudit: false);

        var second = await ImportAsync(db, ImportEntity.Accounts, path);

        Assert.Equal((2L, 0L, 0L), (first.Inserted, first.Updated, first.Unchanged));
        Assert.Equal((0L, 0L, 2L), (second.Inserted, second.Updated, second.Unchanged));
        Assert.Equal(before, await SnapshotAsync(db, includeAudit: false));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM accounts WHERE external_id = 'T-1'"));
    }

    [Fact]
    public async Task Import_ChangedRow_UpdatesOnlyColumnsInTheFile()
    {
        await ImportAsync(db, ImportEntity.Accounts, Csv("u1.csv", "external_id,name,industry,country", "U-1,Update Me,food,DE"));

        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("u2.csv", "external_id,name,country", "U-1,Updated,AT"));

        Assert.Equal((0L, 1L), (result.Inserted, result.Updated));
        Assert.Equal("Updated|food|AT", await ScalarAsync<string>(db,
            "SELECT concat_ws('|', name, industry, country) FROM accounts WHERE external_id = 'U-1'"));
    }

    [Fact]
    public async Task Import_ParentLaterInSameFile_LinksBothPhases()
    {
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("parents.csv",
            "external_id,name,parent_external_id", "P-CHILD,Child,P-PARENT", "P-PARENT,Parent,"));

        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal("P-PARENT", await ScalarAsync<string>(db,
            "SELECT p.external_id FROM accounts a JOIN accounts p ON p.id = a.parent_account_id WHERE a.external_id = 'P-CHILD'"));
    }

    [Fact]
    public async Task Import_RowThreeEmptyName_InvalidNamesRowAndColumnAndChangesNothing()
    {
        var path = Csv("empty-name.csv", "external_id,name", "E-1,Fine", "E-2,", "E-3,Also fine");
        var before = await SnapshotAsync(db);

        var result = await ImportAsync(db, ImportEntity.Accounts, path);

        AssertError(result, 3, "name", "a value is required");
        Assert.Equal(1, result.ErrorCount);
        Assert.Equal(1, result.Rejected);
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_MissingRequiredColumn_InvalidNamesHeaderAndColumn()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("no-name.csv", "external_id,country", "M-1,DE"));
        AssertError(result, 1, "name", "required column is missing");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_UnknownColumn_InvalidUnlessMappedAway()
    {
        var path = Csv("extra.csv", "external_id,name,notes", "X-1,Extra,hello");
        var before = await SnapshotAsync(db);

        var rejected = await ImportAsync(db, ImportEntity.Accounts, path);
        AssertError(rejected, 1, "notes", "unknown column");
        Assert.Contains("--map ignore=notes", rejected.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(db));

        var ignored = await ImportAsync(db, ImportEntity.Accounts, path, o => o with { Map = ["ignore=notes"] });
        Assert.Equal((ImportStatus.Imported, 1L), (ignored.Status, ignored.Inserted));
    }

    [Fact]
    public async Task Import_MappedColumns_FeedTargetsAndErrorsNameFileColumn()
    {
        var path = Csv("mapped.csv", "Kundennummer,Firma,Land", "MAP-1,Mapped GmbH,DE", "MAP-2,,DE");
        var before = await SnapshotAsync(db);

        var result = await ImportAsync(db, ImportEntity.Accounts, path, o => o with { Map = ["external_id=Kundennummer,name=Firma", "country=Land"] });

        AssertError(result, 3, "Firma", "a value is required");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_BadMapTarget_InvalidNamesOption()
    {
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("m.csv", "external_id,name,x", "A,B,C"), o => o with { Map = ["nmae=x"] });
        Assert.Contains(result.Errors, e => e.Row == 0 && e.Message.Contains("'nmae' is not a column of accounts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_BadDateNumberEnumBoolean_EachNamedWithRowAndColumn()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("bad-values.csv",
            "external_id,name,acquired_on,employees,business_type,key_account,acquisition_cost",
            "B-1,Bad Date,31.12.2020,,,,",
            "B-2,Bad Number,,many,,,",
            "B-3,Bad Enum,,,service,,",
            "B-4,Bad Bool,,,,perhaps,",
            "B-5,Negative,,,,,-10"));

        AssertError(result, 2, "acquired_on", "is not a date (expected yyyy-MM-dd)");
        AssertError(result, 3, "employees", "'many' is not a number");
        AssertError(result, 4, "business_type", "expected one of: product, plant, system, supplier");
        AssertError(result, 5, "key_account", "is not a yes/no value");
        AssertError(result, 6, "acquisition_cost", "must not be negative");
        Assert.Equal(5, result.Rejected);
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_DateFormatOption_ParsesCustomDates()
    {
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("de-dates.csv", "external_id,name,acquired_on", "DF-1,German Date,31.12.2020"),
            o => o with { DateFormat = "dd.MM.yyyy" });
        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal(new DateTime(2020, 12, 31), await ScalarAsync<DateTime>(db, "SELECT acquired_on::timestamp FROM accounts WHERE external_id = 'DF-1'"));
    }

    [Fact]
    public async Task Import_SemicolonFile_AcceptsDecimalComma()
    {
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("semi.csv", "external_id;name;acquisition_cost", "SC-1;Semikolon AG;1234,56"));
        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal(1234.56m, await ScalarAsync<decimal>(db, "SELECT acquisition_cost FROM accounts WHERE external_id = 'SC-1'"));
    }

    [Fact]
    public async Task Import_UnknownOwnerAndParent_InvalidNamesMissingIds()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("refs.csv",
            "external_id,name,owner_email,parent_external_id", "R-1,Ref One,nobody@example.com,", "R-2,Ref Two,,NO-SUCH-PARENT"));

        AssertError(result, 2, "owner_email", "no user with e-mail 'nobody@example.com'");
        AssertError(result, 3, "parent_external_id", "no account with external_id 'NO-SUCH-PARENT'");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_ParentCycle_Invalid()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("cycle.csv",
            "external_id,name,parent_external_id", "C-1,One,C-2", "C-2,Two,C-1"));
        AssertError(result, 2, "parent_external_id", "its own ancestor");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_SameIdTwice_InvalidNamesBothRows()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("dup.csv", "external_id,name", "D-1,First", "D-2,Other", "D-1,Again"));

        AssertError(result, 2, "external_id", "external_id 'D-1' appears more than once in the file (rows 2, 4)");
        AssertError(result, 4, "external_id", "(rows 2, 4)");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_EmptyFile_Invalid()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Accounts, Bytes("empty.csv", []));
        AssertError(result, 1, null, "the file is empty");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_InvalidUtf8InRow_InvalidNamesThatRow()
    {
        var content = Encoding.UTF8.GetBytes("external_id,name\nL-1,Fine\nL-2,M")
            .Concat(new byte[] { 0xFC }).Concat(Encoding.UTF8.GetBytes("ller\n")).ToArray();
        var before = await SnapshotAsync(db);

        var result = await ImportAsync(db, ImportEntity.Accounts, Bytes("latin1.csv", content));

        AssertError(result, 3, null, "not valid UTF-8");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_TooManyFields_InvalidNamesRow()
    {
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("fields.csv", "external_id,name", "F-1,A,B"));
        AssertError(result, 2, null, "the row has 3 fields but the header has 2");
    }

    [Fact]
    public async Task Import_DryRun_CountsAndChangesNothing()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("dry.csv", "external_id,name", "DRY-1,New", "A-1,Renamed"),
            o => o with { DryRun = true });

        Assert.Equal((ImportStatus.Imported, true, 1L, 1L), (result.Status, result.DryRun, result.Inserted, result.Updated));
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_SkipInvalid_ImportsValidRowsAndWritesRejects()
    {
        var path = Csv("skip.csv", "external_id,name,owner_email", "S-1,Good,", "S-2,,", "S-3,Unknown Owner,ghost@example.com", "S-4,Also Good,");

        var result = await ImportAsync(db, ImportEntity.Accounts, path, o => o with { SkipInvalid = true });

        Assert.Equal((ImportStatus.Imported, 2L, 2L), (result.Status, result.Inserted, result.Rejected));
        Assert.Equal(path + ".rejects.csv", result.RejectsFile);
        var rejects = File.ReadAllLines(result.RejectsFile!);
        Assert.Equal("external_id,name,owner_email,reason", rejects[0]);
        Assert.Equal("S-2,,,column 'name': a value is required", rejects[1]);
        Assert.StartsWith("S-3,Unknown Owner,ghost@example.com,column 'owner_email': no user with e-mail 'ghost@example.com'", rejects[2], StringComparison.Ordinal);
        Assert.Equal(3, rejects.Length);
        Assert.Equal(2L, await ScalarAsync<long>(db, "SELECT count(*) FROM accounts WHERE external_id IN ('S-1', 'S-2', 'S-3', 'S-4')"));
    }

    [Fact]
    public async Task Import_SkipInvalidRejectedParent_RejectsChildToo()
    {
        var path = Csv("skip-parent.csv", "external_id,name,parent_external_id", "SP-1,Parent,NOPE", "SP-2,Child,SP-1");

        var result = await ImportAsync(db, ImportEntity.Accounts, path, o => o with { SkipInvalid = true });

        Assert.Equal((0L, 2L), (result.Inserted, result.Rejected));
    }

    [Fact]
    public async Task Import_ManyErrors_ReportsFirstFiftyAndCountsAll()
    {
        var lines = new[] { "external_id,name" }.Concat(Enumerable.Range(1, 120).Select(i => $"MANY-{i},")).ToArray();
        var result = await ImportAsync(db, ImportEntity.Accounts, Csv("many.csv", lines));
        Assert.Equal((50, 120L, 120L), (result.Errors.Count, result.ErrorCount, result.Rejected));
        Assert.Equal(2, result.Errors[0].Row);
    }

    [Fact]
    public async Task Import_MissingFile_Invalid()
    {
        var result = await ImportAsync(db, ImportEntity.Accounts, Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid() + ".csv"));
        AssertError(result, 0, null, "file not found");
    }
}
