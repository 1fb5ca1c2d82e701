using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Rapport.Analytics.Survey;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Import;
using Rapport.Core.Surveys;

namespace Rapport.Demo;

/// <summary>Rows written by <see cref="DemoSurveys.WriteAsync"/>.</summary>
public sealed record DemoSurveyCounts(int Waves, int Invitations, int Respondents, int Answers);

/// <summary>
/// Two completed waves (last year, this year) of the relationship survey on the demo company, with answers that carry
/// the findings the analyses must surface (docs/demo-company.md):
/// field service is rarely involved in commissioning and operation but drives phase satisfaction there;
/// the lock-in segment is held by lock-in more than attachment (<see cref="DemoStories.MotivesFor"/>);
/// ServiTec Industrieservice is named most in operation &amp; maintenance and judged stronger than the supplier there;
/// the declining key account <see cref="DemoStories.DecliningKeyAccountId"/> answers as a loyal key account last
/// year and far less loyal this year. The same seed gives the same answers.
/// </summary>
public static class DemoSurveys
{
    /// <summary>Name of the demo survey.</summary>
    public const string SurveyName = "Beziehungsstudie / Relationship study";

    /// <summary>The competitor strong in maintenance.</summary>
    public const string MaintenanceCompetitor = "ServiTec Industrieservice GmbH";

    private static readonly string[] LatePhases = ["commissioning", "operation"];

    // Chance of contact with a touchpoint in a phase the respondent was involved in.
    private static readonly Dictionary<string, Dictionary<string, double>> ContactChance = new(StringComparer.Ordinal)
    {
        ["needs_analysis"] = Row(sales: 0.85, field: 0.40, engineering: 0.45, installation: 0.02, service: 0.10, processing: 0.05, logistics: 0.02, accounting: 0.02),
        ["offer"] = Row(sales: 0.90, field: 0.35, engineering: 0.35, installation: 0.02, service: 0.08, processing: 0.25, logistics: 0.05, accounting: 0.10),
        ["order"] = Row(sales: 0.45, field: 0.10, engineering: 0.10, installation: 0.02, service: 0.05, processing: 0.85, logistics: 0.20, accounting: 0.35),
        ["delivery"] = Row(sales: 0.20, field: 0.08, engineering: 0.10, installation: 0.30, service: 0.15, processing: 0.45, logistics: 0.85, accounting: 0.25),
        ["commissioning"] = Row(sales: 0.15, field: 0.12, engineering: 0.45, installation: 0.80, service: 0.60, processing: 0.10, logistics: 0.05, accounting: 0.05),
        ["operation"] = Row(sales: 0.25, field: 0.12, engineering: 0.15, installation: 0.10, service: 0.85, processing: 0.20, logistics: 0.15, accounting: 0.20),
    };

    // Chance that a buying role was involved in a phase.
    private static readonly Dictionary<string, Dictionary<string, double>> Involvement = new(StringComparer.Ordinal)
    {
        ["user"] = Phases(0.30, 0.10, 0.05, 0.35, 0.80, 0.90),
        ["influencer"] = Phases(0.80, 0.50, 0.10, 0.30, 0.70, 0.55),
        ["buyer"] = Phases(0.40, 0.90, 0.90, 0.50, 0.10, 0.15),
        ["decider"] = Phases(0.80, 0.80, 0.40, 0.10, 0.30, 0.25),
        ["gatekeeper"] = Phases(0.30, 0.40, 0.70, 0.60, 0.10, 0.20),
        ["initiator"] = Phases(0.85, 0.50, 0.20, 0.10, 0.30, 0.40),
    };

    private static readonly (string En, string De)[] Improvements =
    [
        ("Faster response from technical service.", "Schnellere Reaktion des technischen Service."),
        ("More transparent delivery dates.", "Transparentere Liefertermine."),
        ("Spare parts are too expensive.", "Ersatzteile sind zu teuer."),
        ("Keep the same field service engineer for our plant.", "Bitte immer denselben Außendiensttechniker für unser Werk."),
        ("Clearer invoices.", "Verständlichere Rechnungen."),
        ("Open up the controls for third-party components.", "Steuerung für Fremdkomponenten öffnen."),
    ];

