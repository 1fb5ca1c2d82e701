using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using static Rapport.Core.Import.Rules.ContactRules;

namespace Rapport.Core.Import;

/// <summary>
/// Contacts, idempotent on external_id; the account must exist. consent_surveys / consent_marketing set the current consent
/// (source: the import file) where a value is given, and each change is written to the audit log; an empty cell leaves
/// the consent alone. Deactivating a contact records inactive_since.
/// </summary>
internal sealed class ContactImport(ImportContext context) : EntityImport<ContactInput>(context)
{
    private static readonly StageColumn[] Stage =
    [
        new("external_id", "text"), new("account_external_id", "text"), new("last_name", "text"), new("first_name", "text"),
        new("email", "text"), new("phone", "text"), new("job_title", "text"), new("department", "text"), new("buying_role", "text"),
        new("active", "boolean"), new("consent_surveys", "boolean"), new("consent_marketing", "boolean"),
    ];

    private static readonly Binding[] Bindings =
    [
        new(-1, "account_id", "a.id"), new(LastName, "last_name", "s.last_name"), new(FirstName, "first_name", "s.first_name"),
        new(Email, "email", "s.email"), new(Phone, "phone", "s.phone"), new(JobTitle, "job_title", "s.job_title"),
        new(Department, "department", "s.department"), new(BuyingRole, "buying_role", "s.buying_role"),
        new(Active, "is_active", "coalesce(s.active, true)"),
    ];

    public override EntitySchema Schema => ContactRules.Schema;

    public override IReadOnlyList<StageColumn> StageColumns => Stage;

    public override RuleResult<ContactInput> Parse(IFieldValues values, ValueFormat format) => ContactRules.Parse(values, format);

    public override void Write(NpgsqlBinaryImporter w, ContactInput c)
    {
        w.Text(c.ExternalId);
        w.Text(c.AccountExternalId);
        w.Text(c.LastName);
        w.Text(c.FirstName);
        w.Text(c.Email);
        w.Text(c.Phone);
        w.Text(c.JobTitle);
        w.Text(c.Department);
        w.Text(c.BuyingRole is { } r ? EnumText.ToText(r) : null);
        w.Bool(c.Active);
        w.Bool(c.ConsentSurveys);
        w.Bool(c.ConsentMarketing);
    }

    public override IEnumerable<SqlCheck> Checks()
    {
        yield return Duplicates("external_id", "external_id", "external_id");
        yield return AccountExists();
    }

    private IEnumerable<(int Field, string Column, string Purpose)> Consents()
    {
        if (Present(ConsentSurveys))
        {
            yield return (ConsentSurveys, "consent_surveys", "surveys");
        }
        if (Present(ConsentMarketing))
        {
            yield return (ConsentMarketing, "consent_marketing", "marketing");
        }
    }

    public override Task<ImportCounts> CountAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var bindings = PresentBindings(Bindings).ToList();
        var consentChanged = string.Concat(Consents().Select(c => $"""
             OR (s.{c.Column} IS NOT NULL AND s.{c.Column} IS DISTINCT FROM
                 (SELECT g.granted FROM consents g WHERE g.contact_id = t.id AND g.purpose = '{c.Purpose}'))
            """));
        return ReadCountsAsync(connection, $"""
            SELECT count(*) FILTER (WHERE t.id IS NULL),
                   count(*) FILTER (WHERE t.id IS NOT NULL AND x.changed),
                   count(*) FILTER (WHERE t.id IS NOT NULL AND NOT x.changed)
            FROM import_stage s
            JOIN accounts a ON a.external_id = s.account_external_id
            LEFT JOIN contacts t ON t.external_id = s.external_id
            CROSS JOIN LATERAL (SELECT ({Changed(bindings, "t", null)}) {consentChanged} AS changed) x
            WHERE s.reason IS NULL
            """, ct);
    }

    public override async Task ApplyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var bindings = PresentBindings(Bindings).ToList();
        var inactiveSince = Present(Active)
            ? """
              , inactive_since = CASE WHEN excluded.is_active THEN NULL
                                      WHEN contacts.is_active THEN current_date ELSE contacts.inactive_since END
              """
            : "";
        await ExecuteAsync(connection, $"""
            INSERT INTO contacts (external_id, {string.Join(", ", bindings.Select(b => b.Column))}{(Present(Active) ? ", inactive_since" : "")})
            SELECT s.external_id, {string.Join(", ", bindings.Select(b => b.Source))}
                   {(Present(Active) ? ", CASE WHEN coalesce(s.active, true) THEN NULL ELSE current_date END" : "")}
            FROM import_stage s JOIN accounts a ON a.external_id = s.account_external_id
            WHERE s.reason IS NULL
            ON CONFLICT (external_id) DO UPDATE
            SET {string.Join(", ", bindings.Select(b => $"{b.Column} = excluded.{b.Column}"))}{inactiveSince}, updated_at = now()
            WHERE {Changed(bindings, "contacts", "excluded")}
            """, ct);

        // A contact moved to another account takes its consents along.
        await ExecuteAsync(connection, """
            UPDATE consents g SET account_id = c.account_id
            FROM import_stage s JOIN contacts c ON c.external_id = s.external_id
            WHERE s.reason IS NULL AND g.contact_id = c.id AND g.account_id <> c.account_id
            """, ct);

        foreach (var consent in Consents())
        {
            await ExecuteAsync(connection, $"""
                WITH changed AS (
                    INSERT INTO consents (contact_id, purpose, account_id, granted, source, recorded_at)
                    SELECT c.id, '{consent.Purpose}', c.account_id, s.{consent.Column}, @source, now()
                    FROM import_stage s JOIN contacts c ON c.external_id = s.external_id
                    WHERE s.reason IS NULL AND s.{consent.Column} IS NOT NULL
                    ON CONFLICT (contact_id, purpose) DO UPDATE
                    SET granted = excluded.granted, source = excluded.source, recorded_at = excluded.recorded_at, account_id = excluded.account_id
                    WHERE consents.granted IS DISTINCT FROM excluded.granted OR consents.account_id <> excluded.account_id
                    RETURNING contact_id, purpose, granted)
                INSERT INTO audit_log (actor, action, entity, entity_id, details)
                SELECT @actor, 'consent.' || CASE WHEN granted THEN 'granted' ELSE 'withdrawn' END, 'contact', contact_id::text,
                       jsonb_build_object('purpose', purpose, 'granted', granted, 'source', @source)
                FROM changed
                """, ct, new NpgsqlParameter("source", Context.Source), new NpgsqlParameter("actor", Context.Options.Actor));
        }
    }
}
