using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Data;
using Rapport.Core.Database;
using Rapport.Core.Identity;
using Rapport.Core.Insights;
using Rapport.Core.Surveys;

namespace Rapport.Benchmarks.Insights;

/// <summary>
/// Server time of every analytics view (issue #5, docs/scaling.md) on one generated wave of <c>--respondents</c> responses
/// (default 200,000; about 64 answer rows each): generates accounts, contacts and answers once (COPY), then times the
/// <see cref="InsightQueries"/> calls the API endpoints make — the first call (building the wave's summary and
/// loading it), each view cold (first computation for a filter) and warm (median of repeated calls).
/// <code>insights --connection "Host=…" [--respondents 200000] [--accounts 20000] [--repeat 9] [--skip-summary true]</code>
/// </summary>
internal static class InsightsBenchmark
{
    private static readonly string[] Roles = ["user", "influencer", "buyer", "decider", "gatekeeper", "initiator"];
    private static readonly string[] Competitors = ["Alpha Industrietechnik", "Beta Service GmbH", "Gamma Systems", "Delta Automation"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }
        var connection = options.GetValueOrDefault("--connection") ?? throw new ArgumentException("--connection is required.");
        var respondents = int.Parse(options.GetValueOrDefault("--respondents") ?? "200000", CultureInfo.InvariantCulture);
        var accounts = int.Parse(options.GetValueOrDefault("--accounts") ?? "20000", CultureInfo.InvariantCulture);
        var repeat = int.Parse(options.GetValueOrDefault("--repeat") ?? "9", CultureInfo.InvariantCulture);

        await Migrator.ForRapport().MigrateAsync(connection);
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var (waveId, answers) = await GenerateAsync(dataSource, respondents, accounts);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wave {waveId}: {respondents:N0} respondents, {answers:N0} answer rows, {accounts:N0} accounts."));

        // Without the background warm-up, so that "cold" is the computation a request pays when nothing is cached.
        using var cache = new InsightCache(dataSource) { WarmUp = false };
        var admin = new Caller(1, "admin@bench.rapport", "Admin", UserRole.Admin, "en", MustChangePassword: false);
        var all = new InsightFilter { WaveId = waveId };
        var views = new (string Name, Func<InsightQueries, InsightFilter, Task> Run)[]
        {
            ("loyalty", (q, f) => q.LoyaltyAsync(f, admin)),
            ("loyalty ?groupBy=segment", (q, f) => q.LoyaltyAsync(f with { GroupBy = InsightGroupBy.Segment }, admin)),
            ("nps ?groupBy=buyingRole", (q, f) => q.NpsAsync(f with { GroupBy = InsightGroupBy.BuyingRole }, admin)),
            ("relationship-quality", (q, f) => q.RelationshipQualityAsync(f, admin)),
            ("phases", (q, f) => q.PhasesAsync(f, admin)),
            ("drivers (overall)", (q, f) => q.DriversAsync(f, admin)),
            ("drivers ?phase=operation", (q, f) => q.DriversAsync(f, admin, "operation")),
            ("importance-performance ?phase=delivery", (q, f) => q.ImportancePerformanceAsync(f, admin, "delivery")),
            ("main-contacts", (q, f) => q.MainContactAsync(f, admin)),
            ("competitors", (q, f) => q.CompetitorsAsync(f, admin)),
            ("trends", (q, f) => q.TrendsAsync(f, admin)),
            ("drilldown ?phase=operation&touchpoint=field_service", (q, f) => q.DrillDownAsync(f, admin, new DrillDownTarget(Phase: "operation", Touchpoint: "field_service"))),
        };

