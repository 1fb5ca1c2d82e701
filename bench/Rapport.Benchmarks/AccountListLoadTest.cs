using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Database;
using Rapport.Core.Identity;

namespace Rapport.Benchmarks;

/// <summary>
/// Load test of <c>GET /api/v1/accounts</c> against a running Rapport (docs/api.md, docs/scaling.md): fills the database up to
/// <c>--accounts</c> generated accounts, then sends <c>--requests</c> sequential requests over loopback, spread over
/// typical list queries, and reports latency percentiles as seen by the client.
/// <code>account-list --connection "Host=…" --url http://127.0.0.1:5080 [--accounts 50000] [--requests 500] [--seed 7]</code>
/// </summary>
internal static class AccountListLoadTest
{
    private const int AccountManagers = 20;

    private static readonly string[] NameParts =
    [
        "müller", "schmidt", "hydraul", "antrieb", "werkzeug", "gmbh & co", "logistik", "kunststoff", "weber", "automation",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = ParseArgs(args);
        var connection = options.GetValueOrDefault("--connection") ?? throw new ArgumentException("--connection is required.");
        var url = new Uri(options.GetValueOrDefault("--url") ?? "http://127.0.0.1:5080");
        var accounts = int.Parse(options.GetValueOrDefault("--accounts") ?? "50000", CultureInfo.InvariantCulture);
        var requests = int.Parse(options.GetValueOrDefault("--requests") ?? "500", CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(options.GetValueOrDefault("--seed") ?? "7", CultureInfo.InvariantCulture));

        await Migrator.ForRapport().MigrateAsync(connection);
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var total = await SeedAsync(dataSource, accounts);
        var (adminToken, managerToken) = await TokensAsync(dataSource);

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = url };
        var pages = Math.Max(1, total / 50);
        var scenarios = new (string Name, Func<string> Query, string Token)[]
        {
            ("first page, by name", () => "?page=1&pageSize=50", adminToken),
            ("pages 2–20, by name", () => $"?page={random.Next(2, 21)}&pageSize=50", adminToken),
            ("any page of all, by name", () => $"?page={random.Next(1, pages + 1)}&pageSize=50", adminToken),
            ("search: part of the name", () => "?search=" + Uri.EscapeDataString(NameParts[random.Next(NameParts.Length)]), adminToken),
            ("search: external-id prefix", () => $"?search=K{random.Next(0, 500):D4}", adminToken),
            ("filter: segment + lifecycle", () => "?segment=regular&lifecyclePhase=maturity&page=" + random.Next(1, 6), adminToken),
            ("filter: business type + key account", () => "?businessType=plant&keyAccount=true", adminToken),
            ("filter: owner", () => $"?owner=am{random.Next(1, AccountManagers + 1)}%40bench.rapport", adminToken),
            ("sort: newest first", () => "?sort=-createdAt&page=" + random.Next(1, 6), adminToken),
            ("account manager (own + shared)", () => "?page=" + random.Next(1, 6), managerToken),
        };

        // Warm-up: JIT, connection pools, plan caches.
        for (var i = 0; i < 100; i++)
        {
            var (_, query, token) = scenarios[i % scenarios.Length];
            await TimeAsync(http, query(), token);
        }

