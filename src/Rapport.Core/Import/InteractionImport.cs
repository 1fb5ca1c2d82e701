using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using static Rapport.Core.Import.Rules.InteractionRules;

namespace Rapport.Core.Import;

/// <summary>
/// Interactions carry no id, so they are idempotent on <see cref="InteractionRules.ImportKey(InteractionInput)"/>:
/// account, occurred_at, channel, contact and subject identify one; touchpoint, phase and direction are updated.
/// Interactions entered without a key (the web UI, the API) that match a row exactly adopt its key instead of being
/// duplicated, so an export followed by an import changes nothing.
/// </summary>
internal sealed class InteractionImport(ImportContext context) : EntityImport<InteractionInput>(context)
{
    private static readonly StageColumn[] Stage =
    [
        new("import_key", "text"), new("account_external_id", "text"), new("occurred_at", "timestamptz"), new("channel", "text"),
        new("contact_external_id", "text"), new("touchpoint_id", "integer"), new("phase_id", "integer"), new("direction", "text"),
        new("subject", "text"),
    ];

    private static readonly Binding[] Bindings =
    [
        new(Touchpoint, "touchpoint_id", "s.touchpoint_id"), new(Phase, "phase_id", "s.phase_id"), new(Direction, "direction", "s.direction"),
    ];

    private Dictionary<string, int> _touchpoints = [];
    private Dictionary<string, int> _phases = [];

    public override EntitySchema Schema => InteractionRules.Schema;

    public override IReadOnlyList<StageColumn> StageColumns => Stage;

    public override RuleResult<InteractionInput> Parse(IFieldValues values, ValueFormat format) => InteractionRules.Parse(values, format);

    public override async Task PrepareAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        _touchpoints = await PgSql.CodesAsync(connection, "touchpoints", StringComparer.OrdinalIgnoreCase, ct);
        _phases = await PgSql.CodesAsync(connection, "business_phases", StringComparer.OrdinalIgnoreCase, ct);
    }

    public override void CheckRow(InteractionInput input, List<FieldError> errors)
    {
        if (input.Touchpoint is { } t && !_touchpoints.ContainsKey(t))
        {
            errors.Add(new FieldError("touchpoint", $"unknown touchpoint '{t}' (expected one of: {string.Join(", ", _touchpoints.Keys)})"));
        }
        if (input.Phase is { } p && !_phases.ContainsKey(p))
        {
            errors.Add(new FieldError("phase", $"unknown phase '{p}' (expected one of: {string.Join(", ", _phases.Keys)})"));
        }
    }

    public override void Write(NpgsqlBinaryImporter w, InteractionInput i)
    {
        w.Text(ImportKey(i));
        w.Text(i.AccountExternalId);
        w.Timestamp(i.OccurredAt);
        w.Text(i.Channel is { } c ? EnumText.ToText(c) : null);
        w.Text(i.ContactExternalId);
        w.Int(i.Touchpoint is null ? null : _touchpoints[i.Touchpoint]);
        w.Int(i.Phase is null ? null : _phases[i.Phase]);
        w.Text(i.Direction is { } d ? EnumText.ToText(d) : null);
        w.Text(i.Subject);
    }

    public override IEnumerable<SqlCheck> Checks()
    {
        yield return Duplicates("", "import_key",
            "the same interaction (account_external_id, occurred_at, channel, contact_external_id and subject)", showKey: false);
        yield return AccountExists();
        yield return new SqlCheck("contact_external_id", """
            SELECT s.line, format('no contact with external_id %L in the database', s.contact_external_id)
            FROM import_stage s
            WHERE s.reason IS NULL AND s.contact_external_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.external_id = s.contact_external_id)
            """);
        yield return new SqlCheck("contact_external_id", """
            SELECT s.line, format('contact %L belongs to account %L, not to %L', s.contact_external_id, a.external_id, s.account_external_id)
            FROM import_stage s
            JOIN contacts c ON c.external_id = s.contact_external_id
            JOIN accounts a ON a.id = c.account_id
            WHERE s.reason IS NULL AND a.external_id <> s.account_external_id
            """);
    }

    public override async Task<ImportCounts> CountAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await ExecuteAsync(connection, """
            UPDATE interactions i SET import_key = m.import_key
            FROM (
                SELECT DISTINCT ON (s.import_key) s.import_key, i.id
                FROM import_stage s
                JOIN accounts a ON a.external_id = s.account_external_id
                LEFT JOIN contacts c ON c.external_id = s.contact_external_id
                JOIN interactions i ON i.account_id = a.id AND i.occurred_at = s.occurred_at AND i.channel = s.channel
                                   AND i.contact_id IS NOT DISTINCT FROM c.id
                                   AND coalesce(btrim(i.subject), '') = coalesce(s.subject, '')
                WHERE s.reason IS NULL AND i.import_key IS NULL
                  AND NOT EXISTS (SELECT 1 FROM interactions k WHERE k.import_key = s.import_key)
                ORDER BY s.import_key, i.id) m
            WHERE i.id = m.id
            """, ct);
        var bindings = PresentBindings(Bindings).ToList();
        return await ReadCountsAsync(connection, $"""
            SELECT count(*) FILTER (WHERE i.id IS NULL),
                   count(*) FILTER (WHERE i.id IS NOT NULL AND x.changed),
                   count(*) FILTER (WHERE i.id IS NOT NULL AND NOT x.changed)
            FROM import_stage s
            LEFT JOIN interactions i ON i.import_key = s.import_key
            CROSS JOIN LATERAL (SELECT {Changed(bindings, "i", null)} AS changed) x
            WHERE s.reason IS NULL
            """, ct);
    }

    public override async Task ApplyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var bindings = PresentBindings(Bindings).ToList();
        var update = bindings.Count == 0
            ? "DO NOTHING"
            : $"""
              DO UPDATE SET {string.Join(", ", bindings.Select(b => $"{b.Column} = excluded.{b.Column}"))}
              WHERE {Changed(bindings, "interactions", "excluded")}
              """;
        await ExecuteAsync(connection, $"""
            INSERT INTO interactions (account_id, contact_id, occurred_at, channel, touchpoint_id, phase_id, direction, subject, import_key)
            SELECT a.id, c.id, s.occurred_at, s.channel, s.touchpoint_id, s.phase_id, s.direction, s.subject, s.import_key
            FROM import_stage s
            JOIN accounts a ON a.external_id = s.account_external_id
            LEFT JOIN contacts c ON c.external_id = s.contact_external_id
            WHERE s.reason IS NULL
            ON CONFLICT (import_key) WHERE import_key IS NOT NULL {update}
            """, ct);
    }
}
