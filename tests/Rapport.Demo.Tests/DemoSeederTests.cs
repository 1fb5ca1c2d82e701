using Rapport.Testing;

namespace Rapport.Demo.Tests;

public sealed class DemoSeederTests(DemoDatabase db) : IClassFixture<DemoDatabase>
{
    private static readonly object AsOf = DemoDatabase.AsOf;

    [Fact]
    public async Task SeedAsync_SameSeedWithReplace_ProducesIdenticalData()
    {
        var before = await db.DigestAsync();

        var again = await DemoSeeder.SeedAsync(db.DataSource, DemoDatabase.Options(replace: true));

        Assert.True(again.Succeeded, again.Message);
        Assert.True(again.Summary!.Replaced);
        Assert.Equal(db.Summary.Tables, again.Summary.Tables);
        Assert.Equal(before, await db.DigestAsync());
        Assert.StartsWith("150:", before["accounts"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedAsync_NonEmptyDatabaseWithoutReplace_FailsAndChangesNothing()
    {
        var lines = await db.ScalarAsync<long>("SELECT count(*) FROM order_lines");

        var result = await DemoSeeder.SeedAsync(db.DataSource, DemoDatabase.Options());

        Assert.False(result.Succeeded);
        Assert.Equal(DemoSeedFailure.DatabaseNotEmpty, result.Failure);
        Assert.Contains("150 account(s)", result.Message, StringComparison.Ordinal);
        Assert.Contains("--replace", result.Message, StringComparison.Ordinal);
        Assert.Equal(lines, await db.ScalarAsync<long>("SELECT count(*) FROM order_lines"));
        Assert.False(await DemoSeeder.IsDatabaseEmptyAsync(db.DataSource));
    }

    [Fact]
    public async Task SeedAsync_Summary_MatchesTablesAndHasRealisticVolume()
    {
        var t = db.Summary.Tables;

        Assert.Equal(150, t.Accounts);
        Assert.Equal(t.OrderLines, await db.ScalarAsync<long>("SELECT count(*) FROM order_lines"));
        Assert.Equal(t.Interactions, await db.ScalarAsync<long>("SELECT count(*) FROM interactions"));
        Assert.Equal(t.Contacts, await db.ScalarAsync<long>("SELECT count(*) FROM contacts"));
        Assert.InRange(t.OrderLines, 150 * 150, 150 * 750);
        Assert.InRange(t.Contacts, 150 * 2, 150 * 8);
        Assert.Equal(8, await db.ScalarAsync<long>("SELECT count(*) FROM users WHERE role = 'account_manager' AND email LIKE '%@muster-maschinenbau.de' AND password_hash IS NULL"));
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM users WHERE role = 'analyst'"));
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE parent_account_id IS NOT NULL") >= 2);
        Assert.InRange(await db.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE key_account"), 10, 20);
    }

    [Fact]
    public async Task SeedAsync_Accounts_CoverAllBusinessTypesAndSegments()
    {
        Assert.Equal(4, await db.ScalarAsync<long>("SELECT count(DISTINCT business_type) FROM accounts"));
        Assert.Equal(4, await db.ScalarAsync<long>("SELECT count(DISTINCT segment) FROM accounts"));
        var s = db.Summary.Situations;
        Assert.All(new[] { s.Prospect, s.New, s.Growing, s.Stable, s.Declining, s.Lost, s.WonBack }, n => Assert.True(n > 0));
        Assert.Equal(db.Summary.Segments.Prospect, s.Prospect);
        Assert.Equal(db.Summary.Segments.Lost, s.Lost);
        Assert.True(await db.ScalarAsync<long>("SELECT count(DISTINCT industry) FROM accounts") >= 8);
        Assert.True(await db.ScalarAsync<long>("SELECT count(DISTINCT country) FROM accounts") >= 3);
    }

    [Fact]
    public async Task SeedAsync_Segments_FollowTheOrderHistory()
    {
        // Recomputed independently from the lines: prospect/new/lost/regular as of the pinned date.
        var wrong = await db.ScalarAsync<long>(
            """
            SELECT count(*) FROM accounts a
            LEFT JOIN (SELECT account_id, min(order_date) f, max(order_date) l FROM order_lines WHERE net_amount > 0 GROUP BY account_id) s
              ON s.account_id = a.id
            WHERE a.segment <> CASE WHEN s.f IS NULL THEN 'prospect' WHEN s.f > $1::date - 365 THEN 'new'
                                    WHEN s.l <= $1::date - 365 THEN 'lost' ELSE 'regular' END
            """, AsOf);
        Assert.Equal(0, wrong);
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM orders WHERE order_date > $1", AsOf));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM interactions WHERE occurred_at::date > $1", AsOf));
        Assert.True(await db.ScalarAsync<DateOnly>("SELECT min(order_date) FROM orders") >= DemoDatabase.AsOf.AddYears(-5));
    }

    [Fact]
    public async Task SeedAsync_AccountsWithOrders_HaveBuyingCentersWithDecidersAndConsents()
    {
        Assert.Equal(0, await db.ScalarAsync<long>(
            "SELECT count(*) FROM accounts a WHERE EXISTS (SELECT 1 FROM orders o WHERE o.account_id = a.id) "
            + "AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id)"));
        Assert.Equal(0, await db.ScalarAsync<long>(
            "SELECT count(*) FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id AND c.buying_role = 'decider')"));
        Assert.Equal(6, await db.ScalarAsync<long>("SELECT count(DISTINCT buying_role) FROM contacts"));
        Assert.Equal(7, await db.ScalarAsync<long>("SELECT count(DISTINCT channel) FROM interactions"));
        var contacts = await db.ScalarAsync<long>("SELECT count(*) FROM contacts");
        var surveyConsents = await db.ScalarAsync<long>("SELECT count(*) FROM consents WHERE purpose = 'surveys' AND granted");
        Assert.InRange(surveyConsents, contacts / 2, contacts);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM consents WHERE purpose = 'marketing' AND granted") > 0);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM contacts WHERE NOT is_active AND inactive_since IS NOT NULL") > 0);
        Assert.Equal(0, await db.ScalarAsync<long>(
            "SELECT count(*) FROM interactions i JOIN contacts c ON c.id = i.contact_id WHERE i.occurred_at::date >= c.inactive_since"));
    }