        var samples = scenarios.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < requests; i++)
        {
            var s = i % scenarios.Length;
            samples[s].Add(await TimeAsync(http, scenarios[s].Query(), scenarios[s].Token));
        }

        var all = samples.SelectMany(x => x).ToList();
        Console.WriteLine($"GET /api/v1/accounts, {total:N0} accounts, {requests} sequential requests after 100 warm-up requests, {url}");
        Console.WriteLine();
        Console.WriteLine("| query | n | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (var s = 0; s < scenarios.Length; s++)
        {
            Console.WriteLine(Row(scenarios[s].Name, samples[s]));
        }
        Console.WriteLine(Row("**all**", all));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p95 = {Percentile(all, 0.95):F1} ms, p99 = {Percentile(all, 0.99):F1} ms"));
        return 0;
    }

    private static async Task<double> TimeAsync(HttpClient http, string query, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/accounts" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{query}: HTTP {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        }
        using var json = JsonDocument.Parse(body);
        _ = json.RootElement.GetProperty("totalCount").GetInt32();
        return elapsed;
    }

    /// <summary>
    /// Tops the accounts up to <paramref name="target"/>: 20 account managers own them round-robin, one has shares;
    /// names are drawn by hash so that they do not correlate with owner, segment or key-account flag.
    /// </summary>
    private static async Task<int> SeedAsync(NpgsqlDataSource dataSource, int target)
    {
        await using (var users = dataSource.CreateCommand(
            """
            INSERT INTO users (email, display_name, role)
            SELECT 'am' || g || '@bench.rapport', 'Account manager ' || g, 'account_manager' FROM generate_series(1, 20) g
            ON CONFLICT DO NOTHING
            """))
        {
            await users.ExecuteNonQueryAsync();
        }
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM accounts");
        var existing = (int)(long)(await count.ExecuteScalarAsync())!;
        if (existing >= target)
        {
            return existing;
        }
        Console.Error.WriteLine($"Generating {target - existing:N0} accounts ...");
        await using (var insert = dataSource.CreateCommand(
            """
            INSERT INTO accounts (external_id, name, industry, country, business_type, key_account, segment, lifecycle_phase, owner_user_id, created_at)
            SELECT 'K' || lpad(g::text, 6, '0'),
                   (ARRAY['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann','Koch','Richter',
                          'Klein','Wolf','Schröder','Neumann','Schwarz','Braun','Zimmermann','Krüger'])[1 + abs(hashtext('n' || g)) % 20]
                   || ' ' || (ARRAY['Maschinenbau','Antriebstechnik','Fördertechnik','Kunststofftechnik','Elektronik','Automation',
                                    'Werkzeugbau','Anlagenbau','Logistik','Hydraulik'])[1 + abs(hashtext('t' || g)) % 10]
                   || ' ' || (ARRAY['GmbH','AG','KG','GmbH & Co. KG','SE'])[1 + abs(hashtext('f' || g)) % 5] || ' ' || g,
                   (ARRAY['machinery','automotive','chemicals','electronics','food','pharma'])[1 + g % 6],
                   (ARRAY['DE','AT','CH','FR','IT','NL','PL'])[1 + g % 7],
                   (ARRAY['product','plant','system','supplier'])[1 + g % 4],
                   g % 25 = 0,
                   (ARRAY['prospect','new','regular','regular','regular','lost'])[1 + g % 6],
                   (ARRAY['initiation','exploration','expansion','maturity','maturity','endangerment','termination','revitalization'])[1 + g % 8],
                   (SELECT id FROM users WHERE email = 'am' || (1 + g % 20) || '@bench.rapport'),
                   now() - make_interval(mins => g)
            FROM generate_series($1, $2) g
            ON CONFLICT (external_id) DO NOTHING
            """))
        {
            insert.Parameters.AddWithValue(existing + 1);
            insert.Parameters.AddWithValue(target);
            insert.CommandTimeout = 600;
            await insert.ExecuteNonQueryAsync();
        }
        await using (var shares = dataSource.CreateCommand(
            """
            INSERT INTO account_shares (account_id, user_id)
            SELECT a.id, u.id FROM accounts a JOIN users u ON u.email = 'am1@bench.rapport' WHERE a.id % 100 = 7
            ON CONFLICT DO NOTHING;
            ANALYZE accounts; ANALYZE account_shares; ANALYZE users;
            """))
        {
            await shares.ExecuteNonQueryAsync();
        }
        return target;
    }

    private static async Task<(string Admin, string Manager)> TokensAsync(NpgsqlDataSource dataSource)
    {
        await using var db = new RapportDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource));
        var users = new UserDirectory(db, TimeProvider.System);
        if (await users.FindByEmailAsync("bench-admin@bench.rapport") is null)
        {
            await users.CreateUserAsync(new NewUser("bench-admin@bench.rapport", "admin", Passwords.Generate()));
        }
        var admin = (await users.CreateTokenAsync("bench-admin@bench.rapport", "account list load test", 1)).Value!.Plaintext;
        var manager = (await users.CreateTokenAsync("am1@bench.rapport", "account list load test", 1)).Value!.Plaintext;
        return (admin, manager);
    }

    private static string Row(string name, List<double> samples) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {samples.Count} | {Percentile(samples, 0.5):F1} | {Percentile(samples, 0.95):F1} | {samples.Max():F1} |");

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> samples, double p)
    {
        var sorted = samples.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static Dictionary<string, string> ParseArgs(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            result[args[i]] = args[i + 1];
        }
        return result;
    }
}
