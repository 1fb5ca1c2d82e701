using System.Text;
using Npgsql;
using Rapport.Core.Import;

namespace Rapport.Testing;

/// <summary>Temporary CSV files and database helpers for import tests.</summary>
public static class ImportTestSupport
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "rapport-tests", "import-" + Environment.ProcessId);

    /// <summary>Writes <paramref name="lines"/> (joined with \n) as UTF-8 to a fresh file called <paramref name="name"/>.</summary>
    public static string Csv(string name, params string[] lines)
    {
        var dir = Path.Combine(Root, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes raw bytes to a fresh file.</summary>
    public static string Bytes(string name, byte[] content)
    {
        var dir = Path.Combine(Root, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>
    /// A digest of every table an import writes, to assert that a failed import changed nothing. The interactions'
    /// import_key is left out: it is bookkeeping that an import may add to interactions entered without one.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="includeAudit">False to ignore the audit log, which every successful import and export appends to.</param>
    public static async Task<string> SnapshotAsync(TestDatabase db, bool includeAudit = true)
    {
        string[] tables = ["accounts", "contacts", "consents", "orders", "order_lines", "products", "interactions", "contracts", .. (includeAudit ? new[] { "audit_log" } : [])];
        var sb = new StringBuilder();
        await using var connection = await db.OpenConnectionAsync();
        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(j::text, '|' ORDER BY j::text)), '') FROM {table} t, LATERAL (SELECT to_jsonb(t) - 'import_key' AS j) x", connection);
            sb.Append(table).Append('=').Append(await cmd.ExecuteScalarAsync()).Append(';');
        }
        return sb.ToString();
    }

    public static async Task<T> ScalarAsync<T>(TestDatabase db, string sql)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public static Task<ImportResult> ImportAsync(TestDatabase db, ImportEntity entity, string path, Func<ImportOptions, ImportOptions>? configure = null)
    {
        var options = new ImportOptions { Path = path, Entity = entity, Today = new DateOnly(2025, 6, 30) };
        return new CsvImporter(db.DataSource).ImportAsync(configure is null ? options : configure(options));
    }

    /// <summary>Asserts an invalid result whose errors include one at <paramref name="row"/> / <paramref name="column"/> containing <paramref name="text"/>.</summary>
    public static ImportError AssertError(ImportResult result, long row, string? column, string text)
    {
        Assert.Equal(ImportStatus.Invalid, result.Status);
        var match = result.Errors.FirstOrDefault(e => e.Row == row && e.Column == column && e.Message.Contains(text, StringComparison.Ordinal));
        Assert.True(match is not null, $"No error at row {row}, column {column} containing '{text}'. Errors: {string.Join(" | ", result.Errors)}");
        return match;
    }

    public const string AccountsHeader = "external_id,name,industry,country,region,employees,business_type,acquisition_channel,acquired_on,acquisition_cost,key_account,owner_email,parent_external_id";

    /// <summary>Three accounts: a group and two members, one owned by anna@example.com.</summary>
    public static async Task SeedAccountsAsync(TestDatabase db)
    {
        await ExecuteAsync(db, """
            INSERT INTO users (email, display_name, role) VALUES ('anna@example.com', 'Anna', 'account_manager') ON CONFLICT DO NOTHING
            """);
        var path = Csv("accounts.csv",
            AccountsHeader,
            "G-1,Müller Gruppe,holding,DE,,1000,system,,,,no,,",
            "A-1,Müller Maschinenbau GmbH,machinery,DE,south,250,plant,trade_fair,2019-04-01,1200.50,ja,anna@example.com,G-1",
            "A-2,\"Schmidt, Sohn & Co\",chemicals,AT,,,product,,,,,,G-1");
        var result = await ImportAsync(db, ImportEntity.Accounts, path);
        Assert.True(result.Status == ImportStatus.Imported, string.Join(" | ", result.Errors));
    }
}