        // The first request of a wave: summarise its answers into insight_respondents and load them (forced by
        // forgetting an earlier summary of the generated wave).
        // --skip-summary true: keep the stored summary (iterating on the views without paying for it every run).
        var skipSummary = string.Equals(options.GetValueOrDefault("--skip-summary"), "true", StringComparison.OrdinalIgnoreCase);
        if (!skipSummary)
        {
            await ExecuteAsync(dataSource, "DELETE FROM insight_waves WHERE wave_id = $1", waveId);
        }
        await using (var db = Context(dataSource))
        {
            var watch = Stopwatch.StartNew();
            await new InsightQueries(db, cache).NpsAsync(all, admin);
            var what = skipSummary ? "stored summary kept, load only" : "summary of all answers + load";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"First request of the wave ({what}): {watch.Elapsed.TotalMilliseconds:F0} ms"));
        }
        cache.Clear();
        await using (var db = Context(dataSource))
        {
            var watch = Stopwatch.StartNew();
            await new InsightQueries(db, cache).NpsAsync(all, admin);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"First request after an app restart (load of the summary): {watch.Elapsed.TotalMilliseconds:F0} ms"));
        }

        // With the warm-up (as in the app): the unfiltered views are computed in the background right after the load;
        // a request for one of them waits for that computation. Measured: load until the last of them is ready.
        using (var warming = new InsightCache(dataSource))
        await using (var db = Context(dataSource))
        {
            var watch = Stopwatch.StartNew();
            var queries = new InsightQueries(db, warming);
            await queries.NpsAsync(all, admin);
            var loaded = watch.Elapsed.TotalMilliseconds;
            // Every view the warm-up computes, so that none of its background work is still running when the timed
            // calls below start (it did, and made the first two of them look 5-10x slower).
            await queries.MainContactAsync(all, admin);
            await queries.PhasesAsync(all, admin);
            await queries.DriversAsync(all, admin);
            await queries.LoyaltyAsync(all, admin);
            await queries.RelationshipQualityAsync(all, admin);
            await queries.TrendsAsync(all, admin);
            await queries.CompetitorsAsync(all, admin);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"After a restart with warm-up: summary loaded in {loaded:F0} ms, every unfiltered view cached {watch.Elapsed.TotalMilliseconds:F0} ms after the first request"));
        }

        // The warm-up measurement above held a second copy of the wave and its views (an app process holds one); collect
        // that garbage now so that the first timed call does not pay for it (it did: ~0.9 s on "loyalty", 2026-11-21).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine();
        Console.WriteLine("| view | filter | cold ms | warm median ms | warm max ms |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var (filterName, filter) in new[] { ("none", all), ("segment=regular", all with { Segment = Rapport.Core.Accounts.Segment.Regular }) })
        {
            foreach (var (name, run) in views)
            {
                var cold = await TimeAsync(dataSource, cache, run, filter);
                var warm = new List<double>();
                for (var i = 0; i < repeat; i++)
                {
                    warm.Add(await TimeAsync(dataSource, cache, run, filter));
                }
                warm.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {filterName} | {cold:F0} | {warm[warm.Count / 2]:F0} | {warm[^1]:F0} |"));
            }
        }
        return 0;
    }

    private static RapportDbContext Context(NpgsqlDataSource dataSource) => new(DataServiceCollectionExtensions.CreateOptions(dataSource));

    private static async Task<double> TimeAsync(NpgsqlDataSource dataSource, InsightCache cache, Func<InsightQueries, InsightFilter, Task> run, InsightFilter filter)
    {
        // A context per call, as per request in the app.
        await using var db = Context(dataSource);
        var watch = Stopwatch.StartNew();
        await run(new InsightQueries(db, cache), filter);
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Accounts, one contact per respondent and a closed wave of the standard survey with generated answers; reused when present.</summary>
    private static async Task<(long WaveId, long Answers)> GenerateAsync(NpgsqlDataSource dataSource, int respondents, int accounts)
    {
        var waveName = string.Create(CultureInfo.InvariantCulture, $"bench-{respondents}");
        await using (var find = dataSource.CreateCommand("SELECT id FROM waves WHERE name = $1"))
        {
            find.Parameters.AddWithValue(waveName);
            if (await find.ExecuteScalarAsync() is long existing)
            {
                await using var count = dataSource.CreateCommand("SELECT count(*) FROM response_answers WHERE wave_id = $1");
                count.Parameters.AddWithValue(existing);
                return (existing, (long)(await count.ExecuteScalarAsync())!);
            }
        }
        var watch = Stopwatch.StartNew();
        Console.Error.WriteLine($"Generating {accounts:N0} accounts and {respondents:N0} contacts ...");
        await ExecuteAsync(dataSource, """
            INSERT INTO accounts (external_id, name, industry, region, business_type, key_account, segment)
            SELECT 'IB' || lpad(g::text, 6, '0'), 'Insight bench account ' || g,
                   (ARRAY['machinery','automotive','chemicals','electronics','food','pharma'])[1 + g % 6],
                   (ARRAY['north','south','east','west'])[1 + g % 4],
                   (ARRAY['product','plant','system','supplier'])[1 + g % 4],
                   g % 25 = 0,
                   (ARRAY['prospect','new','regular','regular','regular','lost'])[1 + g % 6]
            FROM generate_series(1, $1) g
            ON CONFLICT (external_id) DO NOTHING
            """, accounts);
        await ExecuteAsync(dataSource, """
            INSERT INTO contacts (account_id, external_id, last_name, buying_role)
            SELECT a.id, 'IBC' || lpad(g::text, 7, '0'), 'Respondent ' || g,
                   (ARRAY['user','influencer','buyer','decider','gatekeeper','initiator'])[1 + g % 6]
            FROM generate_series(1, $1) g
            JOIN accounts a ON a.external_id = 'IB' || lpad((1 + g % $2)::text, 6, '0')
            ON CONFLICT (external_id) DO NOTHING
            """, respondents, accounts);

        long surveyId;
        long waveId;
        await using (var db = Context(dataSource))
        {
            var designer = new SurveyDesigner(db);
            surveyId = (await designer.CreateSurveyAsync(new CreateSurveyRequest("Insight benchmark " + waveName, SurveyTemplate.RelationshipStandard, false), null)).Value;
            waveId = (await designer.CreateWaveAsync(surveyId, new CreateWaveRequest(waveName, new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 28)))).Value;
        }
        var phases = await PairsAsync(dataSource, "SELECT p.id, p.code FROM survey_phases s JOIN business_phases p ON p.id = s.phase_id WHERE s.survey_id = $1 ORDER BY s.sort_order", surveyId);
        var touchpoints = await PairsAsync(dataSource, "SELECT t.id, t.code FROM survey_touchpoints s JOIN touchpoints t ON t.id = s.touchpoint_id WHERE s.survey_id = $1 ORDER BY s.sort_order", surveyId);
        var contacts = new List<(long Id, long Account, int Role)>();
        await using (var cmd = dataSource.CreateCommand("SELECT id, account_id, buying_role FROM contacts WHERE external_id LIKE 'IBC%' ORDER BY external_id LIMIT $1"))
        {
            cmd.Parameters.AddWithValue(respondents);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                contacts.Add((reader.GetInt64(0), reader.GetInt64(1), Array.IndexOf(Roles, reader.GetString(2))));
            }
        }

        Console.Error.WriteLine($"Generating the answers of {contacts.Count:N0} respondents ...");
        var random = new Random(7);
        var submitted = new DateTimeOffset(2025, 2, 1, 9, 0, 0, TimeSpan.Zero);
        long rows = 0;
        const int Batch = 20_000;
        for (var start = 0; start < contacts.Count; start += Batch)
        {
            await using var conn = await dataSource.OpenConnectionAsync();
            await using var copy = await conn.BeginBinaryImportAsync(
                "COPY response_answers (wave_id, respondent_key, account_id, contact_id, item_code, phase_id, touchpoint_id, value, text, submitted_at) FROM STDIN (FORMAT BINARY)");
            for (var i = start; i < Math.Min(start + Batch, contacts.Count); i++)
            {
                var (contactId, accountId, role) = contacts[i];
                var key = string.Create(CultureInfo.InvariantCulture, $"bench-{i + 1:D7}");
                async Task Emit(string item, int? phase, int? touchpoint, double? value, string? text = null)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(waveId, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(key, NpgsqlDbType.Text);
                    await copy.WriteAsync(accountId, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(contactId, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(item, NpgsqlDbType.Text);
                    await Nullable(copy, phase, NpgsqlDbType.Integer);
                    await Nullable(copy, touchpoint, NpgsqlDbType.Integer);
                    await Nullable(copy, value is null ? null : (decimal?)value.Value, NpgsqlDbType.Numeric);
                    await Nullable(copy, text, NpgsqlDbType.Text);
                    await copy.WriteAsync(submitted, NpgsqlDbType.TimestampTz);
                    rows++;
                }
                // A respondent's general level, so that items and phases correlate as in real surveys.
                var level = Math.Clamp(3.4 + (0.9 * Gaussian(random)) - (0.15 * role), 1, 5);
                for (var p = 0; p < phases.Count; p++)
                {
                    var involved = random.NextDouble() < 0.25 + (0.1 * ((p + role) % 4));
                    await Emit("PH_INVOLVED", phases[p].Id, null, involved ? 1 : 0);
                    if (!involved)
                    {
                        continue;
                    }
                    var sum = 0.0;
                    var rated = 0;
                    for (var t = 0; t < touchpoints.Count; t++)
                    {
                        var contact = random.NextDouble() < 0.15 + (0.6 * (((p * 3) + t) % 5 == 0 ? 1 : 0.2));
                        await Emit("TP_CONTACT", phases[p].Id, touchpoints[t].Id, contact ? 1 : 0);
                        if (!contact)
                        {
                            continue;
                        }
                        var sat = Scale(level + (0.8 * Gaussian(random)), 1, 5);
                        sum += sat * (1 + t % 3);
                        rated += 1 + t % 3;
                        await Emit("TP_SAT", phases[p].Id, touchpoints[t].Id, sat);
                        await Emit("TP_MAIN", phases[p].Id, touchpoints[t].Id, random.NextDouble() < 0.3 ? 1 : 0);
                    }
                    var phaseSat = rated > 0 ? (0.7 * sum / rated) + (0.3 * level) : level;
                    await Emit("PH_SAT", phases[p].Id, null, Scale(phaseSat + (0.5 * Gaussian(random)), 1, 5));
                    if (random.NextDouble() < 0.4)
                    {
                        await Emit("CMP_NAME", phases[p].Id, null, null, Competitors[random.Next(Competitors.Length)]);
                        await Emit("CMP_REL", phases[p].Id, null, Scale(3 + Gaussian(random), 1, 5));
                    }
                }
                await Emit("LOY_RECOMMEND", null, null, Scale((level * 2.2) - 1 + (1.3 * Gaussian(random)), 0, 10));
                await Emit("LOY_REPURCHASE", null, null, Scale(level + (0.7 * Gaussian(random)), 1, 5));
                await Emit("LOY_FIRSTCHOICE", null, null, random.NextDouble() < (level - 1) / 4 ? 1 : 0);
                await Emit("LOY_CROSSBUY", null, null, Scale(level + (0.8 * Gaussian(random)), 1, 5));
                var motives = new (string Prefix, int Count, double Mean)[] { ("MOT_ATT_", 4, level), ("MOT_CAL_", 3, 3), ("MOT_LCK_", 4, 6 - level) };
                foreach (var (prefix, count, mean) in motives)
                {
                    for (var k = 1; k <= count; k++)
                    {
                        await Emit(prefix + k.ToString(CultureInfo.InvariantCulture), null, null, Scale(mean + (0.7 * Gaussian(random)), 1, 5));
                    }
                }
                foreach (var (prefix, count) in new[] { ("RQ_SAT_", 2), ("RQ_TRU_", 3), ("RQ_COM_", 2) })
                {
                    for (var k = 1; k <= count; k++)
                    {
                        await Emit(prefix + k.ToString(CultureInfo.InvariantCulture), null, null, Scale(level + (0.6 * Gaussian(random)), 1, 5));
                    }
                }
            }
            await copy.CompleteAsync();
        }
        await ExecuteAsync(dataSource, "ANALYZE response_answers; ANALYZE accounts; ANALYZE contacts");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated {rows:N0} answer rows in {watch.Elapsed.TotalSeconds:F0} s."));
        return (waveId, rows);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Scale(double value, int min, int max) => Math.Clamp(Math.Round(value), min, max);

    private static async Task Nullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, type);
        }
    }

    private static async Task<List<(int Id, string Code)>> PairsAsync(NpgsqlDataSource dataSource, string sql, long surveyId)
    {
        var list = new List<(int, string)>();
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue(surveyId);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetInt32(0), reader.GetString(1)));
        }
        return list;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] args)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.CommandTimeout = 1800;
        foreach (var arg in args)
        {
            cmd.Parameters.AddWithValue(arg);
        }
        await cmd.ExecuteNonQueryAsync();
    }
}
