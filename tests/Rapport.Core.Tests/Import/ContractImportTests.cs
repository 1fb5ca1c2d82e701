using Rapport.Core.Import;
using Rapport.Testing;
using static Rapport.Testing.ImportTestSupport;

namespace Rapport.Core.Tests.Import;

public sealed class ContractImportTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Header = "contract_id,account_external_id,start_date,end_date,notice_days,auto_renew,annual_value,terminated_on";

    public async Task InitializeAsync() => await SeedAccountsAsync(db);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Import_SameFileTwice_AddsOnceThenUpdatesChanges()
    {
        var path = Csv("c.csv", Header, "V-1,A-1,2023-01-01,2025-12-31,90,ja,12000.00,", "V-2,A-2,2024-06-01,,,,,");
        var first = await ImportAsync(db, ImportEntity.Contracts, path);
        var again = await ImportAsync(db, ImportEntity.Contracts, path);
        var changed = await ImportAsync(db, ImportEntity.Contracts, Csv("c2.csv", Header, "V-1,A-1,2023-01-01,2025-12-31,90,ja,12000.00,2025-03-31"));

        Assert.Equal((2L, 0L, 2L, 1L), (first.Inserted, again.Inserted, again.Unchanged, changed.Updated));
        Assert.Equal("2023-01-01|2025-12-31|90|t|12000.00|2025-03-31", await ScalarAsync<string>(db,
            "SELECT concat_ws('|', start_date, end_date, notice_days, auto_renew, annual_value, terminated_on) FROM contracts WHERE contract_no = 'V-1'"));
    }

    [Fact]
    public async Task Import_BadRows_InvalidEachNamedAndChangesNothing()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Contracts, Csv("bad.csv", Header,
            "BV-1,A-1,2024-01-01,2023-01-01,,,,",
            "BV-2,NOPE,2024-01-01,,,,,",
            "BV-3,A-1,,,,,,",
            "BV-4,A-1,2024-01-01,,-30,,,",
            "BV-1,A-2,2024-01-01,,,,,"));

        AssertError(result, 2, "end_date", "end_date 2023-01-01 is before start_date 2024-01-01");
        AssertError(result, 3, "account_external_id", "no account with external_id 'NOPE'");
        AssertError(result, 4, "start_date", "a value is required");
        AssertError(result, 5, "notice_days", "must not be negative");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_SameContractTwice_InvalidNamesBothRows()
    {
        var result = await ImportAsync(db, ImportEntity.Contracts, Csv("dup.csv", Header, "DV-1,A-1,2024-01-01,,,,,", "DV-1,A-2,2024-01-01,,,,,"));
        AssertError(result, 2, "contract_id", "contract_id 'DV-1' appears more than once in the file (rows 2, 3)");
    }
}
