using Rapport.Core.Import;
using Rapport.Testing;
using static Rapport.Testing.ImportTestSupport;

namespace Rapport.Core.Tests.Import;

public sealed class ExportRoundTripTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await SeedAccountsAsync(db);
        await ImportAsync(db, ImportEntity.Contacts, Csv("contacts.csv",
            "external_id,account_external_id,last_name,first_name,email,buying_role,active,consent_surveys,consent_marketing",
            "RT-P1,A-1,Schmidt,Eva,\"eva@mueller.example\",decider,true,true,false",
            "RT-P2,A-2,\"O'Neil, Jr.\",,,user,false,,"));
        await ImportAsync(db, ImportEntity.Orders, Csv("orders.csv",
            "order_id,account_external_id,order_date,net_amount,product_sku,product_category,quantity,currency,margin",
            "RT-O1,A-1,2025-01-10,100,SKU-1,pumps,2,EUR,20.5", "RT-O1,A-1,2025-01-10,-3.25,SKU-2,,,,", "RT-O2,A-2,2024-11-30,7,,,1.5,CHF,"));
        await ImportAsync(db, ImportEntity.Interactions, Csv("interactions.csv",
            "account_external_id,occurred_at,channel,contact_external_id,touchpoint,phase,direction,subject",
            "A-1,2025-03-01 14:30:15,visit,RT-P1,field_service,offer,outbound,\"Besuch, mit \"\"Angebot\"\"\"",
            "A-2,2025-03-02,call,,,,,"));
        await ExecuteAsync(db, """
            INSERT INTO interactions (account_id, occurred_at, channel, subject)
            SELECT id, '2025-03-03 10:00:00.123456+00', 'chat', 'From the UI, no key' FROM accounts WHERE external_id = 'A-1'
            AND NOT EXISTS (SELECT 1 FROM interactions WHERE subject = 'From the UI, no key')
            """);
        await ImportAsync(db, ImportEntity.Contracts, Csv("contracts.csv",
            "contract_id,account_external_id,start_date,end_date,notice_days,auto_renew,annual_value,terminated_on",
            "RT-C1,A-1,2023-01-01,2025-12-31,90,true,12000,", "RT-C2,A-2,2024-06-01,,,,,"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ExportThenImport_EveryEntity_ChangesNothing()
    {
        var dir = Path.GetDirectoryName(Csv("marker.csv", "x"))!;
        var before = await SnapshotAsync(db, includeAudit: false);
        var exporter = new CsvExporter(db.DataSource);

        foreach (var entity in Enum.GetValues<ImportEntity>())
        {
            var path = Path.Combine(dir, $"{entity}.csv");
            var exported = await exporter.ExportAsync(entity, path);
            var header = File.ReadLines(path).First();
            Assert.Equal(string.Join(',', CsvImporter.SchemaOf(entity).Columns.Select(c => c.Name)), header);

            var result = await ImportAsync(db, entity, path);

            Assert.True(result.Status == ImportStatus.Imported, $"{entity}: {string.Join(" | ", result.Errors)}");
            Assert.Equal((exported.Rows, 0L, 0L, exported.Rows), (result.RowsRead, result.Inserted, result.Updated, result.Unchanged));
        }
        Assert.Equal(before, await SnapshotAsync(db, includeAudit: false));
    }

    [Fact]
    public async Task Export_Orders_WritesIsoDatesDecimalPointAndLineOrder()
    {
        var path = Path.Combine(Path.GetDirectoryName(Csv("marker.csv", "x"))!, "orders-out.csv");
        var result = await new CsvExporter(db.DataSource).ExportAsync(ImportEntity.Orders, path);

        Assert.Equal(3L, result.Rows);
        Assert.Equal(
            [
                "order_id,account_external_id,order_date,net_amount,product_sku,product_category,quantity,currency,margin",
                "RT-O1,A-1,2025-01-10,100.00,SKU-1,pumps,2.000,EUR,20.50",
                "RT-O1,A-1,2025-01-10,-3.25,SKU-2,,,EUR,",
                "RT-O2,A-2,2024-11-30,7.00,,,1.500,CHF,",
            ],
            File.ReadAllLines(path));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity = 'orders'"));
    }
}
