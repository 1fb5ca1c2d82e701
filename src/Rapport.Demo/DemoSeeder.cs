using System.Diagnostics;
using System.Text.Json;
using Bogus;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Import;
using Rapport.Core.Data;

namespace Rapport.Demo;

/// <summary>
/// Seeds the demo company "Muster Maschinenbau GmbH" and its customers into a database (docs/running.md#first-start, docs/cli.md
/// <c>rapport demo seed</c>). Everything is written in one transaction with binary COPY; the same options give the
/// same data. Stories planted for later analyses: <see cref="DemoStories"/>, docs/demo-company.md.
/// </summary>
public static class DemoSeeder
{
    /// <summary>Serialises concurrent seeds (e.g. two app instances starting on an empty database).</summary>
    private const long AdvisoryLockKey = 0x72617070_64656D6F;

    private const int BatchSize = 100;

    /// <summary>True when the database holds no accounts (the app then seeds the demo on first start).</summary>
    public static async Task<bool> IsDatabaseEmptyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM accounts)");
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Generates the demo company into the database. Fails with <see cref="DemoSeedFailure.DatabaseNotEmpty"/> when
    /// accounts exist, unless <see cref="DemoOptions.Replace"/> is set: then all business data — accounts and every
    /// row that references them (contacts, consents, orders, interactions, contracts, and other features' data such
    /// as survey invitations or complaints), and products — is deleted first. Users are kept; the demo users are
    /// added if missing. Master data (phases, touchpoints) is used as it is; missing demo competitors are added.
    /// </summary>
    public static async Task<DemoSeedResult> SeedAsync(
        NpgsqlDataSource dataSource,
        DemoOptions options,
        IProgress<DemoSeedProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Accounts is < DemoOptions.MinAccounts or > DemoOptions.MaxAccounts)
        {
            return DemoSeedResult.Fail(DemoSeedFailure.InvalidOptions,
                $"--accounts must be between {DemoOptions.MinAccounts} and {DemoOptions.MaxAccounts} (was {options.Accounts}).");
        }

        var ct = cancellationToken;
        var clock = Stopwatch.StartNew();
        var batches = (options.Accounts + BatchSize - 1) / BatchSize;
        var totalSteps = 5 + batches;
        var step = 0;
        void Report(string what) => progress?.Report(new DemoSeedProgress(what, step++, totalSteps));

        Report("Planning accounts");
        var plan = DemoPlanner.Plan(options);

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await PgSql.ExecuteAsync(conn, "SELECT pg_advisory_xact_lock($1)", ct, AdvisoryLockKey);

        // Nobody else writes these tables until the seed commits; that also makes the id blocks below safe.
        await PgSql.ExecuteAsync(conn, "LOCK TABLE accounts, contacts, orders, order_lines, interactions, contracts, consents, account_shares, products IN SHARE ROW EXCLUSIVE MODE", ct);
        var existing = (long)(await PgSql.ScalarAsync(conn, "SELECT count(*) FROM accounts", ct))!;
        if (existing > 0 && !options.Replace)
        {
            return DemoSeedResult.Fail(DemoSeedFailure.DatabaseNotEmpty,
                $"The database already holds {existing} account(s); demo data is only seeded into an empty database. "
                + "Use --replace to delete all business data (accounts with their contacts, orders, interactions, "
                + "contracts and everything else attached to them, and products) and seed the demo company anew.");
        }
        if (options.Replace)
        {
            Report("Deleting business data");
            await PgSql.ExecuteAsync(conn, "TRUNCATE accounts, products RESTART IDENTITY CASCADE", ct);
        }
        else
        {
            Report("Master data");
        }

        var userIds = await UpsertUsersAsync(conn, plan, ct);
        var competitors = await EnsureCompetitorsAsync(conn, ct);
        var products = await UpsertProductsAsync(conn, ct);
        var phases = await PgSql.CodesAsync(conn, "business_phases", StringComparer.Ordinal, ct);
        var touchpoints = await PgSql.CodesAsync(conn, "touchpoints", StringComparer.Ordinal, ct);
        var accountIds = await ReserveIdsAsync(conn, "accounts", plan.Accounts.Count, ct);

        var counts = new Counter();
        var fakers = new Dictionary<string, Faker>(StringComparer.Ordinal);
        Faker FakerFor(string locale)
        {
            if (!fakers.TryGetValue(locale, out var f))
            {
                f = new Faker(locale);
                fakers[locale] = f;
            }
            return f;
        }

        // Generation of the next batch overlaps with writing the current one (the database is the slower side).
        Task<List<DemoAccountHistory>> GenerateAsync(int b) => Task.Run(
            () => plan.Accounts.Skip(b * BatchSize).Take(BatchSize).Select(a => DemoHistory.Generate(a, options, FakerFor)).ToList(),
            ct);
        var pending = GenerateAsync(0);
        try
        {
            for (var b = 0; b < batches; b++)
            {
                Report($"Accounts {(b * BatchSize) + 1}–{Math.Min((b + 1) * BatchSize, plan.Accounts.Count)}");
                var histories = await pending;
                if (b + 1 < batches)
                {
                    pending = GenerateAsync(b + 1);
                }
                await WriteBatchAsync(conn, histories, accountIds, userIds, phases, touchpoints, counts, ct);
            }
        }
        finally
        {
            await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Report("Segments and hierarchy");
        counts.Shares = await WriteSharesAsync(conn, plan, accountIds, userIds, ct);
        await SetParentsAsync(conn, plan, accountIds, ct);
        await UpdateSegmentsAsync(conn, options.AsOf, ct);

        var segments = await SegmentCountsAsync(conn, ct);
        var revenue = (decimal)(await PgSql.ScalarAsync(conn,
            "SELECT coalesce(sum(net_amount), 0) FROM order_lines WHERE order_date > $1::date - 365 AND order_date <= $1::date",
            ct, options.AsOf))!;

        Report("Survey waves");
        await Demo.DemoSurveys.WriteAsync(conn, options, ct);
        await DemoComplaints.WriteAsync(conn, options, ct);
        await DemoLoyaltyAndPlans.WriteAsync(conn, tx, options, ct);

        var tables = new DemoTableCounts(
            userIds.Length, plan.Accounts.Count, counts.Shares, counts.Contacts, counts.Consents, products,
            counts.Orders, counts.OrderLines, counts.Interactions, counts.Contracts, competitors);
        await PgSql.ExecuteAsync(conn,
            "INSERT INTO audit_log (actor, action, entity, details) VALUES ($1, 'demo.seed', 'database', $2::jsonb)",
            ct, options.Actor,
            JsonSerializer.Serialize(new { options.Seed, options.Accounts, asOf = options.AsOf, replaced = existing > 0, tables }, JsonOptions));

        Report("Committing");
        await tx.CommitAsync(ct);
        Report("Done");

        var situations = plan.Accounts.GroupBy(a => a.Situation).ToDictionary(g => g.Key, g => g.Count());
        int S(DemoSituation s) => situations.GetValueOrDefault(s);
        return DemoSeedResult.Ok(new DemoSeedSummary(
            options.Seed,
            options.AsOf,
            existing > 0,
            tables,
            segments,
            new DemoSituationCounts(
                S(DemoSituation.Prospect), S(DemoSituation.New), S(DemoSituation.Growing), S(DemoSituation.Stable),
                S(DemoSituation.Declining), S(DemoSituation.Lost), S(DemoSituation.WonBack)),
            revenue,
            DemoStories.All,
            Math.Round(clock.Elapsed.TotalSeconds, 2)));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed class Counter
    {
        public int Contacts { get; set; }
        public int Consents { get; set; }
        public int Orders { get; set; }
        public int OrderLines { get; set; }
        public int Interactions { get; set; }
        public int Contracts { get; set; }
        public int Shares { get; set; }
    }

    private static async Task WriteBatchAsync(
        NpgsqlConnection conn,
        List<DemoAccountHistory> histories,
        long[] accountIds,
        long[] userIds,
        Dictionary<string, int> phases,
        Dictionary<string, int> touchpoints,
        Counter counts,
        CancellationToken ct)
    {
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY accounts (id, external_id, name, industry, country, region, employees, business_type, acquisition_channel, "
            + "acquired_on, acquisition_cost, key_account, owner_user_id) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var a in histories.Select(h => h.Account))
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(accountIds[a.Index], NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(a.ExternalId, NpgsqlDbType.Text, ct);
                await w.WriteAsync(a.Name, NpgsqlDbType.Text, ct);
                await w.WriteAsync(a.Industry, NpgsqlDbType.Text, ct);
                await w.WriteAsync(a.Country, NpgsqlDbType.Text, ct);
                await w.WriteAsync(a.Region, NpgsqlDbType.Text, ct);
                await w.WriteAsync(a.Employees, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(EnumText.ToText(a.BusinessType), NpgsqlDbType.Text, ct);
                await w.WriteAsync(EnumText.ToText(a.Channel), NpgsqlDbType.Text, ct);
                await w.WriteNullableAsync(a.AcquiredOn, NpgsqlDbType.Date, ct);
                await w.WriteNullableAsync<decimal>(a.AcquiredOn is null ? null : a.AcquisitionCost, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(a.KeyAccount, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(userIds[a.OwnerUser], NpgsqlDbType.Bigint, ct);
            }
            await w.CompleteAsync(ct);
        }

        var contactIds = new Dictionary<(int Account, int Local), long>();
        var newContacts = histories.Sum(h => h.Contacts.Count);
        var reserved = await ReserveIdsAsync(conn, "contacts", newContacts, ct);
        var next = 0;
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY contacts (id, account_id, external_id, first_name, last_name, email, phone, job_title, department, "
            + "buying_role, is_active, language, inactive_since) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var h in histories)
            {
                foreach (var c in h.Contacts)
                {
                    var id = reserved[next++];
                    contactIds[(h.Account.Index, c.LocalIndex)] = id;
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(accountIds[h.Account.Index], NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(c.ExternalId, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(c.FirstName, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(c.LastName, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(c.Email, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(c.Phone, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(c.JobTitle, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(c.Department, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(EnumText.ToText(c.Role), NpgsqlDbType.Text, ct);
                    await w.WriteAsync(c.InactiveSince is null, NpgsqlDbType.Boolean, ct);
                    await w.WriteAsync(c.Language, NpgsqlDbType.Text, ct);
                    await w.WriteNullableAsync(c.InactiveSince, NpgsqlDbType.Date, ct);
                }
            }
            await w.CompleteAsync(ct);
        }
        counts.Contacts += newContacts;

        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY consents (contact_id, purpose, account_id, granted, source, recorded_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var h in histories)
            {
                foreach (var c in h.Consents)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(contactIds[(h.Account.Index, c.ContactLocalIndex)], NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(EnumText.ToText(c.Purpose), NpgsqlDbType.Text, ct);
                    await w.WriteAsync(accountIds[h.Account.Index], NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(c.Granted, NpgsqlDbType.Boolean, ct);
                    await w.WriteAsync(c.Source, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(c.RecordedAt, NpgsqlDbType.TimestampTz, ct);
                    counts.Consents++;
                }
            }
            await w.CompleteAsync(ct);
        }

        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY contracts (contract_no, account_id, start_date, end_date, notice_days, auto_renew, annual_value, terminated_on) "
            + "FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var h in histories)
            {
                foreach (var c in h.Contracts)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(c.ContractNo, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(accountIds[h.Account.Index], NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(c.StartDate, NpgsqlDbType.Date, ct);
                    await w.WriteAsync(c.EndDate, NpgsqlDbType.Date, ct);
                    await w.WriteAsync(c.NoticeDays, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(c.AutoRenew, NpgsqlDbType.Boolean, ct);
                    await w.WriteAsync(c.AnnualValue, NpgsqlDbType.Numeric, ct);
                    await w.WriteNullableAsync(c.TerminatedOn, NpgsqlDbType.Date, ct);
                    counts.Contracts++;
                }
            }
            await w.CompleteAsync(ct);
        }

        var orderCount = histories.Sum(h => h.Orders.Count);
        var orderIds = await ReserveIdsAsync(conn, "orders", orderCount, ct);
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY orders (id, order_no, account_id, order_date) FROM STDIN (FORMAT BINARY)", ct))
        {
            var i = 0;
            foreach (var h in histories)
            {
                foreach (var o in h.Orders)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(orderIds[i++], NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(o.OrderNo, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(accountIds[h.Account.Index], NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(o.Date, NpgsqlDbType.Date, ct);
                }
            }
            await w.CompleteAsync(ct);
        }
        counts.Orders += orderCount;

        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY order_lines (order_id, account_id, order_date, line_no, product_sku, product_category, quantity, net_amount, margin) "
            + "FROM STDIN (FORMAT BINARY)", ct))
        {
            var i = 0;
            foreach (var h in histories)
            {
                var accountId = accountIds[h.Account.Index];
                foreach (var o in h.Orders)
                {
                    var orderId = orderIds[i++];
                    foreach (var l in o.Lines)
                    {
                        await w.StartRowAsync(ct);
                        await w.WriteAsync(orderId, NpgsqlDbType.Bigint, ct);
                        await w.WriteAsync(accountId, NpgsqlDbType.Bigint, ct);
                        await w.WriteAsync(o.Date, NpgsqlDbType.Date, ct);
                        await w.WriteAsync(l.LineNo, NpgsqlDbType.Integer, ct);
                        await w.WriteAsync(l.Sku, NpgsqlDbType.Text, ct);
                        await w.WriteAsync(l.Category, NpgsqlDbType.Text, ct);
                        await w.WriteAsync(l.Quantity, NpgsqlDbType.Numeric, ct);
                        await w.WriteAsync(l.NetAmount, NpgsqlDbType.Numeric, ct);
                        await w.WriteAsync(l.Margin, NpgsqlDbType.Numeric, ct);
                        counts.OrderLines++;
                    }
                }
            }
            await w.CompleteAsync(ct);
        }

        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY interactions (account_id, contact_id, occurred_at, channel, touchpoint_id, phase_id, direction, subject) "
            + "FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var h in histories)
            {
                var accountId = accountIds[h.Account.Index];
                foreach (var x in h.Interactions)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(accountId, NpgsqlDbType.Bigint, ct);
                    await w.WriteNullableAsync<long>(x.ContactLocalIndex is { } c ? contactIds[(h.Account.Index, c)] : null, NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(x.OccurredAt, NpgsqlDbType.TimestampTz, ct);
                    await w.WriteAsync(EnumText.ToText(x.Channel), NpgsqlDbType.Text, ct);
                    await w.WriteNullableAsync<int>(touchpoints.TryGetValue(x.Touchpoint, out var tp) ? tp : null, NpgsqlDbType.Integer, ct);
                    await w.WriteNullableAsync<int>(phases.TryGetValue(x.Phase, out var ph) ? ph : null, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(EnumText.ToText(x.Direction), NpgsqlDbType.Text, ct);
                    await w.WriteAsync(x.Subject, NpgsqlDbType.Text, ct);
                    counts.Interactions++;
                }
            }
            await w.CompleteAsync(ct);
        }
    }

    private static async Task<long[]> UpsertUsersAsync(NpgsqlConnection conn, DemoPlan plan, CancellationToken ct)
    {
        // Existing users (same e-mail) are reused untouched: an admin may already have given them a password or role.
        var ids = new long[plan.Users.Count];
        for (var i = 0; i < plan.Users.Count; i++)
        {
            var u = plan.Users[i];
            ids[i] = (long)(await PgSql.ScalarAsync(conn,
                "INSERT INTO users (email, display_name, role, preferred_language) VALUES ($1, $2, $3, 'de') "
                + "ON CONFLICT ((lower(email))) DO UPDATE SET email = users.email RETURNING id",
                ct, u.Email, u.DisplayName, u.Role))!;
        }
        return ids;
    }

    private static async Task<int> EnsureCompetitorsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var names = DemoCatalog.Competitors.Select(c => c.Name).ToArray();
        await PgSql.ExecuteAsync(conn,
            "INSERT INTO competitors (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING", ct, (object)names);
        var pairs = DemoCatalog.Competitors.SelectMany(c => c.Phases.Select(p => (c.Name, Phase: p))).ToArray();
        await PgSql.ExecuteAsync(conn,
            "INSERT INTO competitor_phases (competitor_id, phase_id) "
            + "SELECT c.id, p.id FROM unnest($1::text[], $2::text[]) AS x(name, phase) "
            + "JOIN competitors c ON c.name = x.name JOIN business_phases p ON p.code = x.phase ON CONFLICT DO NOTHING",
            ct, pairs.Select(p => p.Name).ToArray(), pairs.Select(p => p.Phase).ToArray());
        return names.Length;
    }

    private static async Task<int> UpsertProductsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var products = DemoCatalog.AllProducts().ToArray();
        await PgSql.ExecuteAsync(conn,
            "INSERT INTO products (sku, name, category) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) "
            + "ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category",
            ct, products.Select(p => p.Sku).ToArray(), products.Select(p => p.Name).ToArray(), products.Select(p => p.Category).ToArray());
        return products.Length;
    }

    private static async Task<int> WriteSharesAsync(NpgsqlConnection conn, DemoPlan plan, long[] accountIds, long[] userIds, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("COPY account_shares (account_id, user_id) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (account, user) in plan.Shares)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(accountIds[account], NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(userIds[user], NpgsqlDbType.Bigint, ct);
        }
        await w.CompleteAsync(ct);
        return plan.Shares.Count;
    }

    // Parents are set after all accounts exist: a parent may come in a later batch than its children.
    private static async Task SetParentsAsync(NpgsqlConnection conn, DemoPlan plan, long[] accountIds, CancellationToken ct)
    {
        var children = plan.Accounts.Where(a => a.ParentIndex is not null).ToArray();
        await PgSql.ExecuteAsync(conn,
            "UPDATE accounts a SET parent_account_id = x.parent FROM unnest($1::bigint[], $2::bigint[]) AS x(id, parent) WHERE a.id = x.id",
            ct, children.Select(a => accountIds[a.Index]).ToArray(), children.Select(a => accountIds[a.ParentIndex!.Value]).ToArray());
    }

    /// <summary>
    /// Segment from the transaction history as of <paramref name="asOf"/> (positive lines; returns are not purchases):
    /// prospect = no orders; new = first order within the last 365 days; lost = no order in the last 365 days;
    /// regular otherwise.
    /// </summary>
    private static Task<int> UpdateSegmentsAsync(NpgsqlConnection conn, DateOnly asOf, CancellationToken ct) =>
        PgSql.ExecuteAsync(conn,
            """
            UPDATE accounts a
            SET segment = CASE
                    WHEN s.first_order IS NULL THEN 'prospect'
                    WHEN s.first_order > $1::date - 365 THEN 'new'
                    WHEN s.last_order <= $1::date - 365 THEN 'lost'
                    ELSE 'regular'
                END,
                updated_at = now()
            FROM accounts x
            LEFT JOIN (
                SELECT account_id, min(order_date) AS first_order, max(order_date) AS last_order
                FROM order_lines
                WHERE net_amount > 0 AND order_date <= $1::date
                GROUP BY account_id
            ) s ON s.account_id = x.id
            WHERE a.id = x.id
            """,
            ct, asOf);

    private static async Task<DemoSegmentCounts> SegmentCountsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("SELECT segment, count(*)::int FROM accounts GROUP BY segment", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }
        return new DemoSegmentCounts(
            counts.GetValueOrDefault("prospect"), counts.GetValueOrDefault("new"),
            counts.GetValueOrDefault("regular"), counts.GetValueOrDefault("lost"));
    }

    /// <summary>Draws a block of <paramref name="count"/> ids from the table's identity sequence, so child rows can
    /// reference them in COPY. The table is locked against other writers, so the block is not interleaved.</summary>
    private static async Task<long[]> ReserveIdsAsync(NpgsqlConnection conn, string table, int count, CancellationToken ct)
    {
        if (count == 0)
        {
            return [];
        }
        var last = (long)(await PgSql.ScalarAsync(conn,
            $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), nextval(pg_get_serial_sequence('{table}', 'id')) + $1 - 1)",
            ct, (long)count))!;
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = last - count + 1 + i;
        }
        return ids;
    }
}
