using Rapport.Core.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Analytics.Acquisition;
using Rapport.Analytics.Retention;
using Rapport.Core.Data;

namespace Rapport.Core.Retention;

/// <summary>
/// Retention KPIs of docs/definitions.md#retention-kpis on the orders and contracts in the database, for one or many periods in one pass over
/// the accounts: each account's day history (kept current by migration 0014) is evaluated for every period with
/// <see cref="RetentionKpiHistories"/> and added to the tallies of the whole scope, of its groups and of its
/// acquisition channel. The figures equal <see cref="RetentionKpiAccumulator"/> (and <c>rapport analyze kpis</c>) on
/// the same lines and contracts. No order line is loaded into memory.
/// </summary>
public sealed class RetentionKpiQuery(RapportDbContext db)
{
    /// <summary>The group key of accounts without a value for the grouping attribute.</summary>
    public const string Unknown = "unknown";

    /// <summary>Most periods one request may ask for (a 10-year monthly trend).</summary>
    public const int MaxPeriods = 120;

    /// <summary>Checks a period and window as the API receives them; the error names the field at fault.</summary>
    public static Error? Validate(DateOnly from, DateOnly to, int activeWindowDays)
    {
        if (to <= from)
        {
            return Error.Validation("to", $"'to' ({to:yyyy-MM-dd}) must be after 'from' ({from:yyyy-MM-dd}); the period is [from, to).");
        }
        if (activeWindowDays is < 1 or > 36_525)
        {
            return Error.Validation("activeWindowDays", $"'activeWindowDays' must be between 1 and 36525 (got {activeWindowDays}).");
        }
        if (from.DayNumber - Math.Max(to.DayNumber - from.DayNumber, activeWindowDays) < DateOnly.MinValue.DayNumber)
        {
            return Error.Validation("from", "'from' is too early: the preceding period or the active window would start before year 1.");
        }
        return null;
    }

    /// <summary>Computes the KPIs of every period of <paramref name="request"/> (in the same order).</summary>
    public async Task<Result<IReadOnlyList<KpiPeriodResult>>> ComputeAsync(KpiRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Periods.Count is 0 or > MaxPeriods)
        {
            return Error.Validation("periods", $"Between 1 and {MaxPeriods} periods can be computed at once (got {request.Periods.Count}).");
        }
        foreach (var period in request.Periods)
        {
            if (Validate(period.From, period.To, request.ActiveWindowDays) is { } error)
            {
                return error;
            }
        }

        var options = request.Periods.Select(p => new RetentionKpiOptions
        {
            From = p.From, To = p.To, ActiveWindowDays = request.ActiveWindowDays, TrackCategories = true,
        }).ToArray();
        var tallies = request.Periods.Select((_, i) => new PeriodTally(i < request.DetailedPeriods ? request.Groupings : [])).ToArray();
        var acquisition = request.Periods.Select((_, i) => request.Acquisition && i < request.DetailedPeriods).ToArray();

        await using var lease = await ContextConnection.OpenAsync(db, ct);
        var connection = lease.Connection;
        await KpiFacts.ScanAsync(connection, request.Scope, account =>
        {
            for (var i = 0; i < options.Length; i++)
            {
                var facts = RetentionKpiHistories.Evaluate(account.History, options[i]);
                if (facts.Matters)
                {
                    tallies[i].Add(account, facts, acquisition[i]);
                }
            }
        }, ct);