    [Fact]
    public async Task SeedAsync_DecliningKeyAccount_RevenueAndContactsTellTheStory()
    {
        const string history =
            """
            SELECT coalesce(sum(l.net_amount) FILTER (WHERE l.order_date > $2::date - 365), 0)
                 / nullif(sum(l.net_amount) FILTER (WHERE l.order_date > $2::date - 730 AND l.order_date <= $2::date - 365), 0)
            FROM order_lines l JOIN accounts a ON a.id = l.account_id WHERE a.external_id = $1
            """;
        var ratio = await db.ScalarAsync<decimal>(history, DemoStories.DecliningKeyAccountId, AsOf);

        Assert.InRange(ratio, 0.05m, 0.70m);
        Assert.True(await db.ScalarAsync<bool>("SELECT key_account FROM accounts WHERE external_id = $1", DemoStories.DecliningKeyAccountId));
        Assert.Equal("Brenner Verpackungstechnik AG",
            await db.ScalarAsync<string>("SELECT name FROM accounts WHERE external_id = $1", DemoStories.DecliningKeyAccountId));
        var decider = await db.ScalarAsync<DateOnly>(
            "SELECT inactive_since FROM contacts WHERE external_id = $1 AND buying_role = 'decider' AND NOT is_active",
            DemoStories.DepartedDeciderContactId);
        Assert.InRange(decider, DemoDatabase.AsOf.AddDays(-90), DemoDatabase.AsOf);

        const string interactions =
            """
            SELECT count(*) FILTER (WHERE i.occurred_at::date > $2::date - 90)::float8 * 365 / 90
                 / nullif(count(*) FILTER (WHERE i.occurred_at::date > $2::date - 455 AND i.occurred_at::date <= $2::date - 90), 0)
            FROM interactions i JOIN accounts a ON a.id = i.account_id WHERE a.external_id = $1
            """;
        Assert.InRange(await db.ScalarAsync<double>(interactions, DemoStories.DecliningKeyAccountId, AsOf), 0.0, 0.5);

        var noticeDeadline = await db.ScalarAsync<DateOnly>(
            "SELECT max(k.end_date - k.notice_days) FROM contracts k JOIN accounts a ON a.id = k.account_id WHERE a.external_id = $1",
            DemoStories.DecliningKeyAccountId);
        Assert.InRange(noticeDeadline, DemoDatabase.AsOf, DemoDatabase.AsOf.AddDays(90));
    }

    [Fact]
    public async Task SeedAsync_LockInSegment_HeldByLongAutoRenewingContracts()
    {
        const string segment = "a.industry = 'Food & beverage' AND a.business_type IN ('plant', 'system')";
        var accounts = await db.ScalarAsync<long>($"SELECT count(*) FROM accounts a WHERE {segment} AND a.segment <> 'prospect'");
        var held = await db.ScalarAsync<long>(
            $"""
            SELECT count(DISTINCT a.id) FROM accounts a JOIN contracts k ON k.account_id = a.id
            WHERE {segment} AND k.start_date <= $1 AND k.end_date >= $1 AND k.terminated_on IS NULL
              AND k.auto_renew AND k.notice_days >= 180 AND k.end_date - k.start_date >= 5 * 365 - 2
            """, AsOf);

        Assert.True(accounts >= 5, $"only {accounts} accounts in the lock-in segment");
        Assert.True(held >= accounts * 0.6, $"{held} of {accounts} lock-in accounts hold a running long contract");
        Assert.True(DemoStories.IsLockInSegment(
            await db.ScalarAsync<string>("SELECT industry FROM accounts WHERE external_id = $1", DemoStories.LockInShowcaseAccountId),
            Rapport.Core.Accounts.BusinessType.Plant));
        var profile = DemoStories.MotivesFor("K-99999", DemoStories.LockInIndustry, Rapport.Core.Accounts.BusinessType.System, keyAccount: false);
        Assert.True(profile.LockIn > profile.Attachment);
    }

