using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Rapport.Analytics;
using Rapport.Analytics.Input;
using Rapport.Analytics.Survey;
using Rapport.Core.Data;
using Rapport.Core.Events;
using Rapport.Core.Import;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Surveys;

/// <summary>
/// What a responses import did, reported like the other imports (<see cref="ImportResult"/>, entity <c>responses</c>),
/// plus what only answers have.
/// </summary>
public sealed record ResponseImportResult : ImportResult
{
    /// <summary>Distinct respondents (per wave) among the valid rows.</summary>
    public int Respondents { get; init; }

    /// <summary>Detractor answers (recommendation 0–6) that are new or changed, each reported as a webhook event.</summary>
    public long DetractorEvents { get; init; }
}

/// <summary>A wave whose responses are exported.</summary>
public sealed record ExportedWave(long Id, string Name, string SurveyName, bool Anonymous);

/// <summary>
/// The responses CSV of docs/import.md#columns (long format: one row per item answer):
/// <c>respondent_id, account_external_id, wave, item_code, value, contact_external_id, phase, touchpoint, submitted_at</c>.
/// Import is all-or-nothing (unless --skip-invalid) and idempotent (a row with the same respondent, item, phase and
/// touchpoint replaces the answer); <c>wave</c> is a wave's name (or its id when names repeat across surveys); text items
/// carry their text in <c>value</c>; answers are checked against the item's scale and the survey's phases and
/// touchpoints. New or changed detractor answers add a <c>survey.detractor_response</c> event in the same transaction.
/// </summary>
public static class ResponseCsv
{
    public static readonly string[] Columns =
        ["respondent_id", "account_external_id", "wave", "item_code", "value", "contact_external_id", "phase", "touchpoint", "submitted_at"];

    private const int RequiredCount = 5;

    /// <summary>The columns as the shared column mapping (<c>--map</c>) sees them; the first five are required.</summary>
    internal static readonly EntitySchema Schema = new("responses", Columns.Select((c, i) => new ColumnSpec(c, i < RequiredCount)).ToList());

    private sealed record Row(long Line, string Respondent, string Account, string Wave, string Item, string Value,
        string? Contact, string? Phase, string? Touchpoint, string? Submitted, string? Raw);

    private sealed record Item(SurveyItemLevel Level, SurveyItemScale Scale);

    private sealed record WaveInfo(long Id, long SurveyId, string Name);

    /// <summary>Imports <paramref name="path"/> all-or-nothing; see <see cref="ImportAsync(NpgsqlDataSource, CsvImportOptions, CancellationToken)"/>.</summary>
    /// <exception cref="AnalyticsInputException">The file is missing, empty or its header is not UTF-8.</exception>
    public static Task<ResponseImportResult> ImportAsync(NpgsqlDataSource dataSource, string path, bool dryRun = false,
        int maxErrors = 50, CancellationToken ct = default) =>
        ImportAsync(dataSource, new CsvImportOptions { Path = path, DryRun = dryRun, MaxErrors = maxErrors }, ct);

