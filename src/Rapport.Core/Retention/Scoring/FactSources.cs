using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Rapport.Analytics.Retention;
using Rapport.Analytics.Survey;
using Rapport.Core.Data;

namespace Rapport.Core.Retention.Scoring;

/// <summary>
/// Adds facts of one kind to the accounts of a run, with set-based queries (one per source, not one per account).
/// The early-warning rules (docs/retention.md#early-warning-signals) read what the sources put into <see cref="AccountFacts"/>; a feature that brings a
/// new kind of fact — complaints with their SLA — adds a source to <see cref="ScoringFactSources.Default"/> that fills
/// <see cref="AccountFacts.Complaints"/> and the complaint counters of <see cref="AccountFacts.InteractionsAt"/>.
/// </summary>
public interface IScoringFactSource
{
    /// <summary>Short name for progress and timings.</summary>
    string Name { get; }

    /// <summary>Loads the facts of every account in <paramref name="accounts"/> (ignore rows of other accounts).</summary>
    Task LoadAsync(NpgsqlConnection connection, ScoringCalendar calendar, ScoringOptions options,
        IReadOnlyDictionary<long, AccountFacts> accounts, CancellationToken ct);
}

/// <summary>The fact sources of the scoring job.</summary>
public static class ScoringFactSources
{
    /// <summary>Contracts, interactions, key contacts who left, survey answers.</summary>
    public static IReadOnlyList<IScoringFactSource> Default { get; } =
        [new ContractFactSource(), new InteractionFactSource(), new KeyContactFactSource(), new SurveyFactSource()];

    internal static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (object Value, NpgsqlDbType Type)[] parameters)
    {
        var cmd = PgSql.Command(connection, sql);
        cmd.CommandTimeout = 0;
        foreach (var (value, type) in parameters)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
        }
        return cmd;
    }

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The contracts of each account (running-contract activity, terminations, deadlines).</summary>
public sealed class ContractFactSource : IScoringFactSource
{
    public string Name => "contracts";

    public async Task LoadAsync(NpgsqlConnection connection, ScoringCalendar calendar, ScoringOptions options,
        IReadOnlyDictionary<long, AccountFacts> accounts, CancellationToken ct)
    {
        await using var cmd = ScoringFactSources.Command(connection, """
            SELECT account_id, id, contract_no, start_date, end_date, notice_days, auto_renew, terminated_on
            FROM contracts WHERE start_date <= $1 ORDER BY account_id, start_date, id
            """, (calendar.AsOf, NpgsqlDbType.Date));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!accounts.TryGetValue(reader.GetInt64(0), out var facts))
            {
                continue;
            }
            var contract = new ContractInfo(reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4), reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7));
            facts.Contracts.Add(contract);
            facts.EvidenceLabels["contract:" + ScoringFactSources.Id(contract.Id)] = contract.ContractNo;
        }
    }
}

/// <summary>Interaction counts per evaluation day: the last 90 days, the year before them, inbound contacts.</summary>
public sealed class InteractionFactSource : IScoringFactSource
{
    public string Name => "interactions";

    public async Task LoadAsync(NpgsqlConnection connection, ScoringCalendar calendar, ScoringOptions options,
        IReadOnlyDictionary<long, AccountFacts> accounts, CancellationToken ct)
    {
        var steps = Enumerable.Range(0, calendar.Days.Count).Where(calendar.IsEvaluated).ToList();
        var columns = string.Concat(steps.Select(k =>
        {
            var d = "$" + (k + 3).ToString(CultureInfo.InvariantCulture) + "::date";
            return $"""
                , count(*) FILTER (WHERE d > {d} - 90 AND d <= {d})
                , count(*) FILTER (WHERE d > {d} - 455 AND d <= {d} - 90)
                , count(*) FILTER (WHERE inbound AND d > {d} - 90 AND d <= {d})
                """;
        }));
        var oldest = calendar.Days[steps[^1]].AddDays(-455);
        // Days are taken in UTC, like the as-of day of a run.
        await using var cmd = ScoringFactSources.Command(connection, $"""
            SELECT account_id{columns}
            FROM (SELECT account_id, (occurred_at AT TIME ZONE 'UTC')::date AS d, direction = 'inbound' AS inbound
                  FROM interactions
                  WHERE occurred_at >= ($1::date)::timestamp AT TIME ZONE 'UTC'
                    AND occurred_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC') i
            GROUP BY account_id
            """, [(oldest, NpgsqlDbType.Date), (calendar.AsOf, NpgsqlDbType.Date),
                  .. calendar.Days.Select(d => ((object)d, NpgsqlDbType.Date))]);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!accounts.TryGetValue(reader.GetInt64(0), out var facts))
            {
                continue;
            }
            var i = 1;
            foreach (var k in steps)
            {
                ref var point = ref facts.InteractionsAt(k, calendar.Days.Count);
                point.Last90Days = (int)reader.GetInt64(i);
                point.PriorYear = (int)reader.GetInt64(i + 1);
                point.InboundLast90Days += (int)reader.GetInt64(i + 2);
                i += 3;
            }
        }
    }
}

