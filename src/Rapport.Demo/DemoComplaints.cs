using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Import;
using Rapport.Core.Complaints;
using Rapport.Core.Data;

namespace Rapport.Demo;

/// <summary>Rows written by <see cref="DemoComplaints.WriteAsync"/>.</summary>
public sealed record DemoComplaintCounts(int Complaints, int Events);

/// <summary>
/// Complaints of the demo company with their history (docs/demo-company.md): the declining key account
/// <see cref="DemoStories.DecliningKeyAccountId"/> has a run of complaints in delivery and operation &amp; maintenance —
/// late ones, one reopened and open again, several open past their deadline; other customers complain now and then,
/// mostly about delivery and service. Deadlines follow the default SLA (business days). The same seed gives the same
/// complaints; nothing is escalated yet — the app's overdue check does that on its first run.
/// </summary>
public static class DemoComplaints
{
    private const int Stream = 0x0C0C;

    /// <summary>One planned complaint: dates are days before the as-of date, with the steps it went through.</summary>
    private sealed record Plan(
        string AccountExternalId,
        int ReceivedDaysAgo,
        int Hour,
        ComplaintCategory Category,
        ComplaintSeverity Severity,
        string Phase,
        string Touchpoint,
        string Subject,
        string? Description,
        Outcome Outcome,
        double ResolveAfterDays = 0,
        int? Satisfaction = null,
        string? RootCause = null,
        string? Resolution = null,
        string? ReopenNote = null);

    private enum Outcome
    {
        Received,
        Acknowledged,
        InProgress,
        Resolved,
        Confirmed,
        ReopenedOpen,
        ReopenedConfirmed,
    }

    private static readonly Plan[] Brenner =
    [
        new(DemoStories.DecliningKeyAccountId, 212, 9, ComplaintCategory.Delivery, ComplaintSeverity.High, "delivery", "logistics",
            "Lieferverzug Ersatzteile Getriebe KT-400", "Zugesagte Getriebeteile kamen zwei Wochen zu spät; Linie 2 stand vier Tage.",
            Outcome.Confirmed, 7.5, 2, "Spediteur hat Abholung verpasst, keine Eskalation im Versand.", "Teile per Express nachgeliefert, Versandprozess mit Spediteur geklärt."),
        new(DemoStories.DecliningKeyAccountId, 200, 14, ComplaintCategory.Service, ComplaintSeverity.Critical, "operation", "technical_service",
            "Wiederholter Stillstand am Kartonierer KT-400", "Dritter Stillstand in vier Wochen, Ursache unklar.",
            Outcome.ReopenedConfirmed, 3.2, 2, "Verschlissene Servoachse, beim ersten Einsatz nicht erkannt.", "Servoachse getauscht, Wartungsintervall verkürzt.",
            "Stillstand tritt nach einer Woche wieder auf."),
        new(DemoStories.DecliningKeyAccountId, 131, 10, ComplaintCategory.Delivery, ComplaintSeverity.High, "delivery", "logistics",
            "Lieferverzug Formatteile", "Formatteile für die Umstellung auf neue Kartongrößen fehlten zum Termin.",
            Outcome.Confirmed, 6.1, 3, "Fertigungsauftrag für Formatteile zu spät freigegeben.", "Teile geliefert, Umstellung nachgeholt."),
        new(DemoStories.DecliningKeyAccountId, 96, 8, ComplaintCategory.Service, ComplaintSeverity.High, "operation", "field_service",
            "Servicetechniker nicht erreichbar", "Bei Störung am Wochenende war niemand vom Außendienst erreichbar.",
            Outcome.Confirmed, 2.4, 2, "Rufbereitschaftsplan nicht aktualisiert.", "Rufbereitschaft neu geregelt, Kontaktliste an den Kunden geschickt."),
        new(DemoStories.DecliningKeyAccountId, 58, 11, ComplaintCategory.Delivery, ComplaintSeverity.Medium, "delivery", "order_processing",
            "Falsche Ersatzteile geliefert", "Statt der bestellten Dichtungssätze kamen Teile für die Vorgängerbaureihe.",
            Outcome.ReopenedOpen, 4.0, null, "Stammdaten der Stückliste veraltet.", "Richtige Dichtungssätze geliefert.",
            "Auch die zweite Lieferung passt nicht zur Maschine."),
        new(DemoStories.DecliningKeyAccountId, 24, 15, ComplaintCategory.Service, ComplaintSeverity.High, "operation", "technical_service",
            "Wartungseinsatz ohne Rückmeldung verschoben", "Der vereinbarte Wartungstermin wurde kurzfristig abgesagt, ein neuer Termin fehlt.",
            Outcome.Acknowledged),
        new(DemoStories.DecliningKeyAccountId, 13, 9, ComplaintCategory.Documentation, ComplaintSeverity.Medium, "operation", "technical_service",
            "Dokumentation der Steuerung unvollständig", "Schaltpläne zur letzten Softwareänderung fehlen.",
            Outcome.InProgress),
        new(DemoStories.DecliningKeyAccountId, 3, 10, ComplaintCategory.Invoicing, ComplaintSeverity.Low, "operation", "accounting",
            "Serviceeinsatz doppelt berechnet", null, Outcome.Received),
    ];