    /// <summary>
    /// Imports a responses file with the options of every import; the first <see cref="CsvImportOptions.MaxErrors"/> errors
    /// are reported in detail (in the order found), all are counted.
    /// </summary>
    /// <exception cref="AnalyticsInputException">The file is missing, empty or its header is not UTF-8.</exception>
    public static async Task<ResponseImportResult> ImportAsync(NpgsqlDataSource dataSource, CsvImportOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Path;
        var errors = new ErrorCollector(options.MaxErrors);
        // Per rejected line: its text as read and the reasons, for the rejects file of --skip-invalid.
        var rejected = new SortedDictionary<long, (string? Raw, List<string> Reasons)>();
        void Error(long row, string? column, string message, string? raw = null)
        {
            errors.Add(new ImportError(row, column, message));
            if (row > 1)
            {
                if (!rejected.TryGetValue(row, out var entry))
                {
                    entry = (raw, []);
                    rejected[row] = entry;
                }
                entry.Reasons.Add(column is null ? message : $"column '{column}': {message}");
            }
        }

        var rows = new List<Row>();
        long rowsRead = 0;
        var (reader, header, delimiter) = CsvSource.Open(path);
        ColumnMap? map;
        using (reader)
        {
            var mapErrors = new List<ImportError>();
            map = ColumnMap.Build(Schema, header, options.Map, mapErrors);
            if (map is null)
            {
                foreach (var e in mapErrors)
                {
                    Error(e.Row, e.Column, e.Message);
                }
                return Fail();
            }
            var raw = new StringBuilder();
            string? Cell(int column)
            {
                var i = map.SourceIndex[column];
                return i < 0 || i >= reader.FieldCount ? null : Blank(reader.GetString(i));
            }
            try
            {
                while (reader.Read())
                {
                    rowsRead++;
                    var line = reader.LineNumber;
                    var text = options.SkipInvalid ? CsvText.Record(reader, delimiter, raw) : null;
                    var missing = false;
                    for (var c = 0; c < RequiredCount; c++)
                    {
                        if (Cell(c) is null)
                        {
                            Error(line, map.FileNames[c], "a value is required", text);
                            missing = true;
                        }
                    }
                    if (!missing)
                    {
                        rows.Add(new Row(line, Cell(0)!, Cell(1)!, Cell(2)!, Cell(3)!, Cell(4)!, Cell(5), Cell(6), Cell(7), Cell(8), text));
                    }
                }
            }
            catch (DecoderFallbackException)
            {
                rejected.Clear();
                Error(Utf8Scan.FirstInvalidLine(path) ?? reader.LineNumber + 1, null, CsvImporter.NotUtf8);
                return Fail();
            }
        }
        string Col(int column) => map.FileNames[column];

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var waves = await ListAsync(conn, "SELECT id, survey_id, name FROM waves", r => new WaveInfo(r.GetInt64(0), r.GetInt64(1), r.GetString(2)), ct);
        var items = (await ListAsync(conn, "SELECT survey_id, code, level, scale FROM survey_items",
                r => (Survey: r.GetInt64(0), Code: r.GetString(1), Level: r.GetString(2), Scale: r.GetString(3)), ct))
            .ToDictionary(x => (x.Survey, x.Code), x => new Item(Parse<SurveyItemLevel>(x.Level), Parse<SurveyItemScale>(x.Scale)));
        var phases = (await ListAsync(conn, "SELECT s.survey_id, p.code, p.id FROM survey_phases s JOIN business_phases p ON p.id = s.phase_id",
            r => (Survey: r.GetInt64(0), Code: r.GetString(1), Id: r.GetInt32(2)), ct)).ToDictionary(x => (x.Survey, x.Code), x => x.Id);
        var touchpoints = (await ListAsync(conn, "SELECT s.survey_id, t.code, t.id FROM survey_touchpoints s JOIN touchpoints t ON t.id = s.touchpoint_id",
            r => (Survey: r.GetInt64(0), Code: r.GetString(1), Id: r.GetInt32(2)), ct)).ToDictionary(x => (x.Survey, x.Code), x => x.Id);
        var accounts = await MapAsync(conn, "SELECT external_id, id, id FROM accounts WHERE external_id = ANY($1)", rows.Select(r => r.Account).Distinct().ToArray(), ct);
        var contacts = await MapAsync(conn, "SELECT external_id, id, account_id FROM contacts WHERE external_id = ANY($1)",
            rows.Where(r => r.Contact is not null).Select(r => r.Contact!).Distinct().ToArray(), ct);
        var invitations = await ListAsync(conn, "SELECT id, wave_id FROM invitations WHERE id = ANY($1)",
            r => (Id: r.GetInt64(0), Wave: r.GetInt64(1)), ct,
            rows.Select(r => r.Respondent.StartsWith("inv-", StringComparison.Ordinal) && long.TryParse(r.Respondent.AsSpan(4), CultureInfo.InvariantCulture, out var id) ? id : -1).Distinct().ToArray());

        var valid = new List<(Row Row, long Wave, long Account, long? Contact, long? Invitation, int? Phase, int? Touchpoint, decimal? Value, string? Text, DateTimeOffset? Submitted)>();
        var seen = new Dictionary<(long, string, string, int?, int?), long>();
        foreach (var r in rows)
        {
            var before = errors.ErrorCount;
            void RowError(int column, string message) => Error(r.Line, Col(column), message, r.Raw);
            var matching = waves.Where(w => w.Name == r.Wave).ToList();
            if (matching.Count == 0 && long.TryParse(r.Wave, CultureInfo.InvariantCulture, out var waveId))
            {
                matching = waves.Where(w => w.Id == waveId).ToList();
            }
            if (matching.Count != 1)
            {
                RowError(2, matching.Count == 0 ? $"no wave named '{r.Wave}'" : $"several surveys have a wave named '{r.Wave}'; give the wave id instead");
                continue;
            }
            var wave = matching[0];
            if (!accounts.TryGetValue(r.Account, out var account))
            {
                RowError(1, $"no account with external_id '{r.Account}' in the database");
            }
            long? contact = null;
            if (r.Contact is not null)
            {
                if (!contacts.TryGetValue(r.Contact, out var c))
                {
                    RowError(5, $"no contact with external_id '{r.Contact}' in the database");
                }
                else if (account.Id != 0 && c.AccountId != account.Id)
                {
                    RowError(5, $"contact '{r.Contact}' does not belong to account '{r.Account}'");
                }
                else
                {
                    contact = c.Id;
                }
            }
            long? invitation = null;
            if (r.Respondent.StartsWith("inv-", StringComparison.Ordinal))
            {
                var inv = invitations.FirstOrDefault(i => RespondentKeys.ForInvitation(i.Id) == r.Respondent);
                if (inv.Wave != wave.Id)
                {
                    RowError(0, $"'{r.Respondent}' is reserved for answers given through invitations, and there is no such invitation in wave '{wave.Name}'");
                }
                else
                {
                    invitation = inv.Id;
                }
            }
            if (!items.TryGetValue((wave.SurveyId, r.Item), out var item))
            {
                RowError(3, $"the survey of wave '{wave.Name}' has no item {r.Item}");
                continue;
            }
            int? phase = null, touchpoint = null;
            if (item.Level == SurveyItemLevel.Global && (r.Phase is not null || r.Touchpoint is not null))
            {
                RowError(r.Phase is not null ? 6 : 7, $"{r.Item} takes neither a phase nor a touchpoint");
            }
            if (item.Level != SurveyItemLevel.Global)
            {
                if (r.Phase is null)
                {
                    RowError(6, $"{r.Item} needs a phase");
                }
                else if (!phases.TryGetValue((wave.SurveyId, r.Phase), out var p))
                {
                    RowError(6, $"the survey does not ask about phase '{r.Phase}'");
                }
                else
                {
                    phase = p;
                }
                if (item.Level == SurveyItemLevel.Touchpoint)
                {
                    if (r.Touchpoint is null)
                    {
                        RowError(7, $"{r.Item} needs a touchpoint");
                    }
                    else if (!touchpoints.TryGetValue((wave.SurveyId, r.Touchpoint), out var t))
                    {
                        RowError(7, $"the survey does not ask about touchpoint '{r.Touchpoint}'");
                    }
                    else
                    {
                        touchpoint = t;
                    }
                }
                else if (r.Touchpoint is not null)
                {
                    RowError(7, $"{r.Item} takes no touchpoint");
                }
            }
            decimal? value = null;
            string? text = null;
            if (item.Scale == SurveyItemScale.Text)
            {
                text = r.Value.Length <= AnswerRules.MaxTextLength ? r.Value : null;
                if (text is null)
                {
                    RowError(4, $"longer than {AnswerRules.MaxTextLength} characters");
                }
            }
            else
            {
                var scale = SurveyTemplate.ToAnalyticsScale(item.Scale)!.Value;
                if (!CellParsers.TryParseNumber(r.Value, delimiter == ';', out var number) || !ItemScales.IsValid(number, scale))
                {
                    RowError(4, $"'{r.Value}' is not a valid answer to {r.Item}, which takes {ItemScales.Describe(scale)}");
                }
                else
                {
                    value = (decimal)number;
                }
            }
            DateTimeOffset? submitted = null;
            if (r.Submitted is not null)
            {
                if (CellRules.TryParseTimestamp(r.Submitted, options.DateFormat, out var s))
                {
                    submitted = s;
                }
                else
                {
                    RowError(8, CellRules.TimestampMessage(r.Submitted, options.DateFormat));
                }
            }
            var key = (wave.Id, r.Respondent, r.Item, phase, touchpoint);
            if (errors.ErrorCount == before && seen.TryGetValue(key, out var first))
            {
                RowError(3, $"respondent '{r.Respondent}' answers {r.Item} for the same phase and touchpoint already in row {first}");
            }
            if (errors.ErrorCount == before)
            {
                seen[key] = r.Line;
                valid.Add((r, wave.Id, account.Id, contact, invitation, phase, touchpoint, value, text, submitted));
            }
        }
        if (errors.ErrorCount > 0 && !options.SkipInvalid)
        {
            return Fail();
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        // Two imports at a time would race on the same answers: the second waits for the first to commit.
        await CsvImporter.ExecuteAsync(conn, "SELECT pg_advisory_xact_lock(hashtext('rapport.import.responses'))", ct);
        await CsvImporter.ExecuteAsync(conn, """
            CREATE TEMP TABLE response_stage (wave_id bigint, invitation_id bigint, respondent_key text, account_id bigint, contact_id bigint,
                item_code text, phase_id integer, touchpoint_id integer, value numeric(6, 2), text text, submitted_at timestamptz) ON COMMIT DROP
            """, ct);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY response_stage FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var v in valid)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(v.Wave, NpgsqlDbType.Bigint, ct);
                await copy.WriteNullableAsync(v.Invitation, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(v.Row.Respondent, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(v.Account, NpgsqlDbType.Bigint, ct);
                await copy.WriteNullableAsync(v.Contact, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(v.Row.Item, NpgsqlDbType.Text, ct);
                await copy.WriteNullableAsync(v.Phase, NpgsqlDbType.Integer, ct);
                await copy.WriteNullableAsync(v.Touchpoint, NpgsqlDbType.Integer, ct);
                await copy.WriteNullableAsync(v.Value, NpgsqlDbType.Numeric, ct);
                await copy.WriteNullableAsync(v.Text, NpgsqlDbType.Text, ct);
                await copy.WriteNullableAsync(v.Submitted, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await CsvImporter.ExecuteAsync(conn, "ANALYZE response_stage", ct);
        // Before the answers change: a detractor answer that is new or differs from the stored one is an event (an
        // unchanged re-import is not). Anonymous surveys never name the contact.
        var detractors = await CsvImporter.ExecuteAsync(conn, $"""
            INSERT INTO outbox_events (type, account_id, payload)
            SELECT '{EventTypes.DetractorResponse}', s.account_id,
                   jsonb_build_object('waveId', s.wave_id, 'invitationId', s.invitation_id, 'accountId', s.account_id,
                                      'recommendation', s.value::integer)
                   || CASE WHEN sv.anonymous THEN jsonb_build_object() ELSE jsonb_build_object('contactId', s.contact_id) END
            FROM response_stage s
            JOIN waves w ON w.id = s.wave_id
            JOIN surveys sv ON sv.id = w.survey_id
            WHERE s.item_code = '{ItemCodes.LoyRecommend}' AND s.value BETWEEN 0 AND {DetractorEvents.MaxDetractorScore}
              AND NOT EXISTS (
                SELECT 1 FROM response_answers r
                WHERE r.wave_id = s.wave_id AND r.respondent_key = s.respondent_key AND r.item_code = s.item_code
                  AND r.phase_id IS NULL AND r.touchpoint_id IS NULL AND r.value = s.value)
            """, ct);
        // Without submitted_at in the file, an existing answer keeps its time and a new one gets the import's time.
        var updated = await CsvImporter.ExecuteAsync(conn, """
            UPDATE response_answers r
               SET value = s.value, text = s.text, account_id = s.account_id, contact_id = s.contact_id,
                   submitted_at = coalesce(s.submitted_at, r.submitted_at), updated_at = now()
              FROM response_stage s
             WHERE r.wave_id = s.wave_id AND r.respondent_key = s.respondent_key AND r.item_code = s.item_code
               AND r.phase_id IS NOT DISTINCT FROM s.phase_id AND r.touchpoint_id IS NOT DISTINCT FROM s.touchpoint_id
               AND (r.value, r.text, r.account_id, r.contact_id, r.submitted_at)
                   IS DISTINCT FROM (s.value, s.text, s.account_id, s.contact_id, coalesce(s.submitted_at, r.submitted_at))
            """, ct);
        var inserted = await CsvImporter.ExecuteAsync(conn, """
            INSERT INTO response_answers (wave_id, invitation_id, respondent_key, account_id, contact_id, item_code, phase_id, touchpoint_id, value, text, submitted_at)
            SELECT s.wave_id, s.invitation_id, s.respondent_key, s.account_id, s.contact_id, s.item_code, s.phase_id, s.touchpoint_id, s.value, s.text,
                   coalesce(s.submitted_at, now())
            FROM response_stage s
            WHERE NOT EXISTS (
                SELECT 1 FROM response_answers r
                WHERE r.wave_id = s.wave_id AND r.respondent_key = s.respondent_key AND r.item_code = s.item_code
                  AND r.phase_id IS NOT DISTINCT FROM s.phase_id AND r.touchpoint_id IS NOT DISTINCT FROM s.touchpoint_id)
            """, ct);
        string? rejectsFile = null;
        if (options.DryRun)
        {
            await tx.RollbackAsync(ct);
        }
        else
        {
            await using (var audit = new NpgsqlCommand(
                "INSERT INTO audit_log (actor, action, entity, details) VALUES ($1, 'import.responses', 'response_answers', $2::jsonb)", conn))
            {
                audit.Parameters.Add(new NpgsqlParameter { Value = options.Actor });
                audit.Parameters.Add(new NpgsqlParameter
                {
                    Value = System.Text.Json.JsonSerializer.Serialize(new
                    {
                        file = Path.GetFileName(path), rows = rowsRead, inserted, updated, rejected = rejected.Count, detractorEvents = detractors,
                    }),
                });
                await audit.ExecuteNonQueryAsync(ct);
            }
            if (options.SkipInvalid)
            {
                await WriteRejectsAsync(options.RejectsPath, header, delimiter, rejected, ct);
                rejectsFile = options.RejectsPath;
            }
            await tx.CommitAsync(ct);
        }
        return new ResponseImportResult
        {
            File = path, Entity = Schema.Entity, Status = ImportStatus.Imported, DryRun = options.DryRun, RowsRead = rowsRead,
            Inserted = inserted, Updated = updated, Unchanged = valid.Count - inserted - updated,
            ErrorCount = errors.ErrorCount, Errors = errors.Errors, Rejected = rejected.Count, RejectsFile = rejectsFile,
            Respondents = valid.Select(v => (v.Wave, v.Row.Respondent)).Distinct().Count(), DetractorEvents = detractors,
        };

        ResponseImportResult Fail() => new()
        {
            File = path, Entity = Schema.Entity, Status = ImportStatus.Invalid, DryRun = options.DryRun, RowsRead = rowsRead,
            ErrorCount = errors.ErrorCount, Errors = errors.Errors, Rejected = rejected.Count,
        };
    }

    private static async Task WriteRejectsAsync(string path, string[] header, char delimiter,
        SortedDictionary<long, (string? Raw, List<string> Reasons)> rejected, CancellationToken ct)
    {
        await using var rejects = await RejectsFile.CreateAsync(path, header, delimiter, ct);
        foreach (var (_, (raw, reasons)) in rejected)
        {
            await rejects.WriteAsync(raw, string.Join("; ", reasons), ct);
        }
    }

    /// <summary>The wave a responses export is for: its name, its survey's name and whether that survey is anonymous; null when there is none.</summary>
    public static async Task<ExportedWave?> FindWaveAsync(NpgsqlDataSource dataSource, long waveId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var cmd = dataSource.CreateCommand("SELECT w.name, s.name, s.anonymous FROM waves w JOIN surveys s ON s.id = w.survey_id WHERE w.id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ExportedWave(waveId, reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)) : null;
    }

    /// <summary>
    /// Streams the answers of a wave (submitted ones unless <paramref name="includeUnsubmitted"/>) as a responses CSV that
    /// <see cref="ImportAsync(NpgsqlDataSource, CsvImportOptions, CancellationToken)"/> reads back unchanged: <c>wave</c> is the
    /// wave's name, or its id when another survey has a wave of that name. Anonymous surveys leave <c>contact_external_id</c>
    /// empty. With <paramref name="auditActor"/> the export is recorded in the audit log (it holds personal data).
    /// </summary>
    public static async Task<long> ExportAsync(NpgsqlDataSource dataSource, long waveId, TextWriter output, bool includeUnsubmitted = false,
        string? auditActor = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync(string.Join(',', Columns));
        await using var cmd = dataSource.CreateCommand("""
            WITH w AS (
                SELECT w.id, CASE WHEN EXISTS (SELECT 1 FROM waves o WHERE o.name = w.name AND o.id <> w.id) THEN w.id::text ELSE w.name END AS label,
                       s.anonymous
                FROM waves w JOIN surveys s ON s.id = w.survey_id WHERE w.id = $1)
            SELECT r.respondent_key, a.external_id, w.label, r.item_code, r.value, r.text,
                   CASE WHEN w.anonymous THEN NULL ELSE c.external_id END, p.code, t.code, r.submitted_at
            FROM response_answers r JOIN w ON w.id = r.wave_id JOIN accounts a ON a.id = r.account_id
            LEFT JOIN contacts c ON c.id = r.contact_id LEFT JOIN business_phases p ON p.id = r.phase_id LEFT JOIN touchpoints t ON t.id = r.touchpoint_id
            WHERE r.wave_id = $1 AND ($2 OR r.submitted_at IS NOT NULL)
            ORDER BY r.respondent_key, r.id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = includeUnsubmitted });
        cmd.CommandTimeout = 0;
        long n = 0;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            var fields = new string[9];
            while (await reader.ReadAsync(ct))
            {
                fields[0] = Quote(reader.GetString(0));
                fields[1] = Quote(reader.GetString(1));
                fields[2] = Quote(reader.GetString(2));
                fields[3] = Quote(reader.GetString(3));
                fields[4] = !reader.IsDBNull(4) ? reader.GetDecimal(4).ToString("0.##", CultureInfo.InvariantCulture)
                    : reader.IsDBNull(5) ? string.Empty : Quote(reader.GetString(5));
                fields[5] = reader.IsDBNull(6) ? string.Empty : Quote(reader.GetString(6));
                fields[6] = reader.IsDBNull(7) ? string.Empty : Quote(reader.GetString(7));
                fields[7] = reader.IsDBNull(8) ? string.Empty : Quote(reader.GetString(8));
                fields[8] = reader.IsDBNull(9) ? string.Empty
                    : reader.GetFieldValue<DateTimeOffset>(9).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
                await output.WriteLineAsync(string.Join(',', fields));
                n++;
            }
        }
        if (auditActor is not null)
        {
            await using var audit = dataSource.CreateCommand(
                "INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, 'export.responses', 'waves', $2, $3::jsonb)");
            audit.Parameters.Add(new NpgsqlParameter { Value = auditActor });
            audit.Parameters.Add(new NpgsqlParameter { Value = waveId.ToString(CultureInfo.InvariantCulture) });
            audit.Parameters.Add(new NpgsqlParameter { Value = System.Text.Json.JsonSerializer.Serialize(new { rows = n, includeUnsubmitted }) });
            await audit.ExecuteNonQueryAsync(ct);
        }
        return n;
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static T Parse<T>(string s) where T : struct, Enum => Data.EnumText.TryParse<T>(s, out var v) ? v : default;

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection conn, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, object? arg = null)
    {
        await using var cmd = PgSql.Command(conn, sql);
        cmd.CommandTimeout = 0;
        if (arg is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(read(reader));
        }
        return list;
    }

    private static async Task<Dictionary<string, (long Id, long AccountId)>> MapAsync(NpgsqlConnection conn, string sql, string[] keys, CancellationToken ct) =>
        (await ListAsync(conn, sql, r => (Key: r.GetString(0), Id: r.GetInt64(1), Account: r.GetInt64(2)), ct, keys))
        .ToDictionary(x => x.Key, x => (x.Id, x.Account), StringComparer.Ordinal);
}
