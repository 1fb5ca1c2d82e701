using System.Globalization;
using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Loyalty;
using Rapport.Core.Plans;

namespace Rapport.Demo;

/// <summary>Rows written by <see cref="DemoLoyaltyAndPlans.WriteAsync"/>.</summary>
public sealed record DemoLoyaltyCounts(int Members, int LedgerEntries, int Redemptions, int Plans, int PlanActions);

/// <summary>
/// The demo company's loyalty program ("Muster Partnerprogramm": four tiers, points on orders with double points on
/// service and training, a reward catalogue of services, training, events and a spare-parts voucher), its members'
/// ledgers earned from the demo orders with redemptions, welcome grants and expiries, and account plans
/// (Special-Relationship-Agenda) for key accounts — Brenner (K-10001) with trust weak on the deep level. Written in the
/// demo seed's transaction, after the accounts and orders; the same options give the same data.
/// </summary>
public static class DemoLoyaltyAndPlans
{
    /// <summary>Points expire after this many months in the demo (the default of <see cref="LoyaltyOptions"/>).</summary>
    public const int ExpiryMonths = 24;

    /// <summary>The program started three years before the as-of date (first of that month).</summary>
    public static DateOnly ProgramStart(DateOnly asOf) => new DateOnly(asOf.Year, asOf.Month, 1).AddYears(-3);

    private static readonly (string Code, string En, string De, decimal Revenue, int Tenure, decimal Multiplier, string BenefitsEn, string BenefitsDe)[] Tiers =
    [
        ("basis", "Basic", "Basis", 0m, 0, 1.0m,
            "Points on every order, yearly statement, reward catalogue.",
            "Punkte auf jeden Auftrag, Jahreskontoauszug, Prämienkatalog."),
        ("silber", "Silver", "Silber", 100_000m, 12, 1.25m,
            "25 % more points, priority service hotline.",
            "25 % mehr Punkte, bevorzugte Service-Hotline."),
        ("gold", "Gold", "Gold", 400_000m, 36, 1.5m,
            "50 % more points, named service engineer, priority maintenance slots.",
            "50 % mehr Punkte, fester Servicetechniker, bevorzugte Wartungstermine."),
        ("platin", "Platinum", "Platin", 1_000_000m, 60, 2.0m,
            "Double points, executive sponsor, yearly strategy workshop.",
            "Doppelte Punkte, Ansprechpartner in der Geschäftsleitung, jährlicher Strategie-Workshop."),
    ];

    private static readonly (string Kind, string En, string De, string DescEn, string DescDe, int Cost, int? Stock)[] Rewards =
    [
        ("event", "Customer event ticket (Muster Technology Days)", "Ticket Kundenevent (Muster Technologietage)",
            "Two days of live demonstrations and user talks at our plant, including the evening event.",
            "Zwei Tage Live-Vorführungen und Anwendervorträge in unserem Werk, inklusive Abendveranstaltung.", 400, 200),
        ("other", "Factory tour for your team", "Werksbesichtigung für Ihr Team",
            "A guided tour through assembly and testing for up to 12 people.",
            "Eine Führung durch Montage und Prüffeld für bis zu 12 Personen.", 300, null),
        ("service", "Remote diagnosis package (10 h)", "Ferndiagnose-Paket (10 Std.)",
            "Ten hours of remote diagnosis by our technical service.",
            "Zehn Stunden Ferndiagnose durch unseren technischen Service.", 1_200, null),
        ("discount", "Spare-parts voucher (500 EUR)", "Ersatzteil-Gutschein (500 EUR)",
            "500 EUR off a spare-parts order.", "500 EUR Nachlass auf eine Ersatzteilbestellung.", 600, null),
        ("service", "Priority maintenance slot", "Bevorzugter Wartungstermin",
            "A maintenance date of your choice within two weeks, also in the summer shutdown.",
            "Ein Wartungstermin Ihrer Wahl innerhalb von zwei Wochen, auch im Sommerstillstand.", 800, null),
        ("training", "On-site training day", "Schulungstag vor Ort",
            "One day of operator or maintenance training by our trainers at your plant.",
            "Ein Tag Bediener- oder Instandhaltungsschulung durch unsere Trainer in Ihrem Werk.", 2_000, null),
    ];