    [Fact]
    public async Task SeedAsync_Contracts_IncludeRenewalsTerminationsAndUpcomingDeadlines()
    {
        Assert.True(await db.ScalarAsync<long>(
            "SELECT count(*) FROM contracts WHERE end_date - notice_days BETWEEN $1 AND $1::date + 90 OR end_date BETWEEN $1 AND $1::date + 90",
            AsOf) >= 3);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM contracts WHERE terminated_on IS NOT NULL") > 0);
        Assert.True(await db.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT account_id FROM contracts GROUP BY account_id HAVING count(*) > 1) renewed") > 0);
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM contracts WHERE annual_value <= 0 OR notice_days IS NULL"));
    }

    [Fact]
    public async Task SeedAsync_WonBackAndGrowingNewAccounts_Exist()
    {
        const string gaps =
            """
            SELECT count(*) FROM (
                SELECT account_id, order_date - lag(order_date) OVER (PARTITION BY account_id ORDER BY order_date) AS gap,
                       max(order_date) OVER (PARTITION BY account_id) AS last_order
                FROM (SELECT DISTINCT account_id, order_date FROM order_lines WHERE net_amount > 0) d
            ) g JOIN accounts a ON a.id = g.account_id
            WHERE g.gap > 365 AND g.last_order > $1::date - 365 AND a.external_id = $2
            """;
        Assert.Equal(1, await db.ScalarAsync<long>(gaps, AsOf, DemoStories.WonBackAccountId));
        Assert.Equal("regular", await db.ScalarAsync<string>("SELECT segment FROM accounts WHERE external_id = $1", DemoStories.WonBackAccountId));
        Assert.Equal("new", await db.ScalarAsync<string>("SELECT segment FROM accounts WHERE external_id = $1", DemoStories.GrowingNewAccountId));

        const string halves =
            """
            SELECT sum(l.net_amount) FILTER (WHERE l.order_date > $2::date - 150)
                 / nullif(sum(l.net_amount) FILTER (WHERE l.order_date <= $2::date - 150), 0)
            FROM order_lines l JOIN accounts a ON a.id = l.account_id WHERE a.external_id = $1
            """;
        Assert.True(await db.ScalarAsync<decimal>(halves, DemoStories.GrowingNewAccountId, AsOf) > 1.0m);
    }

    [Fact]
    public async Task SeedAsync_Orders_ShowSeasonalityReturnsAndAllCategories()
    {
        Assert.Equal(DemoCategories.All.Count, await db.ScalarAsync<long>("SELECT count(DISTINCT product_category) FROM order_lines"));
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM order_lines WHERE net_amount < 0") > 0);
        Assert.Equal(0, await db.ScalarAsync<long>(
            "SELECT count(*) FROM order_lines l WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = l.product_sku)"));
        const string share =
            """
            SELECT sum(net_amount) FILTER (WHERE extract(month FROM order_date) = ANY($1)) / sum(net_amount) * 12 / cardinality($1)
            FROM order_lines WHERE product_category <> 'machines'
            """;
        Assert.True(await db.ScalarAsync<decimal>(share, new[] { 8 }) < 0.85m, "August dip");
        Assert.True(await db.ScalarAsync<decimal>(share, new[] { 10, 11, 12 }) > 1.05m, "Q4 peak");
    }

    [Fact]
    public async Task SeedAsync_DecliningAccounts_HaveFewerInteractionsInTheLast90Days()
    {
        // Compares the last 90 days with the account's rate in the year before, over all declining accounts.
        const string sql =
            """
            WITH declining AS (
                SELECT l.account_id FROM order_lines l GROUP BY l.account_id
                HAVING sum(l.net_amount) FILTER (WHERE l.order_date > $1::date - 365)
                    <= 0.7 * sum(l.net_amount) FILTER (WHERE l.order_date > $1::date - 730 AND l.order_date <= $1::date - 365)
            )
            SELECT (count(*) FILTER (WHERE i.occurred_at::date > $1::date - 90))::float8 * 365 / 90
                 / nullif(count(*) FILTER (WHERE i.occurred_at::date > $1::date - 455 AND i.occurred_at::date <= $1::date - 90), 0)
            FROM interactions i JOIN declining d ON d.account_id = i.account_id
            """;
        Assert.InRange(await db.ScalarAsync<double>(sql, AsOf), 0.0, 0.5);
    }
}
