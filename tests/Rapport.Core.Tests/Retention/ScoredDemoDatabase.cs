using Npgsql;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;
using Rapport.Demo;
using Rapport.Testing;

namespace Rapport.Core.Tests.Retention;

/// <summary>
/// The demo company (150 accounts, pinned date) seeded once and scored once, as the app does on its first start:
/// a requested run claimed and executed by <see cref="ScoringCoordinator"/>.
/// </summary>
public sealed class ScoredDemoDatabase : TestDatabase, IAsyncLifetime
{
    public static readonly DateOnly AsOf = new(2025, 6, 30);

    public ScoringSummary FirstRun { get; private set; } = null!;

    public long FirstRunId { get; private set; }

    public ScoringCoordinator Coordinator => new(DataSource, TimeProvider.System);

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var seeded = await DemoSeeder.SeedAsync(DataSource, new DemoOptions { Accounts = 150, Seed = 7, AsOf = AsOf });
        if (!seeded.Succeeded)
        {
            throw new InvalidOperationException(seeded.Message);
        }
        var request = await Coordinator.RequestAsync(ScoringTrigger.Startup, AsOf);
        var attempt = await Coordinator.TryRunNextAsync(new ScoringOptions());
        FirstRun = attempt.Summary ?? throw new InvalidOperationException($"The first run did not succeed: {attempt.Kind} {attempt.Error}");
        FirstRunId = request.RunId;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<List<string>> RowsAsync(string sql, params object[] args)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }
}
