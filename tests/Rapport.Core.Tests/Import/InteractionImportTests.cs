using Rapport.Core.Import;
using Rapport.Testing;
using static Rapport.Testing.ImportTestSupport;

namespace Rapport.Core.Tests.Import;

public sealed class InteractionImportTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Header = "account_external_id,occurred_at,channel,contact_external_id,touchpoint,phase,direction,subject";

    public async Task InitializeAsync()
    {
        await SeedAccountsAsync(db);
        await ImportAsync(db, ImportEntity.Contacts, Csv("contacts.csv", "external_id,account_external_id,last_name", "IC-1,A-1,Schmidt", "IC-2,A-2,Weber"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Import_Interactions_ResolvesCodesAndContacts()
    {
        var result = await ImportAsync(db, ImportEntity.Interactions, Csv("i.csv", Header,
            "A-1,2025-03-01 14:30,visit,IC-1,field_service,offer,outbound,Angebot besprochen",
            "A-2,2025-03-02T09:00:00+01:00,call,,,,inbound,"));

        Assert.Equal(2L, result.Inserted);
        Assert.Equal("visit|field_service|offer|outbound|IC-1", await ScalarAsync<string>(db, """
            SELECT concat_ws('|', i.channel, t.code, p.code, i.direction, c.external_id) FROM interactions i
            JOIN touchpoints t ON t.id = i.touchpoint_id JOIN business_phases p ON p.id = i.phase_id JOIN contacts c ON c.id = i.contact_id
            WHERE i.subject = 'Angebot besprochen'
            """));
        Assert.Equal(new DateTime(2025, 3, 2, 8, 0, 0), await ScalarAsync<DateTime>(db,
            "SELECT occurred_at AT TIME ZONE 'UTC' FROM interactions i JOIN accounts a ON a.id = i.account_id WHERE a.external_id = 'A-2' AND i.channel = 'call'"));
    }

    [Fact]
    public async Task Import_SameFileTwice_AddsRowsOnceAndUpdatesByKey()
    {
        await ImportAsync(db, ImportEntity.Interactions, Csv("k1.csv", Header, "A-1,2025-04-01 10:00,email,,sales,,outbound,Key test"));
        var before = await SnapshotAsync(db, includeAudit: false);
        var again = await ImportAsync(db, ImportEntity.Interactions, Csv("k1b.csv", Header, "A-1,2025-04-01 10:00:00,email,,sales,,outbound,Key test"));
        Assert.Equal((0L, 0L, 1L), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal(before, await SnapshotAsync(db, includeAudit: false));

        var changed = await ImportAsync(db, ImportEntity.Interactions, Csv("k2.csv", Header, "A-1,2025-04-01 10:00,email,,logistics,,outbound,Key test"));

        Assert.Equal((0L, 1L), (changed.Inserted, changed.Updated));
        Assert.Equal("logistics", await ScalarAsync<string>(db,
            "SELECT t.code FROM interactions i JOIN touchpoints t ON t.id = i.touchpoint_id WHERE i.subject = 'Key test'"));
    }

    [Fact]
    public async Task Import_KeylessInteractionInDatabase_IsAdoptedNotDuplicated()
    {
        await ExecuteAsync(db, """
            INSERT INTO interactions (account_id, occurred_at, channel, subject)
            SELECT id, '2025-05-05 08:00:00+00', 'meeting', 'Entered in the UI' FROM accounts WHERE external_id = 'A-2'
            AND NOT EXISTS (SELECT 1 FROM interactions WHERE subject = 'Entered in the UI')
            """);

        var result = await ImportAsync(db, ImportEntity.Interactions, Csv("adopt.csv", Header, "A-2,2025-05-05 08:00,meeting,,,,,Entered in the UI"));

        Assert.Equal((0L, 1L), (result.Inserted, result.Unchanged));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM interactions WHERE subject = 'Entered in the UI' AND import_key IS NOT NULL"));
    }

    [Fact]
    public async Task Import_BadReferencesAndCodes_InvalidAndChangesNothing()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Interactions, Csv("bad.csv", Header,
            "A-1,2025-01-01,fax,,,,,",
            "A-1,2025-01-01,call,,canteen,,,",
            "A-1,2025-01-01,call,IC-2,,,,Wrong account",
            "A-1,2025-01-01,call,IC-404,,,,Missing contact",
            "A-1,someday,call,,,,,"));

        AssertError(result, 2, "channel", "expected one of: visit, call, email, meeting, event, portal, chat");
        AssertError(result, 3, "touchpoint", "unknown touchpoint 'canteen'");
        AssertError(result, 4, "contact_external_id", "contact 'IC-2' belongs to account 'A-2', not to 'A-1'");
        AssertError(result, 5, "contact_external_id", "no contact with external_id 'IC-404'");
        AssertError(result, 6, "occurred_at", "is not a date and time");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_SameInteractionTwice_InvalidNamesBothRows()
    {
        var result = await ImportAsync(db, ImportEntity.Interactions, Csv("dup.csv", Header, "A-1,2025-01-01 10:00,call,,,,,Same", "A-1,2025-01-01 10:00,call,,,,,Same"));
        AssertError(result, 3, null, "appears more than once in the file (rows 2, 3)");
    }
}
