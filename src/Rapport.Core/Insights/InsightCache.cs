using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Rapport.Core.Insights;

/// <summary>
/// The per-process cache of the analytics (one per app, a singleton): each wave's summary in memory
/// (<see cref="WaveSnapshot"/>, replaced when the wave's summary version changes) and the results of the expensive
/// views (phases, drivers, competitors, main contacts) per wave version and exact set of respondents, so that a
/// repeated view with the same filters costs a lookup. Nothing here is authoritative: the database decides.
/// </summary>
public sealed class InsightCache(NpgsqlDataSource dataSource) : IDisposable
{
    private readonly ConcurrentDictionary<long, WaveSnapshot> snapshots = new();
    private readonly ConcurrentDictionary<long, SemaphoreSlim> gates = new();
    private readonly MemoryCache results = new(new MemoryCacheOptions { SizeLimit = 256 });

    internal NpgsqlDataSource DataSource => dataSource;

    /// <summary>The wave's respondents, brought up to date with its answers first when they changed.</summary>
    internal async Task<WaveSnapshot> SnapshotAsync(long waveId, SurveyLayout layout, CancellationToken ct)
    {
        var (version, stale) = await InsightSummary.StateAsync(dataSource, waveId, ct);
        if (!stale && version is { } current && snapshots.TryGetValue(waveId, out var cached) && cached.Version == current && SameLayout(cached, layout))
        {
            return cached;
        }
        var gate = gates.GetOrAdd(waveId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            (version, stale) = await InsightSummary.StateAsync(dataSource, waveId, ct);
            var layoutChanged = snapshots.TryGetValue(waveId, out cached) && !SameLayout(cached, layout);
            var latest = stale || version is null || layoutChanged
                ? await InsightSummary.RefreshAsync(dataSource, waveId, layout, ct)
                : version.Value;
            if (cached is not null && cached.Version == latest && SameLayout(cached, layout))
            {
                return cached;
            }
            var loaded = await InsightSummary.LoadAsync(dataSource, waveId, latest, layout, ct);
            snapshots[waveId] = loaded;
            return loaded;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A view result for exactly these respondents of this wave version, computed once.</summary>
    internal T GetOrCompute<T>(WaveSnapshot snapshot, int[] rows, string view, Func<T> compute) where T : class
    {
        var key = (snapshot.WaveId, snapshot.Version, view, Fingerprint(rows));
        if (results.TryGetValue(key, out var hit) && hit is T value)
        {
            return value;
        }
        var computed = compute();
        results.Set(key, computed, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return computed;
    }

    /// <summary>Forgets every wave copy and result (e.g. for benchmarks of the cold path).</summary>
    public void Clear()
    {
        snapshots.Clear();
        results.Compact(1.0);
    }

    public void Dispose()
    {
        results.Dispose();
        foreach (var gate in gates.Values)
        {
            gate.Dispose();
        }
    }

    private static bool SameLayout(WaveSnapshot snapshot, SurveyLayout layout) =>
        snapshot.Phases.SequenceEqual(layout.PhaseCodes, StringComparer.Ordinal)
        && snapshot.Touchpoints.SequenceEqual(layout.TouchpointCodes, StringComparer.Ordinal);

    /// <summary>SHA-256 of the selected row numbers: the same respondents give the same key, whatever filters chose them.</summary>
    private static string Fingerprint(int[] rows) => Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(rows.AsSpan())));
}

/// <summary>Registers the analytics: one <see cref="InsightCache"/> per app and <see cref="InsightQueries"/> per request.</summary>
public static class InsightServiceCollectionExtensions
{
    /// <summary>Adds <see cref="InsightCache"/> (singleton; needs the app's NpgsqlDataSource) and <see cref="InsightQueries"/> (scoped).</summary>
    public static IServiceCollection AddRapportInsights(this IServiceCollection services)
    {
        services.AddSingleton<InsightCache>();
        services.AddScoped<InsightQueries>();
        return services;
    }
}
