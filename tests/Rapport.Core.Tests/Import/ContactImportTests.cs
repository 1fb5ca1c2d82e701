using Rapport.Core.Import;
using Rapport.Testing;
using static Rapport.Testing.ImportTestSupport;

namespace Rapport.Core.Tests.Import;

public sealed class ContactImportTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Header = "external_id,account_external_id,last_name,first_name,email,phone,job_title,department,buying_role,active,consent_surveys,consent_marketing";

    public async Task InitializeAsync() => await SeedAccountsAsync(db);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Import_Contacts_StoresRolesAndConsentsWithAudit()
    {
        var result = await ImportAsync(db, ImportEntity.Contacts, Csv("contacts.csv", Header,
            "P-1,A-1,Schmidt,Eva,eva@mueller.example,+49 1,Head of Purchasing,Purchasing,decider,yes,ja,nein",
            "P-2,A-1,Weber,,,,,,influencer,,,"));

        Assert.Equal(2L, result.Inserted);
        Assert.Equal("decider|true|surveys:true,marketing:false", await ScalarAsync<string>(db, """
            SELECT concat_ws('|', c.buying_role, c.is_active::text,
                   (SELECT string_agg(g.purpose || ':' || g.granted, ',' ORDER BY g.purpose DESC) FROM consents g WHERE g.contact_id = c.id))
            FROM contacts c WHERE c.external_id = 'P-1'
            """));
        Assert.Equal(2L, await ScalarAsync<long>(db, "SELECT count(*) FROM audit_log a JOIN contacts c ON c.id::text = a.entity_id WHERE a.action LIKE 'consent.%' AND a.entity = 'contact' AND c.external_id = 'P-1'"));
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM consents g JOIN contacts c ON c.id = g.contact_id WHERE c.external_id = 'P-2'"));
    }

    [Fact]
    public async Task Import_SameFileTwice_AddsRowsOnce()
    {
        var path = Csv("twice.csv", Header, "TW-1,A-2,Twice,,,,,,buyer,true,1,0");
        await ImportAsync(db, ImportEntity.Contacts, path);
        var before = await SnapshotAsync(db, includeAudit: false);

        var again = await ImportAsync(db, ImportEntity.Contacts, path);

        Assert.Equal((0L, 0L, 1L), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal(before, await SnapshotAsync(db, includeAudit: false));
    }

    [Fact]
    public async Task Import_Deactivated_RecordsInactiveSinceAndWithdrawal()
    {
        await ImportAsync(db, ImportEntity.Contacts, Csv("on.csv", "external_id,account_external_id,last_name,active,consent_surveys", "DA-1,A-1,Active,true,true"));

        var result = await ImportAsync(db, ImportEntity.Contacts, Csv("off.csv", "external_id,account_external_id,last_name,active,consent_surveys", "DA-1,A-1,Active,false,false"));

        Assert.Equal(1L, result.Updated);
        Assert.True(await ScalarAsync<bool>(db, "SELECT inactive_since IS NOT NULL AND NOT is_active FROM contacts WHERE external_id = 'DA-1'"));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM audit_log a JOIN contacts c ON c.id::text = a.entity_id WHERE c.external_id = 'DA-1' AND a.action = 'consent.withdrawn'"));
    }

    [Fact]
    public async Task Import_UnknownAccountAndBadValues_InvalidAndChangesNothing()
    {
        var before = await SnapshotAsync(db);
        var result = await ImportAsync(db, ImportEntity.Contacts, Csv("bad.csv", "external_id,account_external_id,last_name,email,buying_role",
            "BC-1,NOPE,Nobody,,", "BC-2,A-1,,,", "BC-3,A-1,Mail,not-an-email,", "BC-4,A-1,Role,,chief"));

        AssertError(result, 2, "account_external_id", "no account with external_id 'NOPE'");
        AssertError(result, 3, "last_name", "a value is required");
        AssertError(result, 4, "email", "is not an e-mail address");
        AssertError(result, 5, "buying_role", "expected one of: user, influencer, buyer, decider, gatekeeper, initiator");
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Import_SameIdTwice_InvalidNamesBothRows()
    {
        var result = await ImportAsync(db, ImportEntity.Contacts, Csv("dup.csv", "external_id,account_external_id,last_name", "DC-1,A-1,One", "DC-1,A-2,Two"));
        AssertError(result, 3, "external_id", "external_id 'DC-1' appears more than once in the file (rows 2, 3)");
    }

    [Fact]
    public async Task Import_ContactMovedToOtherAccount_ConsentsFollow()
    {
        await ImportAsync(db, ImportEntity.Contacts, Csv("m1.csv", "external_id,account_external_id,last_name,consent_surveys", "MV-1,A-1,Mover,true"));

        await ImportAsync(db, ImportEntity.Contacts, Csv("m2.csv", "external_id,account_external_id,last_name", "MV-1,A-2,Mover"));

        Assert.Equal("A-2", await ScalarAsync<string>(db,
            "SELECT a.external_id FROM consents g JOIN contacts c ON c.id = g.contact_id JOIN accounts a ON a.id = g.account_id WHERE c.external_id = 'MV-1'"));
    }

    [Fact]
    public async Task Import_BomCrLfAndLineBreakInValue_RowsAreFileLines()
    {
        var content = "\uFEFFexternal_id,account_external_id,last_name,job_title\r\n"
            + "BOM-1,A-1,Lang,\"Head of\r\nPurchasing\"\r\n"
            + "BOM-2,A-1,,\r\n";
        var path = Bytes("bom.csv", new System.Text.UTF8Encoding(false).GetBytes(content));

        var result = await ImportAsync(db, ImportEntity.Contacts, path);

        AssertError(result, 4, "last_name", "a value is required");
        Assert.Equal(1, result.ErrorCount);
    }
}
