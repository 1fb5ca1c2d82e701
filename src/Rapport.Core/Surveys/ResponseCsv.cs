using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Rapport.Analytics;
using Rapport.Analytics.Input;
using Rapport.Analytics.Survey;

namespace Rapport.Core.Surveys;

/// <summary>One problem with a responses file: row (header = line 1), column and message.</summary>
public sealed record ResponseImportError(long Row, string? Column, string Message)
{
    public override string ToString() => (Row > 0 ? $"row {Row}" : string.Empty) + (Column is null ? string.Empty : $", column '{Column}'") + ": " + Message;
}

/// <summary>What a responses import did; with errors nothing was written.</summary>
public sealed record ResponseImportResult(
    string File, bool Imported, bool DryRun, long RowsRead, long Inserted, long Updated, long Unchanged, int Respondents,
    long ErrorCount, IReadOnlyList<ResponseImportError> Errors);

/// <summary>
/// The responses CSV of SPEC §7.3 (long format: one row per item answer):
/// <c>respondent_id, account_external_id, wave, item_code, value, contact_external_id, phase, touchpoint, submitted_at</c>.
/// Import is all-or-nothing and idempotent (a row with the same respondent, item, phase and touchpoint replaces the
/// answer); <c>wave</c> is a wave's name (or its id when names repeat across surveys); text items carry their text in
/// <c>value</c>; answers are checked against the item's scale and the survey's phases and touchpoints.
/// </summary>
public static class ResponseCsv
{
    public static readonly string[] Columns =
        ["respondent_id", "account_external_id", "wave", "item_code", "value", "contact_external_id", "phase", "touchpoint", "submitted_at"];

    private static readonly string[] Required = ["respondent_id", "account_external_id", "wave", "item_code", "value"];

    private sealed record Row(long Line, string Respondent, string Account, string Wave, string Item, string Value,
        string? Contact, string? Phase, string? Touchpoint, string? Submitted);

    private sealed record Item(SurveyItemLevel Level, SurveyItemScale Scale);

    private sealed record WaveInfo(long Id, long SurveyId, string Name);