/// <summary>Contacts in a key buying role (decider, buyer) of the accounts where one of them is inactive.</summary>
public sealed class KeyContactFactSource : IScoringFactSource
{
    public string Name => "key contacts";

    public async Task LoadAsync(NpgsqlConnection connection, ScoringCalendar calendar, ScoringOptions options,
        IReadOnlyDictionary<long, AccountFacts> accounts, CancellationToken ct)
    {
        string[] roles = [.. options.ToEarlyWarningOptions().KeyRoles];
        await using var cmd = ScoringFactSources.Command(connection, """
            SELECT c.account_id, c.id, concat_ws(' ', c.first_name, c.last_name), c.buying_role, c.is_active, c.inactive_since
            FROM contacts c
            WHERE c.buying_role = ANY($1)
              AND EXISTS (SELECT 1 FROM contacts x WHERE x.account_id = c.account_id AND NOT x.is_active AND x.buying_role = ANY($1))
            ORDER BY c.account_id, c.id
            """, (roles, NpgsqlDbType.Array | NpgsqlDbType.Text));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!accounts.TryGetValue(reader.GetInt64(0), out var facts))
            {
                continue;
            }
            var id = ScoringFactSources.Id(reader.GetInt64(1));
            var name = reader.GetString(2);
            facts.KeyContacts.Add(new ContactFact(id, name, reader.GetString(3), reader.GetBoolean(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5)));
            facts.EvidenceLabels["contact:" + id] = name;
        }
    }
}

/// <summary>
/// Submitted survey answers: the recommendation answers (detractors) and, per account and wave, the loyalty index and
/// its attachment and lock-in components (docs/definitions.md#loyalty-index-and-its-make-up), computed by <see cref="LoyaltyIndex"/>.
/// </summary>
public sealed class SurveyFactSource : IScoringFactSource
{
    public string Name => "survey answers";

    public async Task LoadAsync(NpgsqlConnection connection, ScoringCalendar calendar, ScoringOptions options,
        IReadOnlyDictionary<long, AccountFacts> accounts, CancellationToken ct)
    {
        await foreach (var account in AccountSurveyFacts.StreamAsync(connection, null, calendar.AsOf, ct))
        {
            if (accounts.TryGetValue(account.AccountId, out var facts))
            {
                account.CopyTo(facts);
            }
        }
    }
}

/// <summary>An account's survey facts: its recommendation answers and its loyalty per wave.</summary>
public sealed class AccountSurveyFacts(long accountId)
{
    public long AccountId { get; } = accountId;
    public List<RecommendAnswerFact> RecommendAnswers { get; } = [];
    public List<WaveLoyalty> Waves { get; } = [];
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>The loyalty index of the latest wave (by closing day) with a loyalty score; null without one.</summary>
    public WaveLoyalty? Latest => Waves.OrderByDescending(w => w.ClosesOn).ThenByDescending(w => w.WaveId).FirstOrDefault();

    public void CopyTo(AccountFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        facts.RecommendAnswers.AddRange(RecommendAnswers);
        facts.Waves.AddRange(Waves);
        foreach (var (key, label) in Labels)
        {
            facts.EvidenceLabels[key] = label;
        }
    }