    /// <summary>
    /// Creates the demo survey with two closed waves and their invitations and answers, on the connection and in the
    /// transaction of the demo seed. Accounts, contacts, consents and segments must already be written. An earlier
    /// demo survey of the same name is replaced.
    /// </summary>
    public static async Task<DemoSurveyCounts> WriteAsync(NpgsqlConnection conn, DemoOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(options);
        await PgSql.ExecuteAsync(conn, "DELETE FROM surveys WHERE name = $1", ct, SurveyName);
        var surveyId = (long)(await PgSql.ScalarAsync(conn,
            "INSERT INTO surveys (name, template, anonymous, min_group_size) VALUES ($1, $2, false, 5) RETURNING id",
            ct, SurveyName, SurveyTemplate.RelationshipStandard))!;
        var order = 0;
        foreach (var item in SurveyTemplate.Items)
        {
            await PgSql.ExecuteAsync(conn,
                "INSERT INTO survey_items (survey_id, code, scale, level, section, text_en, text_de, sort_order, kind) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'standard')", ct,
                surveyId, item.Code, EnumText.ToText(item.Scale), EnumText.ToText(item.Level),
                EnumText.ToText(item.Section), item.TextEn, item.TextDe, ++order);
        }
        await PgSql.ExecuteAsync(conn,
            "INSERT INTO survey_phases (survey_id, phase_id, sort_order) "
            + "SELECT $1, id, row_number() OVER (ORDER BY sort_order) FROM business_phases WHERE is_active", ct, surveyId);
        await PgSql.ExecuteAsync(conn,
            "INSERT INTO survey_touchpoints (survey_id, touchpoint_id, sort_order) "
            + "SELECT $1, id, row_number() OVER (ORDER BY sort_order) FROM touchpoints WHERE is_active", ct, surveyId);
        await PgSql.ExecuteAsync(conn,
            "INSERT INTO survey_competitors (survey_id, phase_id, competitor_id) SELECT $1, cp.phase_id, cp.competitor_id "
            + "FROM competitor_phases cp JOIN competitors c ON c.id = cp.competitor_id JOIN survey_phases sp "
            + "ON sp.survey_id = $1 AND sp.phase_id = cp.phase_id WHERE c.is_active", ct, surveyId);

        var phases = await PairsAsync(conn, "SELECT p.code, p.id FROM survey_phases s JOIN business_phases p ON p.id = s.phase_id WHERE s.survey_id = $1 ORDER BY s.sort_order", surveyId, ct);
        var touchpoints = await PairsAsync(conn, "SELECT t.code, t.id FROM survey_touchpoints s JOIN touchpoints t ON t.id = s.touchpoint_id WHERE s.survey_id = $1 ORDER BY s.sort_order", surveyId, ct);
        var competitors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(
            "SELECT p.code, c.name FROM survey_competitors s JOIN business_phases p ON p.id = s.phase_id "
            + "JOIN competitors c ON c.id = s.competitor_id WHERE s.survey_id = $1 ORDER BY p.code, c.name", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = surveyId });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                (competitors.TryGetValue(reader.GetString(0), out var list) ? list : competitors[reader.GetString(0)] = []).Add(reader.GetString(1));
            }
        }

        var contacts = new List<DemoRespondent>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT c.id, c.external_id, c.buying_role, c.language, a.id, a.external_id, a.industry, a.business_type, a.key_account "
            + "FROM contacts c JOIN accounts a ON a.id = c.account_id "
            + "JOIN consents x ON x.contact_id = c.id AND x.purpose = 'surveys' AND x.granted "
            + "WHERE c.is_active AND a.segment IN ('new', 'regular') ORDER BY c.external_id", conn))
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                BusinessType? bt = EnumText.TryParse<BusinessType>(reader.IsDBNull(7) ? null : reader.GetString(7), out var parsed)
                    ? parsed
                    : null;
                contacts.Add(new DemoRespondent(
                    reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? "user" : reader.GetString(2), reader.GetString(3),
                    reader.GetInt64(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    bt, reader.GetBoolean(8)));
            }
        }

        var secret = (byte[])(await PgSql.ScalarAsync(conn, "SELECT value FROM survey_secrets WHERE name = 'invitation_tokens'", ct))!;
        var tokens = new InvitationTokens(secret);
        int invitations = 0, respondents = 0, answers = 0;
        for (var w = 0; w < 2; w++)
        {
            var closes = options.AsOf.AddDays(-30).AddYears(w - 1);
            var opens = closes.AddDays(-42);
            var waveId = (long)(await PgSql.ScalarAsync(conn,
                "INSERT INTO waves (survey_id, name, opens_on, closes_on) VALUES ($1, $2, $3, $4) RETURNING id", ct,
                surveyId, closes.Year.ToString(CultureInfo.InvariantCulture), opens, closes))!;
            var ids = await ReserveIdsAsync(conn, contacts.Count, ct);
            var rows = new List<AnswerRow>();
            await using (var inv = await conn.BeginBinaryImportAsync(
                "COPY invitations (id, wave_id, account_id, contact_id, token_hash, token_nonce, status, language, created_at, sent_at, "
                + "reminded_at, reminder_count, started_at, completed_at) FROM STDIN (FORMAT BINARY)", ct))
            {
                for (var i = 0; i < contacts.Count; i++)
                {
                    var c = contacts[i];
                    var random = DemoRandom.Create(options.Seed, StableHash(c.ContactExternalId), 9100 + w);
                    var story = c.AccountExternalId == DemoStories.DecliningKeyAccountId;
                    var responds = story || random.Chance(0.5);
                    var sent = ToTime(opens, 8 * 60 + random.Next(120));
                    var reminded = random.Chance(0.6) ? sent.AddDays(14) : (DateTimeOffset?)null;
                    var completed = responds ? sent.AddDays(random.Uniform(0.2, 35)) : (DateTimeOffset?)null;
                    var nonce = InvitationTokens.NewNonce();
                    await inv.StartRowAsync(ct);
                    await inv.WriteAsync(ids[i], NpgsqlDbType.Bigint, ct);
                    await inv.WriteAsync(waveId, NpgsqlDbType.Bigint, ct);
                    await inv.WriteAsync(c.AccountId, NpgsqlDbType.Bigint, ct);
                    await inv.WriteAsync(c.ContactId, NpgsqlDbType.Bigint, ct);
                    await inv.WriteAsync(InvitationTokens.Hash(tokens.TokenFor(ids[i], nonce)), NpgsqlDbType.Bytea, ct);
                    await inv.WriteAsync(nonce, NpgsqlDbType.Bytea, ct);
                    await inv.WriteAsync(responds ? "completed" : "sent", NpgsqlDbType.Text, ct);
                    await inv.WriteAsync(c.Language, NpgsqlDbType.Text, ct);
                    await inv.WriteAsync(sent.AddDays(-1), NpgsqlDbType.TimestampTz, ct);
                    await inv.WriteAsync(sent, NpgsqlDbType.TimestampTz, ct);
                    await inv.WriteNullableAsync(reminded, NpgsqlDbType.TimestampTz, ct);
                    await inv.WriteAsync(reminded is null ? 0 : 1, NpgsqlDbType.Integer, ct);
                    await inv.WriteNullableAsync(completed?.AddMinutes(-12), NpgsqlDbType.TimestampTz, ct);
                    await inv.WriteNullableAsync(completed, NpgsqlDbType.TimestampTz, ct);
                    invitations++;
                    if (responds)
                    {
                        respondents++;
                        Answer(c, w, random, phases.Select(p => p.Code).ToList(), touchpoints.Select(t => t.Code).ToList(), competitors,
                            (code, phase, tp, value, text) => rows.Add(new AnswerRow(ids[i], c, code,
                                phase is null ? null : phases.First(p => p.Code == phase).Id,
                                tp is null ? null : touchpoints.First(t => t.Code == tp).Id, value, text, completed!.Value)));
                    }
                }
                await inv.CompleteAsync(ct);
            }
            await using (var copy = await conn.BeginBinaryImportAsync(
                "COPY response_answers (wave_id, invitation_id, respondent_key, account_id, contact_id, item_code, phase_id, touchpoint_id, "
                + "value, text, submitted_at, updated_at) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var r in rows)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(waveId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(r.InvitationId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(RespondentKeys.ForInvitation(r.InvitationId), NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(r.Respondent.AccountId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(r.Respondent.ContactId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(r.ItemCode, NpgsqlDbType.Text, ct);
                    await copy.WriteNullableAsync(r.PhaseId, NpgsqlDbType.Integer, ct);
                    await copy.WriteNullableAsync(r.TouchpointId, NpgsqlDbType.Integer, ct);
                    if (r.Value is { } v)
                    {
                        await copy.WriteAsync((decimal)v, NpgsqlDbType.Numeric, ct);
                    }
                    else
                    {
                        await copy.WriteNullAsync(ct);
                    }
                    if (r.Text is null)
                    {
                        await copy.WriteNullAsync(ct);
                    }
                    else
                    {
                        await copy.WriteAsync(r.Text, NpgsqlDbType.Text, ct);
                    }
                    await copy.WriteAsync(r.SubmittedAt, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync(r.SubmittedAt, NpgsqlDbType.TimestampTz, ct);
                }
                await copy.CompleteAsync(ct);
            }
            answers += rows.Count;
        }
        return new DemoSurveyCounts(2, invitations, respondents, answers);
    }

    private delegate void Emit(string code, string? phase, string? touchpoint, double? value, string? text);

    private static void Answer(DemoRespondent c, int wave, Random random, List<string> phases, List<string> touchpoints,
        Dictionary<string, List<string>> competitors, Emit emit)
    {
        // The declining key account answered like a loyal key account last year.
        var profile = c.AccountExternalId == DemoStories.DecliningKeyAccountId && wave == 0
            ? DemoStories.MotivesFor(string.Empty, c.Industry, c.BusinessType, keyAccount: true)
            : DemoStories.MotivesFor(c.AccountExternalId, c.Industry, c.BusinessType, c.KeyAccount);

        var involvement = Involvement.GetValueOrDefault(c.BuyingRole) ?? Involvement["user"];
        var involved = phases.Where(p => random.Chance(involvement.GetValueOrDefault(p, 0.3))).ToHashSet(StringComparer.Ordinal);
        if (involved.Count == 0)
        {
            involved.Add(random.Pick(phases));
        }
        var phaseRatings = new List<double>();
        foreach (var phase in phases)
        {
            var isInvolved = involved.Contains(phase);
            emit(ItemCodes.PhaseInvolved, phase, null, isInvolved ? 1 : 0, null);
            if (!isInvolved)
            {
                continue;
            }
            var late = LatePhases.Contains(phase);
            var sats = new List<double>();
            double? fieldSat = null;
            var anyContact = false;
            foreach (var tp in touchpoints)
            {
                var chance = ContactChance.GetValueOrDefault(phase)?.GetValueOrDefault(tp, 0.1) ?? 0.1;
                var contact = random.Chance(chance);
                emit(ItemCodes.TouchpointContact, phase, tp, contact ? 1 : 0, null);
                if (!contact)
                {
                    continue;
                }
                anyContact = true;
                double sat;
                if (tp == "field_service" && late)
                {
                    // Field service in the late phases: well liked on average, but with real spread, and it decides the phase.
                    sat = Scale(random.Normal(4.1, 1.0), 1, 5);
                    fieldSat = sat;
                }
                else
                {
                    sat = Scale(random.Normal(profile.Satisfaction, 0.9), 1, 5);
                    sats.Add(sat);
                }
                emit(ItemCodes.TouchpointSatisfaction, phase, tp, sat, null);
                emit(ItemCodes.TouchpointMain, phase, tp, random.Chance(tp == "field_service" && late ? 0.6 : 0.3) ? 1 : 0, null);
            }
            var others = sats.Count > 0 ? sats.Average() : profile.Satisfaction;
            var phaseSat = fieldSat is { } f
                ? (0.85 * f) + (0.15 * others) + random.Normal(0.25, 0.3)
                : late
                    ? profile.Satisfaction - 0.3 + random.Normal(0, 0.8)
                    : (0.6 * others) + (0.4 * profile.Satisfaction) + random.Normal(0, 0.5);
            if (anyContact || random.Chance(0.7))
            {
                var rating = Scale(phaseSat, 1, 5);
                phaseRatings.Add(rating);
                emit(ItemCodes.PhaseSatisfaction, phase, null, rating, null);
            }
            if (competitors.TryGetValue(phase, out var offered) && offered.Count > 0 && random.Chance(phase == "operation" ? 0.7 : 0.45))
            {
                var name = phase == "operation" && offered.Contains(MaintenanceCompetitor) && random.Chance(0.7)
                    ? MaintenanceCompetitor
                    : random.Pick(offered);
                emit(ItemCodes.CompetitorName, phase, null, null, name);
                var relative = name == MaintenanceCompetitor ? random.Normal(1.8, 0.7) : random.Normal(3.5, 0.8);
                emit(ItemCodes.CompetitorRelative, phase, null, Scale(relative, 1, 5), null);
            }
        }

        void Global(string code, double mean, double sd, int min, int max)
        {
            if (random.Chance(0.97))
            {
                emit(code, null, null, Scale(random.Normal(mean, sd), min, max), null);
            }
        }
        Global(ItemCodes.LoyRecommend, profile.Recommend, 1.3, 0, 10);
        Global(ItemCodes.LoyRepurchase, 1 + ((profile.Recommend / 10) * 4), 0.7, 1, 5);
        emit(ItemCodes.LoyFirstChoice, null, null, random.Chance(Math.Pow(profile.Recommend / 10, 2)) ? 1 : 0, null);
        Global(ItemCodes.LoyCrossBuy, (profile.Attachment + 1 + (profile.Recommend / 10 * 4)) / 2, 0.8, 1, 5);
        foreach (var code in ItemCodes.AttachmentItems)
        {
            Global(code, profile.Attachment, 0.7, 1, 5);
        }
        foreach (var code in ItemCodes.CalculativeItems)
        {
            Global(code, profile.Calculative, 0.7, 1, 5);
        }
        foreach (var code in ItemCodes.LockInItems)
        {
            Global(code, profile.LockIn, 0.7, 1, 5);
        }
        // Overall satisfaction follows the experience in the phases the respondent went through (the phases-as-drivers
        // view must find that), and the account's general mood.
        var overall = phaseRatings.Count > 0 ? (0.7 * phaseRatings.Average()) + (0.3 * profile.Satisfaction) : profile.Satisfaction;
        foreach (var code in ItemCodes.SatisfactionItems)
        {
            Global(code, overall, 0.5, 1, 5);
        }
        foreach (var code in ItemCodes.TrustItems)
        {
            Global(code, profile.Trust, 0.6, 1, 5);
        }
        foreach (var code in ItemCodes.CommitmentItems)
        {
            Global(code, (profile.Attachment + profile.Trust) / 2, 0.7, 1, 5);
        }
        if (random.Chance(0.25))
        {
            var (en, de) = random.Pick(Improvements);
            emit(ItemCodes.OpenImprove, null, null, null, c.Language == "de" ? de : en);
        }
    }

    private static double Normal(this Random random, double mean, double sd)
    {
        // Box–Muller; the generator's own draws keep it deterministic.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private static double Scale(double value, int min, int max) => Math.Clamp(Math.Round(value), min, max);

    private static DateTimeOffset ToTime(DateOnly day, int minutes) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(minutes);

    private static int StableHash(string text)
    {
        unchecked
        {
            var h = 2166136261u;
            foreach (var ch in text)
            {
                h = (h ^ ch) * 16777619u;
            }
            return (int)(h & 0x7FFFFFFF);
        }
    }

    private static Dictionary<string, double> Row(double sales, double field, double engineering, double installation,
        double service, double processing, double logistics, double accounting) => new(StringComparer.Ordinal)
    {
        ["sales"] = sales, ["field_service"] = field, ["engineering"] = engineering, ["installation"] = installation,
        ["technical_service"] = service, ["order_processing"] = processing, ["logistics"] = logistics, ["accounting"] = accounting,
    };

    private static Dictionary<string, double> Phases(double needs, double offer, double order, double delivery,
        double commissioning, double operation) => new(StringComparer.Ordinal)
    {
        ["needs_analysis"] = needs, ["offer"] = offer, ["order"] = order, ["delivery"] = delivery,
        ["commissioning"] = commissioning, ["operation"] = operation,
    };

    private static async Task<List<(string Code, int Id)>> PairsAsync(NpgsqlConnection conn, string sql, long surveyId, CancellationToken ct)
    {
        var list = new List<(string, int)>();
        await using var cmd = PgSql.Command(conn, sql, surveyId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetString(0), reader.GetInt32(1)));
        }
        return list;
    }

    private static async Task<long[]> ReserveIdsAsync(NpgsqlConnection conn, int count, CancellationToken ct)
    {
        var ids = new List<long>(count);
        await using var cmd = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence('invitations', 'id')) FROM generate_series(1, $1)", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = count });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }
        return [.. ids];
    }

    private sealed record DemoRespondent(long ContactId, string ContactExternalId, string BuyingRole, string Language,
        long AccountId, string AccountExternalId, string? Industry, BusinessType? BusinessType, bool KeyAccount);

    private sealed record AnswerRow(long InvitationId, DemoRespondent Respondent, string ItemCode, int? PhaseId, int? TouchpointId,
        double? Value, string? Text, DateTimeOffset SubmittedAt);
}