        IReadOnlyDictionary<long, double>? clv = null;
        if (request.Acquisition)
        {
            var newIds = tallies.SelectMany(t => t.NewAccountIds).Distinct().ToArray();
            clv = await AccountScores.ReadClvAsync(connection, newIds, ct);
        }
        return Result<IReadOnlyList<KpiPeriodResult>>.Ok(request.Periods
            .Select((p, i) => tallies[i].Result(p, acquisition[i], clv))
            .ToList());
    }

    /// <summary>The tallies of one period: the whole scope, each group of each grouping, and the new customers by channel.</summary>
    private sealed class PeriodTally(IReadOnlyList<KpiGrouping> groupings)
    {
        private readonly RetentionKpiTally _all = new();
        private readonly Dictionary<(KpiGrouping, string), RetentionKpiTally> _groups = [];
        private readonly Dictionary<string, (int New, int WithCost, decimal Cost, List<long> Ids)> _channels = new(StringComparer.Ordinal);

        public IEnumerable<long> NewAccountIds => _channels.Values.SelectMany(c => c.Ids);

        public void Add(KpiAccount account, in CustomerPeriodFacts facts, bool acquisition)
        {
            _all.Add(facts);
            foreach (var grouping in groupings)
            {
                var key = (grouping, KeyOf(account, grouping));
                if (!_groups.TryGetValue(key, out var tally))
                {
                    _groups[key] = tally = new RetentionKpiTally();
                }
                tally.Add(facts);
            }
            if (acquisition && facts.IsNew)
            {
                var channel = account.AcquisitionChannel ?? Unknown;
                var (n, withCost, cost, ids) = _channels.TryGetValue(channel, out var c) ? c : (0, 0, 0m, new List<long>());
                ids.Add(account.Id);
                _channels[channel] = (n + 1, withCost + (account.AcquisitionCost is null ? 0 : 1), cost + (account.AcquisitionCost ?? 0), ids);
            }
        }

        public KpiPeriodResult Result(KpiPeriod period, bool acquisition, IReadOnlyDictionary<long, double>? clv)
        {
            var groups = groupings
                .SelectMany(g => _groups.Where(kv => kv.Key.Item1 == g)
                    .OrderBy(kv => Order(g, kv.Key.Item2)).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
                    .Select(kv => new KpiGroup(g, kv.Key.Item2, kv.Value.Result())))
                .ToList();
            return new KpiPeriodResult(period, _all.Result(), groups, acquisition ? Acquisition(clv) : []);
        }

        private List<ChannelAcquisition> Acquisition(IReadOnlyDictionary<long, double>? clv)
        {
            // Every channel appears, with or without new customers, so that a table by channel has stable rows.
            var channels = Enum.GetValues<Accounts.AcquisitionChannel>().Select(EnumText.ToText)
                .Concat(_channels.Keys).Distinct(StringComparer.Ordinal).ToList();
            var inputs = channels.Select(ch =>
            {
                var (n, _, cost, ids) = _channels.TryGetValue(ch, out var c) ? c : (0, 0, 0m, new List<long>());
                var known = clv is null ? [] : ids.Where(clv.ContainsKey).Select(id => clv[id]).ToList();
                return new ChannelInput(ch, cost, n, known);
            }).ToList();
            return AcquisitionEconomics.ByChannel(inputs)
                .Select(e => new ChannelAcquisition(e.Channel, e.NewCustomers,
                    e.Channel == AcquisitionEconomics.Total ? _channels.Values.Sum(c => c.WithCost) : _channels.GetValueOrDefault(e.Channel).WithCost,
                    e.Cost, e.CostPerNewCustomer, e.MeanClv, e.ClvToCac))
                .ToList();
        }

        private static string KeyOf(KpiAccount account, KpiGrouping grouping) => grouping switch
        {
            KpiGrouping.Segment => account.Segment,
            KpiGrouping.BusinessType => account.BusinessType ?? Unknown,
            _ => account.AcquisitionChannel ?? Unknown,
        };

        /// <summary>Groups in the order of the enum (the order of docs/domain.md#glossary), unknown values last.</summary>
        private static int Order(KpiGrouping grouping, string key) => grouping switch
        {
            KpiGrouping.Segment => EnumText.TryParse<Accounts.Segment>(key, out var s) ? (int)s : int.MaxValue,
            KpiGrouping.BusinessType => EnumText.TryParse<Accounts.BusinessType>(key, out var b) ? (int)b : int.MaxValue,
            _ => EnumText.TryParse<Accounts.AcquisitionChannel>(key, out var c) ? (int)c : int.MaxValue,
        };
    }
}
