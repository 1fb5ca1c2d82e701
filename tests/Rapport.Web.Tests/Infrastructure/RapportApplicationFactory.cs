using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Testing;

namespace Rapport.Web.Tests.Infrastructure;

/// <summary>A user created for a test and the password it logs in with.</summary>
public sealed record TestUser(long Id, string Email, UserRole Role, string Password);

/// <summary>An HTTP client that sends a bearer token of <see cref="User"/>.</summary>
public sealed record AuthenticatedClient(HttpClient Http, TestUser User, string Token);

/// <summary>
/// The real app (<c>Program</c>) over a fresh database of the shared test cluster, demo seed off. One per test class
/// (<c>IClassFixture&lt;RapportApplicationFactory&gt;</c>); the intent methods set up users, tokens and accounts.
/// </summary>
public class RapportApplicationFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private int sequence;

    public TestDatabase Database => database;

    public string ConnectionString => database.ConnectionString;

    /// <summary>Everything the app logged, for assertions on log output.</summary>
    public ConcurrentQueue<string> LogMessages { get; } = new();

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        // Start the host now, so that first-start work (the administrator) happens before the tests.
        _ = Server;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Rapport", database.ConnectionString);
        builder.UseSetting("Rapport:SeedDemoData", "false");
        builder.UseSetting("Rapport:Auth:LoginPermitLimit", "1000");
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(LogMessages)));
        Configure(builder);
    }

    /// <summary>Extra settings of a derived factory (e.g. tighter limits).</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>A user with a known password (unique e-mail per call).</summary>
    public async Task<TestUser> CreateUserAsync(UserRole role, string? password = null)
    {
        var email = $"{EnumText.ToText(role)}{Interlocked.Increment(ref sequence)}-{Guid.NewGuid().ToString("N")[..6]}@test.rapport";
        var pw = password ?? "correct horse battery " + Guid.NewGuid().ToString("N")[..6];
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserDirectory>().CreateUserAsync(new NewUser(email, EnumText.ToText(role), pw));
        var user = result.Value?.User ?? throw new InvalidOperationException(result.Error!.Message);
        return new TestUser(user.Id, user.Email, role, pw);
    }

    public async Task<string> CreateTokenAsync(TestUser user)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserDirectory>().CreateTokenAsync(user.Id, "test token");
        return result.Value?.Plaintext ?? throw new InvalidOperationException(result.Error!.Message);
    }

    /// <summary>A client authenticated with a fresh bearer token of a fresh user of <paramref name="role"/>.</summary>
    public async Task<AuthenticatedClient> CreateAuthenticatedClientAsync(UserRole role)
    {
        var user = await CreateUserAsync(role);
        return await CreateAuthenticatedClientAsync(user);
    }

    public async Task<AuthenticatedClient> CreateAuthenticatedClientAsync(TestUser user)
    {
        var token = await CreateTokenAsync(user);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new AuthenticatedClient(client, user, token);
    }

    /// <summary>
    /// Inserts <paramref name="count"/> accounts named "<paramref name="prefix"/> 00001" … with external ids
    /// "<paramref name="prefix"/>-00001" …, owned by <paramref name="ownerId"/>; segments and business types rotate.
    /// Returns the ids in order.
    /// </summary>
    public async Task<long[]> SeedAccountsAsync(int count, string? prefix = null, long? ownerId = null)
    {
        var p = prefix ?? "ACC" + Interlocked.Increment(ref sequence);
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO accounts (external_id, name, industry, country, business_type, key_account, segment, lifecycle_phase, owner_user_id)
            SELECT $1 || '-' || lpad(g::text, 5, '0'),
                   $1 || ' ' || lpad(g::text, 5, '0'),
                   (ARRAY['machinery', 'automotive', 'chemicals', 'electronics'])[1 + g % 4],
                   (ARRAY['DE', 'AT', 'CH', 'FR', 'IT'])[1 + g % 5],
                   (ARRAY['product', 'plant', 'system', 'supplier'])[1 + g % 4],
                   g % 10 = 0,
                   (ARRAY['prospect', 'new', 'regular', 'lost'])[1 + g % 4],
                   (ARRAY['initiation', 'exploration', 'expansion', 'maturity', 'endangerment', 'termination', 'revitalization'])[1 + g % 7],
                   $3
            FROM generate_series(1, $2) AS g
            ORDER BY g
            RETURNING id
            """, connection);
        command.Parameters.AddWithValue(p);
        command.Parameters.AddWithValue(count);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)ownerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        var ids = new List<long>(count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }
        return [.. ids.Order()];
    }

    public async Task ShareAccountAsync(long accountId, long userId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("INSERT INTO account_shares (account_id, user_id) VALUES ($1, $2)", connection);
        command.Parameters.AddWithValue(accountId);
        command.Parameters.AddWithValue(userId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
            }
        }
    }
}