    private static readonly (ComplaintCategory Category, string Phase, string Touchpoint, string Subject, double Weight)[] Topics =
    [
        (ComplaintCategory.Delivery, "delivery", "logistics", "Lieferverzug Ersatzteile", 3),
        (ComplaintCategory.Delivery, "delivery", "order_processing", "Lieferung unvollständig", 1.5),
        (ComplaintCategory.Service, "operation", "technical_service", "Reaktionszeit Service-Hotline", 2.5),
        (ComplaintCategory.Service, "operation", "field_service", "Servicetechniker nicht erreichbar", 1.5),
        (ComplaintCategory.SpareParts, "operation", "technical_service", "Ersatzteil passt nicht", 1.5),
        (ComplaintCategory.ProductQuality, "commissioning", "installation", "Mängel bei der Inbetriebnahme", 1),
        (ComplaintCategory.Installation, "commissioning", "installation", "Montage verzögert", 0.8),
        (ComplaintCategory.Invoicing, "operation", "accounting", "Fehlerhafte Rechnung", 1),
        (ComplaintCategory.Communication, "offer", "sales", "Angebot nicht wie besprochen", 0.6),
        (ComplaintCategory.Documentation, "delivery", "engineering", "Technische Dokumentation fehlt", 0.6),
    ];