    /// <summary>
    /// Streams the survey facts of all accounts (or of <paramref name="accountId"/>) from submitted answers given up to
    /// <paramref name="asOf"/>, ordered by account. Loyalty and motive items only (global level); a respondent whose
    /// answers are not valid on their scales is left out.
    /// </summary>
    public static async IAsyncEnumerable<AccountSurveyFacts> StreamAsync(NpgsqlConnection connection, long? accountId, DateOnly asOf,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var cmd = ScoringFactSources.Command(connection, """
            SELECT r.account_id, r.wave_id, w.name, w.closes_on, r.respondent_key, r.item_code, r.value,
                   (r.submitted_at AT TIME ZONE 'UTC')::date, concat_ws(' ', c.first_name, c.last_name)
            FROM response_answers r
            JOIN waves w ON w.id = r.wave_id
            LEFT JOIN contacts c ON c.id = r.contact_id
            WHERE r.submitted_at IS NOT NULL AND r.value IS NOT NULL AND r.phase_id IS NULL
              AND (r.item_code LIKE 'LOY\_%' OR r.item_code LIKE 'MOT\_%')
              AND r.submitted_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
              AND ($1::bigint IS NULL OR r.account_id = $1)
            ORDER BY r.account_id, w.closes_on, r.wave_id, r.respondent_key
            """, ((object?)accountId ?? DBNull.Value, NpgsqlDbType.Bigint), (asOf, NpgsqlDbType.Date));
        await using var reader = await cmd.ExecuteReaderAsync(ct);

        AccountSurveyFacts? current = null;
        long waveId = -1;
        string waveName = "";
        DateOnly closesOn = default;
        string? respondent = null;
        var items = new Dictionary<string, double>(StringComparer.Ordinal);
        var accumulator = new LoyaltyAccumulator();

        void EndRespondent()
        {
            if (respondent is not null && items.Count > 0)
            {
                try
                {
                    accumulator.Add(items);
                }
                catch (ArgumentOutOfRangeException)
                {
                    // An answer outside its scale (e.g. imported data): the respondent is left out of the figures.
                }
            }
            items.Clear();
            respondent = null;
        }

        void EndWave()
        {
            EndRespondent();
            if (current is not null && waveId >= 0)
            {
                var result = accumulator.Result;
                if (result.N > 0)
                {
                    var decomposed = result.DecompositionN > 0;
                    current.Waves.Add(new WaveLoyalty(waveId, waveName, closesOn, result.N, result.LoyaltyIndex,
                        decomposed ? result.Components.Attachment : null, decomposed ? result.Components.LockIn : null));
                    current.Labels["wave:" + ScoringFactSources.Id(waveId)] = waveName;
                }
            }
            accumulator = new LoyaltyAccumulator();
            waveId = -1;
        }

        while (await reader.ReadAsync(ct))
        {
            var account = reader.GetInt64(0);
            var wave = reader.GetInt64(1);
            var key = reader.GetString(4);
            if (current is null || current.AccountId != account)
            {
                EndWave();
                if (current is not null)
                {
                    yield return current;
                }
                current = new AccountSurveyFacts(account);
            }
            if (wave != waveId)
            {
                EndWave();
                waveId = wave;
                waveName = reader.GetString(2);
                closesOn = reader.GetFieldValue<DateOnly>(3);
            }
            if (key != respondent)
            {
                EndRespondent();
                respondent = key;
            }
            var code = reader.GetString(5);
            var value = (double)reader.GetDecimal(6);
            items[code] = value;
            if (code == ItemCodes.LoyRecommend && value == Math.Floor(value) && value is >= 0 and <= 10)
            {
                var responseId = ScoringFactSources.Id(wave) + "/" + key;
                var name = reader.GetString(8);
                current.RecommendAnswers.Add(new RecommendAnswerFact(responseId, reader.GetFieldValue<DateOnly>(7), (int)value,
                    string.IsNullOrWhiteSpace(name) ? null : name));
                current.Labels["response:" + responseId] = waveName;
            }
        }
        EndWave();
        if (current is not null)
        {
            yield return current;
        }
    }
}
