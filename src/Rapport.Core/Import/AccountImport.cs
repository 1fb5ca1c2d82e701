using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using static Rapport.Core.Import.Rules.AccountRules;

namespace Rapport.Core.Import;

/// <summary>
/// Accounts, idempotent on external_id. Columns the file does not have keep their values on update.
/// Parents are set in a second step, so a parent may come later in the same file; owner_email must name a user.
/// </summary>
internal sealed class AccountImport(ImportContext context) : EntityImport<AccountInput>(context)
{
    private static readonly StageColumn[] Stage =
    [
        new("external_id", "text"), new("name", "text"), new("industry", "text"), new("country", "text"), new("region", "text"),
        new("employees", "integer"), new("business_type", "text"), new("acquisition_channel", "text"), new("acquired_on", "date"),
        new("acquisition_cost", "numeric(14,2)"), new("key_account", "boolean"), new("owner_email", "text"), new("parent_external_id", "text"),
    ];

    private static readonly Binding[] Bindings =
    [
        new(Name, "name", "s.name"), new(Industry, "industry", "s.industry"), new(Country, "country", "s.country"),
        new(Region, "region", "s.region"), new(Employees, "employees", "s.employees"), new(BusinessType, "business_type", "s.business_type"),
        new(AcquisitionChannel, "acquisition_channel", "s.acquisition_channel"), new(AcquiredOn, "acquired_on", "s.acquired_on"),
        new(AcquisitionCost, "acquisition_cost", "s.acquisition_cost"), new(KeyAccount, "key_account", "coalesce(s.key_account, false)"),
        new(OwnerEmail, "owner_user_id", "u.id"),
    ];

    public override EntitySchema Schema => AccountRules.Schema;

    public override IReadOnlyList<StageColumn> StageColumns => Stage;

    public override RuleResult<AccountInput> Parse(IFieldValues values, ValueFormat format) => AccountRules.Parse(values, format);

    public override void Write(NpgsqlBinaryImporter w, AccountInput a)
    {
        w.Text(a.ExternalId);
        w.Text(a.Name);
        w.Text(a.Industry);
        w.Text(a.Country);
        w.Text(a.Region);
        w.Int(a.Employees);
        w.Text(a.BusinessType is { } b ? EnumText.ToText(b) : null);
        w.Text(a.AcquisitionChannel is { } c ? EnumText.ToText(c) : null);
        w.Date(a.AcquiredOn);
        w.Decimal(a.AcquisitionCost);
        w.Bool(a.KeyAccount);
        w.Text(a.OwnerEmail);
        w.Text(a.ParentExternalId);
    }

    public override IEnumerable<SqlCheck> Checks()
    {
        yield return Duplicates("external_id", "external_id", "external_id");
        if (Present(OwnerEmail))
        {
            yield return new SqlCheck("owner_email", """
                SELECT s.line, format('no user with e-mail %L (add the user first: rapport users add)', s.owner_email)
                FROM import_stage s
                WHERE s.reason IS NULL AND s.owner_email IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(s.owner_email))
                """);
        }
        if (Present(ParentExternalId))
        {
            yield return new SqlCheck("parent_external_id", """
                SELECT s.line, format('no account with external_id %L in the database or in this file', s.parent_external_id)
                FROM import_stage s
                WHERE s.reason IS NULL AND s.parent_external_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM import_stage p WHERE p.external_id = s.parent_external_id AND p.reason IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.external_id = s.parent_external_id)
                """, Repeat: true);
            // Parent links after the import: the file's links for its accounts, the database's for all others.
            yield return new SqlCheck("parent_external_id", """
                WITH RECURSIVE edge(child, parent) AS (
                    SELECT s.external_id, s.parent_external_id FROM import_stage s
                    WHERE s.reason IS NULL AND s.parent_external_id IS NOT NULL
                    UNION ALL
                    SELECT a.external_id, p.external_id FROM accounts a JOIN accounts p ON p.id = a.parent_account_id
                    WHERE NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.external_id = a.external_id AND s.reason IS NULL)),
                walk(start, node, depth) AS (
                    SELECT e.child, e.parent, 1 FROM edge e JOIN import_stage s ON s.external_id = e.child AND s.reason IS NULL
                    UNION ALL
                    SELECT w.start, e.parent, w.depth + 1 FROM walk w JOIN edge e ON e.child = w.node
                    WHERE w.node <> w.start AND w.depth < 1000)
                SELECT s.line, format('parent_external_id %L makes account %L its own ancestor', s.parent_external_id, s.external_id)
                FROM import_stage s
                WHERE s.reason IS NULL AND EXISTS (SELECT 1 FROM walk w WHERE w.start = s.external_id AND w.node = w.start)
                """, Repeat: true);
        }
    }

    private string Source => """
        import_stage s
        LEFT JOIN users u ON lower(u.email) = lower(s.owner_email)
        """;

    public override Task<ImportCounts> CountAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var bindings = PresentBindings(Bindings).ToList();
        var parentChanged = Present(ParentExternalId) ? "OR pe.external_id IS DISTINCT FROM s.parent_external_id" : "";
        return ReadCountsAsync(connection, $"""
            SELECT count(*) FILTER (WHERE a.id IS NULL),
                   count(*) FILTER (WHERE a.id IS NOT NULL AND (x.changed {parentChanged})),
                   count(*) FILTER (WHERE a.id IS NOT NULL AND NOT (x.changed {parentChanged}))
            FROM {Source}
            LEFT JOIN accounts a ON a.external_id = s.external_id
            LEFT JOIN accounts pe ON pe.id = a.parent_account_id
            CROSS JOIN LATERAL (SELECT {Changed(bindings, "a", null)} AS changed) x
            WHERE s.reason IS NULL
            """, ct);
    }

    public override async Task ApplyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var bindings = PresentBindings(Bindings).ToList();
        await ExecuteAsync(connection, $"""
            INSERT INTO accounts (external_id, {string.Join(", ", bindings.Select(b => b.Column))})
            SELECT s.external_id, {string.Join(", ", bindings.Select(b => b.Source))}
            FROM {Source}
            WHERE s.reason IS NULL
            ON CONFLICT (external_id) DO UPDATE
            SET {string.Join(", ", bindings.Select(b => $"{b.Column} = excluded.{b.Column}"))}, updated_at = now()
            WHERE {Changed(bindings, "accounts", "excluded")}
            """, ct);
        if (Present(ParentExternalId))
        {
            await ExecuteAsync(connection, """
                UPDATE accounts a SET parent_account_id = p.id, updated_at = now()
                FROM import_stage s LEFT JOIN accounts p ON p.external_id = s.parent_external_id
                WHERE s.reason IS NULL AND a.external_id = s.external_id AND a.parent_account_id IS DISTINCT FROM p.id
                """, ct);
        }
    }
}