    /// <summary>
    /// Writes the demo complaints and their history on the connection and in the transaction of the demo seed; accounts,
    /// owners and contacts must already be written.
    /// </summary>
    public static async Task<DemoComplaintCounts> WriteAsync(NpgsqlConnection conn, DemoOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(options);
        var accounts = new List<(long Id, string ExternalId, string? OwnerEmail, long? OwnerId, long? ContactId)>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT a.id, a.external_id, u.email, u.id,
                   (SELECT c.id FROM contacts c WHERE c.account_id = a.id AND c.is_active
                    ORDER BY (c.buying_role IN ('user', 'influencer')) DESC, c.external_id LIMIT 1)
            FROM accounts a LEFT JOIN users u ON u.id = a.owner_user_id
            WHERE a.segment IN ('new', 'regular') OR a.external_id = $1
            ORDER BY a.external_id
            """, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = DemoStories.DecliningKeyAccountId });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                accounts.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4)));
            }
        }
        var plans = new List<Plan>(Brenner.Where(p => accounts.Any(a => a.ExternalId == p.AccountExternalId)));
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            if (account.ExternalId == DemoStories.DecliningKeyAccountId)
            {
                continue;
            }
            var random = DemoRandom.Create(options.Seed, Stream, DemoRandom.Mix(0, i, account.ExternalId.Length));
            var count = random.Chance(0.12) ? (random.Chance(0.3) ? 2 : 1) : 0;
            for (var k = 0; k < count; k++)
            {
                plans.Add(RoutinePlan(account.ExternalId, random));
            }
        }

        var phases = await PgSql.CodesAsync(conn, "business_phases", StringComparer.Ordinal, ct);
        var touchpoints = await PgSql.CodesAsync(conn, "touchpoints", StringComparer.Ordinal, ct);
        var ids = await ReserveIdsAsync(conn, plans.Count, ct);
        var tokens = await TokensAsync(conn, ct);
        var sla = new ComplaintSla(new ComplaintOptions());
        var byExternalId = accounts.ToDictionary(a => a.ExternalId, StringComparer.Ordinal);
        var events = new List<(long ComplaintId, long AccountId, ComplaintEventKind Kind, ComplaintStatus? From, ComplaintStatus? To, string Actor, long? ActorId, string? Note, DateTimeOffset At)>();

        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY complaints (id, account_id, contact_id, received_at, category, severity, touchpoint_id, phase_id, subject, description, "
            + "status, owner_user_id, sla_started_at, due_at, root_cause, resolution, handling_satisfaction, acknowledged_at, resolved_at, "
            + "confirmed_at, reopen_count, customer_token_nonce, customer_token_hash, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var n = 0; n < plans.Count; n++)
            {
                var p = plans[n];
                var id = ids[n];
                var account = byExternalId[p.AccountExternalId];
                var actor = account.OwnerEmail ?? "system";
                var received = DemoHistory.At(options.AsOf.AddDays(-p.ReceivedDaysAgo), p.Hour, 15);
                var slaStart = received;
                var status = ComplaintStatus.Received;
                DateTimeOffset? acknowledged = null, resolved = null, confirmed = null;
                var reopenCount = 0;
                short? satisfaction = null;
                // Steps of a recent complaint may not run past the start of the as-of day.
                var limit = DemoHistory.At(options.AsOf, 0, 0);
                void Step(ComplaintEventKind kind, ComplaintStatus to, DateTimeOffset at, string who, long? whoId, string? note = null)
                {
                    events.Add((id, account.Id, kind, kind == ComplaintEventKind.Received ? null : status, to, who, whoId, note, at < limit ? at : limit));
                    status = to;
                }

                Step(ComplaintEventKind.Received, ComplaintStatus.Received, received, actor, account.OwnerId);
                if (p.Outcome != Outcome.Received)
                {
                    acknowledged = received.AddHours(3);
                    Step(ComplaintEventKind.Acknowledged, ComplaintStatus.Acknowledged, acknowledged.Value, actor, account.OwnerId);
                }
                if (p.Outcome is not (Outcome.Received or Outcome.Acknowledged))
                {
                    Step(ComplaintEventKind.Started, ComplaintStatus.InProgress, received.AddHours(20), actor, account.OwnerId);
                }
                if (p.Outcome is Outcome.Resolved or Outcome.Confirmed or Outcome.ReopenedOpen or Outcome.ReopenedConfirmed)
                {
                    resolved = received.AddDays(p.ResolveAfterDays);
                    Step(ComplaintEventKind.Resolved, ComplaintStatus.Resolved, resolved.Value, actor, account.OwnerId);
                }
                if (p.Outcome is Outcome.ReopenedOpen or Outcome.ReopenedConfirmed)
                {
                    var reopenedAt = resolved!.Value.AddDays(5);
                    reopenCount = 1;
                    slaStart = reopenedAt;
                    Step(ComplaintEventKind.Reopened, ComplaintStatus.Reopened, reopenedAt, "customer", null, p.ReopenNote);
                    if (p.Outcome == Outcome.ReopenedConfirmed)
                    {
                        resolved = reopenedAt.AddDays(p.ResolveAfterDays);
                        Step(ComplaintEventKind.Resolved, ComplaintStatus.Resolved, resolved.Value, actor, account.OwnerId);
                    }
                }
                if (p.Outcome is Outcome.Confirmed or Outcome.ReopenedConfirmed)
                {
                    confirmed = resolved!.Value.AddDays(2) < limit ? resolved.Value.AddDays(2) : limit;
                    satisfaction = (short?)p.Satisfaction;
                    Step(ComplaintEventKind.Confirmed, ComplaintStatus.Confirmed, confirmed.Value, "customer", null);
                }
                // Like the workflow: every resolution issues a link; its answer (or a reopening) keeps the hash.
                var nonce = resolved is not null ? ComplaintTokens.NewNonce() : null;
                resolved = resolved < limit ? resolved : resolved is null ? null : limit;
                acknowledged = acknowledged < limit ? acknowledged : acknowledged is null ? null : limit;

                await w.StartRowAsync(ct);
                await w.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(account.Id, NpgsqlDbType.Bigint, ct);
                await w.WriteNullableAsync(account.ContactId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(received, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(EnumText.ToText(p.Category), NpgsqlDbType.Text, ct);
                await w.WriteAsync(EnumText.ToText(p.Severity), NpgsqlDbType.Text, ct);
                await w.WriteNullableAsync<int>(touchpoints.TryGetValue(p.Touchpoint, out var tp) ? tp : null, NpgsqlDbType.Integer, ct);
                await w.WriteNullableAsync<int>(phases.TryGetValue(p.Phase, out var ph) ? ph : null, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(p.Subject, NpgsqlDbType.Text, ct);
                await w.WriteNullableAsync(p.Description, NpgsqlDbType.Text, ct);
                await w.WriteAsync(EnumText.ToText(status), NpgsqlDbType.Text, ct);
                await w.WriteNullableAsync(account.OwnerId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(slaStart, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(sla.DueAt(slaStart, p.Severity), NpgsqlDbType.TimestampTz, ct);
                await w.WriteNullableAsync(resolved is null ? null : p.RootCause, NpgsqlDbType.Text, ct);
                await w.WriteNullableAsync(resolved is null ? null : p.Resolution, NpgsqlDbType.Text, ct);
                await w.WriteNullableAsync(satisfaction, NpgsqlDbType.Smallint, ct);
                await w.WriteNullableAsync(acknowledged, NpgsqlDbType.TimestampTz, ct);
                await w.WriteNullableAsync(resolved, NpgsqlDbType.TimestampTz, ct);
                await w.WriteNullableAsync(confirmed, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(reopenCount, NpgsqlDbType.Integer, ct);
                if (nonce is null)
                {
                    await w.WriteNullAsync(ct);
                    await w.WriteNullAsync(ct);
                }
                else
                {
                    await w.WriteAsync(nonce, NpgsqlDbType.Bytea, ct);
                    await w.WriteAsync(ComplaintTokens.Hash(tokens.TokenFor(id, nonce)), NpgsqlDbType.Bytea, ct);
                }
                await w.WriteAsync(received, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(events[^1].At, NpgsqlDbType.TimestampTz, ct);
            }
            await w.CompleteAsync(ct);
        }

        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY complaint_events (complaint_id, account_id, kind, from_status, to_status, actor, actor_user_id, note, occurred_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var e in events)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(e.ComplaintId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(e.AccountId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(EnumText.ToText(e.Kind), NpgsqlDbType.Text, ct);
                await w.WriteNullableAsync(e.From is { } from ? EnumText.ToText(from) : null, NpgsqlDbType.Text, ct);
                await w.WriteNullableAsync(e.To is { } to ? EnumText.ToText(to) : null, NpgsqlDbType.Text, ct);
                await w.WriteAsync(e.Actor, NpgsqlDbType.Text, ct);
                await w.WriteNullableAsync(e.ActorId, NpgsqlDbType.Bigint, ct);
                await w.WriteNullableAsync(e.Note, NpgsqlDbType.Text, ct);
                await w.WriteAsync(e.At, NpgsqlDbType.TimestampTz, ct);
            }
            await w.CompleteAsync(ct);
        }
        return new DemoComplaintCounts(plans.Count, events.Count);
    }

    /// <summary>A complaint of an ordinary customer: older ones are mostly closed, recent ones at every step of the workflow.</summary>
    private static Plan RoutinePlan(string accountExternalId, Random random)
    {
        var topic = random.PickWeighted(Topics.Select(t => (t, t.Weight)).ToList());
        // A third are recent, so that the open steps of the workflow are all represented.
        var daysAgo = random.Chance(0.33) ? random.Between(2, 60) : random.Between(61, 700);
        var severity = random.PickWeighted<ComplaintSeverity>([(ComplaintSeverity.Low, 3), (ComplaintSeverity.Medium, 4), (ComplaintSeverity.High, 2.5), (ComplaintSeverity.Critical, 0.5)]);
        Outcome outcome;
        if (daysAgo > 60)
        {
            outcome = random.PickWeighted<Outcome>([(Outcome.Confirmed, 0.8), (Outcome.ReopenedConfirmed, 0.08), (Outcome.Resolved, 0.12)]);
        }
        else
        {
            outcome = random.PickWeighted<Outcome>([(Outcome.Received, 0.15), (Outcome.Acknowledged, 0.2), (Outcome.InProgress, 0.25),
                (Outcome.Resolved, 0.2), (Outcome.Confirmed, 0.15), (Outcome.ReopenedOpen, 0.05)]);
        }
        var resolveAfter = Math.Min(random.Uniform(0.4, 12), Math.Max(0.2, daysAgo - 8));
        var satisfaction = random.PickWeighted<int>([(1, 0.05), (2, 0.1), (3, 0.25), (4, 0.4), (5, 0.2)]);
        return new Plan(accountExternalId, daysAgo, random.Between(8, 16), topic.Category, severity, topic.Phase, topic.Touchpoint, topic.Subject, null,
            outcome, resolveAfter, satisfaction, "Ursache im Prozess gefunden und abgestellt.", "Problem behoben und mit dem Kunden abgestimmt.",
            "Problem besteht weiterhin.");
    }

    private static async Task<ComplaintTokens> TokensAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT value FROM complaint_secrets WHERE name = 'customer_links'", conn);
        return new ComplaintTokens((byte[])(await cmd.ExecuteScalarAsync(ct))!);
    }

    private static async Task<long[]> ReserveIdsAsync(NpgsqlConnection conn, int count, CancellationToken ct)
    {
        var ids = new List<long>(count);
        await using var cmd = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence('complaints', 'id')) FROM generate_series(1, $1)", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = count });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }
        return [.. ids];
    }
}