    /// <summary>Imports <paramref name="path"/>; <paramref name="maxErrors"/> errors are reported in detail, all are counted.</summary>
    /// <exception cref="AnalyticsInputException">The file is missing, empty or not UTF-8.</exception>
    public static async Task<ResponseImportResult> ImportAsync(NpgsqlDataSource dataSource, string path, bool dryRun = false,
        int maxErrors = 50, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var errors = new List<ResponseImportError>();
        long errorCount = 0;
        void Error(long row, string? column, string message)
        {
            errorCount++;
            if (errors.Count < maxErrors)
            {
                errors.Add(new ResponseImportError(row, column, message));
            }
        }

        var rows = new List<Row>();
        var (reader, header, _) = CsvSource.Open(path);
        using (reader)
        {
            var unknown = header.Where(h => !Columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
            foreach (var u in unknown)
            {
                Error(1, u, $"unknown column; the responses file has: {string.Join(", ", Columns)}");
            }
            foreach (var r in Required.Where(r => CsvSource.Find(header, r) < 0))
            {
                Error(1, r, "required column is missing");
            }
            if (errorCount > 0)
            {
                return Fail();
            }
            var ix = Columns.Select(c => CsvSource.Find(header, c)).ToArray();
            string? Cell(int column) => ix[column] < 0 || ix[column] >= reader.FieldCount ? null : Blank(reader.GetString(ix[column]));
            try
            {
                while (reader.Read())
                {
                    var line = reader.LineNumber;
                    var missing = false;
                    for (var c = 0; c < Required.Length; c++)
                    {
                        if (Cell(c) is null)
                        {
                            Error(line, Columns[c], "a value is required");
                            missing = true;
                        }
                    }
                    if (!missing)
                    {
                        rows.Add(new Row(line, Cell(0)!, Cell(1)!, Cell(2)!, Cell(3)!, Cell(4)!, Cell(5), Cell(6), Cell(7), Cell(8)));
                    }
                }
            }
            catch (DecoderFallbackException)
            {
                Error(reader.LineNumber + 1, null, "not valid UTF-8 (save the file as UTF-8)");
                return Fail();
            }
        }

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
            var before = errorCount;
            var matching = waves.Where(w => w.Name == r.Wave).ToList();
            if (matching.Count == 0 && long.TryParse(r.Wave, CultureInfo.InvariantCulture, out var waveId))
            {
                matching = waves.Where(w => w.Id == waveId).ToList();
            }
            if (matching.Count != 1)
            {
                Error(r.Line, "wave", matching.Count == 0 ? $"no wave named '{r.Wave}'" : $"several surveys have a wave named '{r.Wave}'; give the wave id instead");
                continue;
            }
            var wave = matching[0];
            if (!accounts.TryGetValue(r.Account, out var account))
            {
                Error(r.Line, "account_external_id", $"no account with external_id '{r.Account}' in the database");
            }
            long? contact = null;
            if (r.Contact is not null)
            {
                if (!contacts.TryGetValue(r.Contact, out var c))
                {
                    Error(r.Line, "contact_external_id", $"no contact with external_id '{r.Contact}' in the database");
                }
                else if (account.Id != 0 && c.AccountId != account.Id)
                {
                    Error(r.Line, "contact_external_id", $"contact '{r.Contact}' does not belong to account '{r.Account}'");
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
                    Error(r.Line, "respondent_id", $"'{r.Respondent}' is reserved for answers given through invitations, and there is no such invitation in wave '{wave.Name}'");
                }
                else
                {
                    invitation = inv.Id;
                }
            }
            if (!items.TryGetValue((wave.SurveyId, r.Item), out var item))
            {
                Error(r.Line, "item_code", $"the survey of wave '{wave.Name}' has no item {r.Item}");
                continue;
            }
            int? phase = null, touchpoint = null;
            if (item.Level == SurveyItemLevel.Global && (r.Phase is not null || r.Touchpoint is not null))
            {
                Error(r.Line, r.Phase is not null ? "phase" : "touchpoint", $"{r.Item} takes neither a phase nor a touchpoint");
            }
            if (item.Level != SurveyItemLevel.Global)
            {
                if (r.Phase is null)
                {
                    Error(r.Line, "phase", $"{r.Item} needs a phase");
                }
                else if (!phases.TryGetValue((wave.SurveyId, r.Phase), out var p))
                {
                    Error(r.Line, "phase", $"the survey does not ask about phase '{r.Phase}'");
                }
                else
                {
                    phase = p;
                }
                if (item.Level == SurveyItemLevel.Touchpoint)
                {
                    if (r.Touchpoint is null)
                    {
                        Error(r.Line, "touchpoint", $"{r.Item} needs a touchpoint");
                    }
                    else if (!touchpoints.TryGetValue((wave.SurveyId, r.Touchpoint), out var t))
                    {
                        Error(r.Line, "touchpoint", $"the survey does not ask about touchpoint '{r.Touchpoint}'");
                    }
                    else
                    {
                        touchpoint = t;
                    }
                }
                else if (r.Touchpoint is not null)
                {
                    Error(r.Line, "touchpoint", $"{r.Item} takes no touchpoint");
                }
            }
            decimal? value = null;
            string? text = null;
            if (item.Scale == SurveyItemScale.Text)
            {
                text = r.Value.Length <= AnswerRules.MaxTextLength ? r.Value : null;
                if (text is null)
                {
                    Error(r.Line, "value", $"longer than {AnswerRules.MaxTextLength} characters");
                }
            }
            else
            {
                var scale = SurveyTemplate.ToAnalyticsScale(item.Scale)!.Value;
                if (!CellParsers.TryParseNumber(r.Value, false, out var number) || !ItemScales.IsValid(number, scale))
                {
                    Error(r.Line, "value", $"'{r.Value}' is not a valid answer to {r.Item}, which takes {ItemScales.Describe(scale)}");
                }
                else
                {
                    value = (decimal)number;
                }
            }
            DateTimeOffset? submitted = null;
            if (r.Submitted is not null)
            {
                if (DateTimeOffset.TryParse(r.Submitted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s))
                {
                    submitted = s;
                }
                else
                {
                    Error(r.Line, "submitted_at", $"'{r.Submitted}' is not an ISO date or time");
                }
            }
            var key = (wave.Id, r.Respondent, r.Item, phase, touchpoint);
            if (seen.TryGetValue(key, out var first))
            {
                Error(r.Line, "item_code", $"respondent '{r.Respondent}' answers {r.Item} for the same phase and touchpoint already in row {first}");
            }
            else
            {
                seen[key] = r.Line;
            }
            if (errorCount == before)
            {
                valid.Add((r, wave.Id, account.Id, contact, invitation, phase, touchpoint, value, text, submitted));
            }
        }
        if (errorCount > 0)
        {
            return Fail();
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecuteAsync(conn, """
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
                await WriteAsync(copy, v.Invitation, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(v.Row.Respondent, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(v.Account, NpgsqlDbType.Bigint, ct);
                await WriteAsync(copy, v.Contact, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(v.Row.Item, NpgsqlDbType.Text, ct);
                await WriteAsync(copy, v.Phase, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, v.Touchpoint, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, v.Value, NpgsqlDbType.Numeric, ct);
                await WriteAsync(copy, v.Text, NpgsqlDbType.Text, ct);
                await WriteAsync(copy, v.Submitted, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
        }
        // Without submitted_at in the file, an existing answer keeps its time and a new one gets the import's time.
        var updated = (long)await ExecuteAsync(conn, """
            UPDATE response_answers r
               SET value = s.value, text = s.text, account_id = s.account_id, contact_id = s.contact_id,
                   submitted_at = coalesce(s.submitted_at, r.submitted_at), updated_at = now()
              FROM response_stage s
             WHERE r.wave_id = s.wave_id AND r.respondent_key = s.respondent_key AND r.item_code = s.item_code
               AND r.phase_id IS NOT DISTINCT FROM s.phase_id AND r.touchpoint_id IS NOT DISTINCT FROM s.touchpoint_id
               AND (r.value, r.text, r.account_id, r.contact_id, r.submitted_at)
                   IS DISTINCT FROM (s.value, s.text, s.account_id, s.contact_id, coalesce(s.submitted_at, r.submitted_at))
            """, ct);
        var inserted = (long)await ExecuteAsync(conn, """
            INSERT INTO response_answers (wave_id, invitation_id, respondent_key, account_id, contact_id, item_code, phase_id, touchpoint_id, value, text, submitted_at)
            SELECT s.wave_id, s.invitation_id, s.respondent_key, s.account_id, s.contact_id, s.item_code, s.phase_id, s.touchpoint_id, s.value, s.text,
                   coalesce(s.submitted_at, now())
            FROM response_stage s
            WHERE NOT EXISTS (
                SELECT 1 FROM response_answers r
                WHERE r.wave_id = s.wave_id AND r.respondent_key = s.respondent_key AND r.item_code = s.item_code
                  AND r.phase_id IS NOT DISTINCT FROM s.phase_id AND r.touchpoint_id IS NOT DISTINCT FROM s.touchpoint_id)
            """, ct);
        if (dryRun)
        {
            await tx.RollbackAsync(ct);
        }
        else
        {
            await ExecuteAsync(conn, $"INSERT INTO audit_log (actor, action, entity, details) VALUES ('import', 'import.responses', 'response_answers', "
                + $"jsonb_build_object('file', '{Path.GetFileName(path).Replace("'", "''", StringComparison.Ordinal)}', 'rows', {rows.Count}))", ct);
            await tx.CommitAsync(ct);
        }
        return new ResponseImportResult(path, !dryRun, dryRun, rows.Count, inserted, updated, rows.Count - inserted - updated,
            valid.Select(v => (v.Wave, v.Row.Respondent)).Distinct().Count(), 0, []);

        ResponseImportResult Fail() => new(path, false, dryRun, rows.Count, 0, 0, 0, 0, errorCount, errors);
    }

    /// <summary>Writes the answers of a wave (submitted ones unless <paramref name="includeUnsubmitted"/>) as a responses CSV.</summary>
    public static async Task<long> ExportAsync(NpgsqlDataSource dataSource, long waveId, TextWriter output, bool includeUnsubmitted = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync(string.Join(',', Columns));
        await using var cmd = dataSource.CreateCommand("""
            SELECT r.respondent_key, a.external_id, w.name, r.item_code, coalesce(r.value::text, r.text), c.external_id, p.code, t.code, r.submitted_at
            FROM response_answers r JOIN waves w ON w.id = r.wave_id JOIN accounts a ON a.id = r.account_id
            LEFT JOIN contacts c ON c.id = r.contact_id LEFT JOIN business_phases p ON p.id = r.phase_id LEFT JOIN touchpoints t ON t.id = r.touchpoint_id
            WHERE r.wave_id = $1 AND ($2 OR r.submitted_at IS NOT NULL)
            ORDER BY r.respondent_key, r.id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = waveId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = includeUnsubmitted });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        long n = 0;
        var fields = new string[9];
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < 8; i++)
            {
                fields[i] = reader.IsDBNull(i) ? string.Empty : Quote(reader.GetString(i));
            }
            fields[4] = reader.IsDBNull(4) ? string.Empty : Quote(TrimNumber(reader.GetString(4)));
            fields[8] = reader.IsDBNull(8) ? string.Empty : reader.GetFieldValue<DateTimeOffset>(8).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
            await output.WriteLineAsync(string.Join(',', fields));
            n++;
        }
        return n;
    }

    private static string TrimNumber(string s) =>
        decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d.ToString("0.##", CultureInfo.InvariantCulture) : s;

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static T Parse<T>(string s) where T : struct, Enum => Data.EnumText.TryParse<T>(s, out var v) ? v : default;

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection conn, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, object? arg = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
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

    private static async ValueTask WriteAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
        {
            await w.WriteNullAsync(ct);
        }
        else
        {
            await w.WriteAsync(value, type, ct);
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
