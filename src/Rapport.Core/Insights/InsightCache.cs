using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Rapport.Core.Data;
using Rapport.Core.Surveys;

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

    /// <summary>
    /// A wave with its survey and its respondents in memory, brought up to date with its answers first when they changed;
    /// null when there is no such wave. One round trip when nothing changed.
    /// </summary>
    internal async Task<(InsightWave Wave, SurveyDefinition Survey, WaveSnapshot Snapshot)?> OpenAsync(RapportDbContext db, long waveId, CancellationToken ct)
    {
        var state = await InsightSummary.WaveStateAsync(dataSource, waveId, ct);
        if (state is null)
        {
            return null;
        }
        var survey = await DefinitionAsync(db, state, ct);
        var snapshot = await SnapshotAsync(waveId, InsightQueries.Layout(survey), state.Version, state.Stale, ct);
        return (state.Wave, survey, snapshot);
    }

    /// <summary>The wave's respondents, brought up to date with its answers first when they changed.</summary>
    internal async Task<WaveSnapshot> SnapshotAsync(long waveId, SurveyLayout layout, CancellationToken ct)
    {
        var (version, stale) = await InsightSummary.StateAsync(dataSource, waveId, ct);
        return await SnapshotAsync(waveId, layout, version, stale, ct);
    }

    private async Task<WaveSnapshot> SnapshotAsync(long waveId, SurveyLayout layout, long? version, bool stale, CancellationToken ct)
    {
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

    /// <summary>
    /// The survey's design, cached for a few minutes per survey and phase/touchpoint layout: a changed layout is seen at
    /// once, renamed phases within minutes.
    /// </summary>
    private async Task<SurveyDefinition> DefinitionAsync(RapportDbContext db, WaveState state, CancellationToken ct)
    {
        var key = ("definition", state.Wave.SurveyId, string.Join(',', state.PhaseIds), string.Join(',', state.TouchpointIds),
            state.Wave.Anonymous, state.Wave.MinGroupSize);
        if (results.TryGetValue(key, out var hit) && hit is SurveyDefinition cached)
        {
            return cached;
        }
        var survey = (await SurveyDefinition.LoadAsync(db, state.Wave.SurveyId, ct))!;
        results.Set(key, survey, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        return survey;
    }

    /// <summary>A view result for exactly this selection (see <see cref="Fingerprint"/>) of this wave version, computed once.</summary>
    internal T GetOrCompute<T>(WaveSnapshot snapshot, string selection, string view, Func<T> compute) where T : class
    {
        var key = (snapshot.WaveId, snapshot.Version, view, selection);
        if (results.TryGetValue(key, out var hit) && hit is T value)
        {
            return value;
        }
        var computed = compute();
        results.Set(key, computed, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return computed;
    }

    /// <summary>
    /// SHA-256 of the selected row numbers and, for grouped views, of each row's group and the group names: the same
    /// respondents in the same groups give the same key, whatever filters chose them.
    /// </summary>
    internal static string Fingerprint(int[] rows, int[]? groups, IReadOnlyList<string>? names, int threshold)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(rows.AsSpan()));
        hash.AppendData(BitConverter.GetBytes(threshold));
        if (groups is not null && names is not null)
        {
            hash.AppendData(MemoryMarshal.AsBytes(groups.AsSpan()));
            foreach (var name in names)
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\u0001"));
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset());
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