    /// <summary>Writes the program, the ledgers and the plans on the seed's connection and transaction.</summary>
    public static async Task<DemoLoyaltyCounts> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DemoOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(options);
        var start = ProgramStart(options.AsOf);
        await WriteProgramAsync(conn, start, ct);
        var members = await EnrolAsync(conn, options, start, ct);
        // The seed's rows are not committed yet, so autovacuum has no statistics on them: without these the planner
        // guesses the earning run's joins badly.
        await PgSql.ExecuteAsync(conn, "ANALYZE accounts, orders, order_lines, loyalty_members", ct);
        await LoyaltyRuns.EarnAsync(conn, options.AsOf, LoyaltyRuns.SystemActor, ct);
        await GrantGoodwillAsync(conn, options, ct);
        var redemptions = await RedeemAndExpireAsync(conn, tx, options, start, ct);
        var ledger = (int)(long)(await PgSql.ScalarAsync(conn, "SELECT count(*) FROM loyalty_ledger", ct))!;
        var (plans, actions) = await DemoPlans.WriteAsync(conn, options, ct);
        return new DemoLoyaltyCounts(members, ledger, redemptions, plans, actions);
    }

    // An administrator's own program settings survive a re-seed: tiers and earn rules are only written into an empty
    // program; the demo rewards are (re)set by name.
    private static async Task WriteProgramAsync(NpgsqlConnection conn, DateOnly start, CancellationToken ct)
    {
        if ((long)(await PgSql.ScalarAsync(conn, "SELECT count(*) FROM loyalty_tiers", ct))! == 0)
        {
            var rank = 0;
            foreach (var t in Tiers)
            {
                await PgSql.ExecuteAsync(conn,
                    "INSERT INTO loyalty_tiers (code, name_en, name_de, min_revenue_12m, min_tenure_months, earn_multiplier, benefits_en, benefits_de, rank) "
                    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    ct, t.Code, t.En, t.De, t.Revenue, t.Tenure, t.Multiplier, t.BenefitsEn, t.BenefitsDe, ++rank * 10);
            }
        }
        if ((long)(await PgSql.ScalarAsync(conn, "SELECT count(*) FROM earn_rules", ct))! == 0)
        {
            await PgSql.ExecuteAsync(conn,
                "INSERT INTO earn_rules (name, product_category, points_per_eur, min_order_value, active_from) VALUES "
                + "('1 point per 100 EUR', NULL, 0.01, 250, $1), "
                + "('Double points on service', 'service', 0.02, 250, $1), "
                + "('Double points on training', 'training', 0.02, 250, $1)",
                ct, start);
        }
        foreach (var r in Rewards)
        {
            await PgSql.ExecuteAsync(conn,
                """
                INSERT INTO rewards (kind, name_en, name_de, description_en, description_de, points_cost, stock)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT ((lower(name_en))) DO UPDATE SET kind = EXCLUDED.kind, name_de = EXCLUDED.name_de,
                    description_en = EXCLUDED.description_en, description_de = EXCLUDED.description_de,
                    points_cost = EXCLUDED.points_cost, stock = EXCLUDED.stock, is_active = true, updated_at = now()
                """,
                ct, r.Kind, r.En, r.De, r.DescEn, r.DescDe, r.Cost, (object?)r.Stock ?? DBNull.Value);
        }
    }

    /// <summary>
    /// Enrols customers that bought since the program started: every key account, and most others. They join on the
    /// program start (or their first order after it) and get a welcome bonus; the program contact is the first active
    /// contact with the loyalty consent.
    /// </summary>
    private static async Task<int> EnrolAsync(NpgsqlConnection conn, DemoOptions options, DateOnly start, CancellationToken ct)
    {
        var candidates = new List<(long Id, string ExternalId, bool Key, DateOnly FirstOrder, long? Contact)>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT a.id, a.external_id, a.key_account, f.first_order,
                   (SELECT c.id FROM contacts c JOIN consents x ON x.contact_id = c.id AND x.purpose = 'loyalty' AND x.granted
                    WHERE c.account_id = a.id AND c.is_active ORDER BY c.external_id LIMIT 1)
            FROM accounts a
            JOIN LATERAL (SELECT min(o.order_date) AS first_order FROM orders o WHERE o.account_id = a.id AND o.order_date >= $1) f ON true
            WHERE f.first_order IS NOT NULL AND f.first_order <= $2
            ORDER BY a.external_id
            """, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = start });
            cmd.Parameters.Add(new NpgsqlParameter { Value = options.AsOf });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                candidates.Add((reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2), reader.GetFieldValue<DateOnly>(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4)));
            }
        }
        var members = candidates.Where(c => c.Key || DemoRandom.Create(options.Seed, CustomerNo(c.ExternalId), 7101).Chance(0.7)).ToList();
        foreach (var m in members)
        {
            var enrolledOn = m.FirstOrder > start ? m.FirstOrder : start;
            await PgSql.ExecuteAsync(conn,
                "INSERT INTO loyalty_members (account_id, enrolled_on, program_contact_id, enrolled_by) VALUES ($1, $2, $3, 'demo')",
                ct, m.Id, enrolledOn, (object?)m.Contact ?? DBNull.Value);
            await PgSql.ExecuteAsync(conn,
                "INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, reason, created_by) VALUES ($1, $2, 'grant', 100, 'Welcome bonus', 'demo')",
                ct, m.Id, LoyaltyClock.StartOf(enrolledOn).AddHours(9));
        }
        return members.Count;
    }

    /// <summary>
    /// Month by month from the program start: some members redeem a reward they can afford on the 15th (the balance as
    /// of that day), and at each month's end points older than <see cref="ExpiryMonths"/> months expire — so the ledger
    /// reads as if the program had been running.
    /// </summary>
    private static async Task<int> RedeemAndExpireAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DemoOptions options, DateOnly start, CancellationToken ct)
    {
        var rewards = new List<(int Id, string Name, int Cost, int? Stock)>();
        await using (var cmd = new NpgsqlCommand("SELECT id, name_en, points_cost, stock FROM rewards WHERE name_en = ANY($1) ORDER BY points_cost", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = Rewards.Select(r => r.En).ToArray() });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rewards.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)));
            }
        }
        var stock = rewards.ToDictionary(r => r.Id, r => r.Stock);
        var count = 0;
        for (var month = start; month <= options.AsOf; month = month.AddMonths(1))
        {
            var day = month.AddDays(14);
            if (day <= options.AsOf)
            {
                var at = LoyaltyClock.StartOf(day).AddHours(10);
                var balances = new List<(long Account, string ExternalId, long Balance)>();
                await using (var cmd = new NpgsqlCommand(
                    """
                    SELECT m.account_id, a.external_id, coalesce(sum(e.points), 0)::bigint
                    FROM loyalty_members m JOIN accounts a ON a.id = m.account_id
                    LEFT JOIN loyalty_ledger e ON e.account_id = m.account_id AND e.occurred_at <= $1
                    GROUP BY m.account_id, a.external_id
                    HAVING coalesce(sum(e.points), 0) >= $2
                    ORDER BY a.external_id
                    """, conn))
                {
                    cmd.Parameters.Add(new NpgsqlParameter { Value = at });
                    cmd.Parameters.Add(new NpgsqlParameter { Value = (long)rewards[0].Cost });
                    await using var reader = await cmd.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        balances.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
                    }
                }
                var monthNo = (month.Year * 12) + month.Month;
                foreach (var (account, externalId, balance) in balances)
                {
                    var r = DemoRandom.Create(options.Seed, CustomerNo(externalId), monthNo);
                    if (!r.Chance(0.08))
                    {
                        continue;
                    }
                    var affordable = rewards.Where(w => w.Cost <= balance && stock[w.Id] is not 0).ToList();
                    if (affordable.Count == 0)
                    {
                        continue;
                    }
                    var reward = r.Pick(affordable);
                    var entry = (long)(await PgSql.ScalarAsync(conn,
                        "INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, reward_id, reason, created_by) "
                        + "VALUES ($1, $2, 'redeem', $3, $4, $5, 'demo') RETURNING id",
                        ct, account, at, -reward.Cost, reward.Id, reward.Name))!;
                    var fulfilled = day <= options.AsOf.AddDays(-30);
                    await PgSql.ExecuteAsync(conn,
                        "INSERT INTO redemptions (account_id, reward_id, quantity, points, status, ledger_entry_id, redeemed_at, created_by, fulfilled_at) "
                        + "VALUES ($1, $2, 1, $3, $4, $5, $6, 'demo', $7)",
                        ct, account, reward.Id, reward.Cost, fulfilled ? "fulfilled" : "redeemed", entry, at,
                        fulfilled ? at.AddDays(21) : DBNull.Value);
                    if (stock[reward.Id] is { } left)
                    {
                        stock[reward.Id] = left - 1;
                        await PgSql.ExecuteAsync(conn, "UPDATE rewards SET stock = stock - 1 WHERE id = $1", ct, reward.Id);
                    }
                    count++;
                }
            }
            var monthEnd = month.AddMonths(1).AddDays(-1);
            var expiryDay = monthEnd <= options.AsOf ? monthEnd : options.AsOf;
            // Nothing can expire before the program is ExpiryMonths old.
            if (expiryDay >= start.AddMonths(ExpiryMonths))
            {
                await LoyaltyRuns.ExpireAsync(conn, LoyaltyClock.StartOf(expiryDay).AddHours(23), ExpiryMonths, tx, ct);
            }
        }
        return count;
    }

    // Brenner got a goodwill grant after last year's delivery problems — the kind of manual grant the program allows.
    private static Task GrantGoodwillAsync(NpgsqlConnection conn, DemoOptions options, CancellationToken ct) =>
        PgSql.ExecuteAsync(conn,
            """
            INSERT INTO loyalty_ledger (account_id, occurred_at, kind, points, reason, created_by)
            SELECT m.account_id, $2, 'grant', 500, 'Goodwill after the delayed spare-parts deliveries', 'julia.becker@muster-maschinenbau.de'
            FROM loyalty_members m JOIN accounts a ON a.id = m.account_id WHERE a.external_id = $1
            """,
            ct, DemoStories.DecliningKeyAccountId, LoyaltyClock.StartOf(options.AsOf.AddDays(-150)).AddHours(11));

    internal static int CustomerNo(string externalId) =>
        int.TryParse(externalId.AsSpan(externalId.IndexOf('-', StringComparison.Ordinal) + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : externalId.Length;
}

/// <summary>
/// Account plans for up to five key accounts: Brenner (K-10001, declining: the decider has left, trust on the deep level
/// is weak, the review is overdue), Alpenmolkerei (K-10004, lock-in: power high on the surface, attachment thin
/// underneath) and the first other key accounts by customer number.
/// </summary>
internal static class DemoPlans
{
    private const int MaxPlans = 5;

    private sealed record PlanAccount(long Id, string ExternalId, string Name, long Owner);

    private sealed record PlanContact(long Id, string Name, string? Role, bool Active);

    public static async Task<(int Plans, int Actions)> WriteAsync(NpgsqlConnection conn, DemoOptions options, CancellationToken ct)
    {
        var accounts = new List<PlanAccount>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT a.id, a.external_id, a.name, a.owner_user_id
            FROM accounts a
            WHERE a.key_account AND a.owner_user_id IS NOT NULL AND a.segment <> 'lost'
            ORDER BY a.external_id = $1 DESC, a.external_id = $2 DESC, a.external_id
            LIMIT $3
            """, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = DemoStories.DecliningKeyAccountId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = DemoStories.LockInShowcaseAccountId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = MaxPlans });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                accounts.Add(new PlanAccount(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }
        var kam = (long?)await PgSql.ScalarAsync(conn, "SELECT id FROM users WHERE lower(email) = $1", ct,
            "julia.becker@" + DemoCatalog.EmailDomain);
        var actions = 0;
        foreach (var account in accounts)
        {
            actions += await WritePlanAsync(conn, options, account, kam, ct);
        }
        return (accounts.Count, actions);
    }

    private static async Task<int> WritePlanAsync(NpgsqlConnection conn, DemoOptions options, PlanAccount account, long? kam, CancellationToken ct)
    {
        var asOf = options.AsOf;
        var brenner = account.ExternalId == DemoStories.DecliningKeyAccountId;
        var lockIn = account.ExternalId == DemoStories.LockInShowcaseAccountId;
        var r = DemoRandom.Create(options.Seed, DemoLoyaltyAndPlans.CustomerNo(account.ExternalId), 7202);
        var colleague = (long?)await PgSql.ScalarAsync(conn,
            "SELECT user_id FROM account_shares WHERE account_id = $1 AND user_id <> $2 ORDER BY user_id LIMIT 1", ct, account.Id, account.Owner)
            ?? (kam is { } k && k != account.Owner ? k : null);
        var contacts = new List<PlanContact>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT id, coalesce(first_name || ' ', '') || last_name, buying_role, is_active FROM contacts WHERE account_id = $1 ORDER BY external_id", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = account.Id });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                contacts.Add(new PlanContact(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3)));
            }
        }

        var lastReview = brenner ? asOf.AddDays(-100) : asOf.AddDays(-r.Between(20, 70));
        var summary = brenner
            ? "Revenue of the last twelve months is down by a third, the decider Dr. Matthias Kern (board, engineering) has left without a "
              + "known successor, and the notice deadline of the full-service contract is close. ServiTec is on site for maintenance. "
              + "Secure the renewal and rebuild access and trust at board level."
            : lockIn
                ? "Two filling lines on MM-Control under a five-year full-service contract: the customer stays because switching is hard. "
                  + "Turn dependence into conviction before the next line investment is decided."
                : $"Key account with a stable business. Deepen the relationship across the buying center and prepare the next investment cycle.";
        var planId = (long)(await PgSql.ScalarAsync(conn,
            """
            INSERT INTO account_plans (account_id, title, summary, owner_user_id, review_cadence_days, next_review_on, last_reviewed_on)
            VALUES ($1, $2, $3, $4, 90, $5, $6) RETURNING id
            """,
            ct, account.Id, $"{account.Name} – Special-Relationship-Agenda {asOf.Year}", summary, account.Owner, lastReview.AddDays(90), lastReview))!;
        await PgSql.ExecuteAsync(conn,
            "INSERT INTO plan_reviews (plan_id, account_id, reviewed_on, reviewed_by_user_id, note, next_review_on) VALUES ($1, $2, $3, $4, $5, $6)",
            ct, planId, account.Id, lastReview, account.Owner,
            brenner ? "Decider gone; complaints of last year still discussed. Escalated to management." : "Goals on track; actions agreed with the customer.",
            lastReview.AddDays(90));

        var goals = brenner
            ? new[]
            {
                ("Renew the full-service contract before the notice deadline", "Offer a renewal with a quarterly service review and fixed response times.", asOf.AddDays(60)),
                ("Build a relationship with Dr. Kern's successor", "Find out who decides now; introduce our technical director.", asOf.AddDays(90)),
                ("Win back the maintenance business lost to ServiTec", "Priority maintenance slots and a spare-parts consignment stock.", asOf.AddDays(180)),
            }
            : lockIn
                ? new[]
                {
                    ("Win the third filling line", "Position the MML-X line early, with a commissioning guarantee.", asOf.AddDays(270)),
                    ("Make the plant manager a reference customer", "Joint talk at the Technology Days.", asOf.AddDays(150)),
                }
                : new[]
                {
                    ("Become preferred supplier for the next line investment", "Joint road map of the installed base.", asOf.AddDays(r.Between(180, 300))),
                    ("Establish a quarterly executive meeting", "Board level on both sides.", asOf.AddDays(r.Between(60, 120))),
                };
        var goalIds = new List<long>();
        foreach (var (title, description, target) in goals)
        {
            goalIds.Add((long)(await PgSql.ScalarAsync(conn,
                "INSERT INTO plan_goals (plan_id, account_id, title, description, target_on) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                ct, planId, account.Id, title, description, target))!);
        }

        // The relationship map: who of the supplier covers whom in the buying center.
        var map = new List<(long User, PlanContact Contact, int Strength, string Note)>();
        PlanContact? Role(string role, bool activeOnly = true) => contacts.FirstOrDefault(c => c.Role == role && (c.Active || !activeOnly));
        if (brenner)
        {
            if (Role("decider", activeOnly: false) is { } kern)
            {
                map.Add((account.Owner, kern, 5, "Long-standing personal tie — he has left the company."));
            }
            if (Role("buyer") is { } buyer)
            {
                map.Add((account.Owner, buyer, 2, "Price negotiations only; little contact beyond that."));
            }
            if (colleague is { } c && Role("influencer") is { } influencer)
            {
                map.Add((c, influencer, 2, "Met at service visits."));
            }
        }
        else
        {
            foreach (var (role, strength, note) in new[] { ("decider", 4, "Annual business review, direct line."), ("buyer", 3, "Framework agreement talks.") })
            {
                if (Role(role) is { } contact)
                {
                    map.Add((account.Owner, contact, Math.Clamp(strength + r.Between(-1, 1), 1, 5), note));
                }
            }
            if (colleague is { } c)
            {
                foreach (var (role, note) in new[] { ("influencer", "Technical workshops."), ("user", "Training and service visits."), ("decider", "Executive sponsor.") })
                {
                    if (Role(role) is { } contact)
                    {
                        map.Add((c, contact, r.Between(2, 4), note));
                    }
                }
            }
        }
        foreach (var (user, contact, strength, note) in map)
        {
            await PgSql.ExecuteAsync(conn,
                "INSERT INTO relationship_map (plan_id, account_id, user_id, contact_id, strength, coverage_note) VALUES ($1, $2, $3, $4, $5, $6) "
                + "ON CONFLICT (plan_id, user_id, contact_id) DO NOTHING",
                ct, planId, account.Id, user, contact.Id, (short)strength, note);
        }

        // Two assessment rounds: about a year ago and recently.
        (string Level, string Layer, int Before, int Now, string? Note)[] scores = brenner
            ?
            [
                ("information_communication", "surface", 4, 3, "Regular service reports, but meetings get postponed."),
                ("information_communication", "deep", 3, 2, "We learnt of the decider's departure from the press."),
                ("trust", "surface", 4, 3, "Contract obligations are met; complaints handled late."),
                ("trust", "deep", 4, 1, "Personal trust left with Dr. Kern; the plant doubts our delivery reliability."),
                ("power", "surface", 3, 3, "Full-service contract and installed base bind both sides."),
                ("power", "deep", 3, 2, "Purchasing uses the ServiTec offer as leverage."),
            ]
            : lockIn
                ?
                [
                    ("information_communication", "surface", 4, 4, null),
                    ("information_communication", "deep", 3, 3, null),
                    ("trust", "surface", 4, 4, null),
                    ("trust", "deep", 3, 3, "Respect for the technology, little warmth."),
                    ("power", "surface", 5, 5, "MM-Control and the contract make switching hard."),
                    ("power", "deep", 4, 4, "They feel dependent — a risk when the contract ends."),
                ]
                :
                [
                    ("information_communication", "surface", r.Between(3, 4), r.Between(3, 5), null),
                    ("information_communication", "deep", r.Between(2, 4), r.Between(3, 4), null),
                    ("trust", "surface", r.Between(3, 4), r.Between(3, 5), null),
                    ("trust", "deep", r.Between(3, 4), r.Between(3, 4), null),
                    ("power", "surface", r.Between(2, 4), r.Between(2, 4), null),
                    ("power", "deep", r.Between(2, 4), r.Between(2, 4), null),
                ];
        foreach (var (level, layer, before, now, note) in scores)
        {
            await PgSql.ExecuteAsync(conn,
                "INSERT INTO plan_assessments (plan_id, account_id, level, layer, score, note, assessed_on, assessed_by_user_id) VALUES "
                + "($1, $2, $3, $4, $5, NULL, $7, $9), ($1, $2, $3, $4, $6, $8, $10, $9)",
                ct, planId, account.Id, level, layer, (short)before, (short)now, asOf.AddMonths(-13), (object?)note ?? DBNull.Value,
                account.Owner, brenner ? asOf.AddDays(-30) : lastReview);
        }

        (string Title, int DueInDays, string Status, int Goal, bool Colleague)[] actions = brenner
            ?
            [
                ("Identify Dr. Kern's successor and introduce our technical director", 7, "open", 1, false),
                ("Management visit: our managing director meets the Brenner board", 14, "open", 0, false),
                ("Root-cause workshop on last year's complaints with the plant manager", 21, "open", 2, true),
                ("Offer a retrofit study for the oldest packaging lines", -10, "open", 0, true),
                ("Send the quarterly service report", -60, "done", 0, true),
            ]
            : lockIn
                ?
                [
                    ("Present the MML-X line concept to the plant manager", 30, "open", 0, false),
                    ("Invite the production team to the Technology Days", 45, "open", 1, true),
                    ("Quarterly service review", -20, "done", 0, true),
                ]
                :
                [
                    ("Prepare the annual business review", r.Between(10, 30), "open", 0, false),
                    ("Technology day for their engineering team at our plant", r.Between(30, 60), "open", 0, true),
                    ("Agree on a spare-parts consignment stock", -r.Between(20, 60), "done", 1, false),
                    ("Introduce the new service manager", -r.Between(1, 10), "open", 1, true),
                ];
        foreach (var (title, dueInDays, status, goal, byColleague) in actions)
        {
            var owner = byColleague && colleague is { } c ? c : account.Owner;
            var due = asOf.AddDays(dueInDays);
            var done = status == "done";
            var actionId = (long)(await PgSql.ScalarAsync(conn,
                "INSERT INTO plan_actions (plan_id, account_id, goal_id, title, owner_user_id, due_on, status, completed_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                ct, planId, account.Id, goalIds[Math.Min(goal, goalIds.Count - 1)], title, owner, due, status,
                done ? LoyaltyClock.StartOf(due).AddHours(16) : DBNull.Value))!;
            await PgSql.ExecuteAsync(conn,
                "INSERT INTO tasks (account_id, owner_user_id, title, due_on, status, origin, origin_key, completed_at) "
                + "VALUES ($1, $2, $3, $4, $5, 'plan', $6, $7)",
                ct, account.Id, owner, "Account plan: " + title, due, done ? "done" : "open", PlanAction.TaskKey(actionId),
                done ? LoyaltyClock.StartOf(due).AddHours(16) : DBNull.Value);
        }
        return actions.Length;
    }
}
