using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Data;

namespace Rapport.Core.Retention;

/// <summary>One bin of the CLV distribution: accounts with a CLV in [<paramref name="Low"/>, <paramref name="High"/>).</summary>
public sealed record ClvBin(double Low, double High, int Accounts);

/// <summary>How the CLVs of the accounts in scope are distributed, with CLV/CAC over the accounts whose acquisition cost is known.</summary>
/// <param name="Accounts">Accounts with a CLV.</param>
/// <param name="Total">Sum of their CLVs.</param>
/// <param name="Mean">Mean CLV.</param>
/// <param name="Median">Median CLV.</param>
/// <param name="P10">10th percentile (linear interpolation).</param>
/// <param name="P90">90th percentile.</param>
/// <param name="Bins">Ten equal-width bins from the 0th to the 99th percentile; the last bin also holds the top 1 %.</param>
/// <param name="ClvToCac">Mean CLV / mean acquisition cost over the accounts with both; null when there are none or the costs are 0.</param>
/// <param name="BySegment">Mean CLV per segment (segment as stored → mean).</param>
public sealed record ClvDistribution(
    int Accounts, double Total, double Mean, double Median, double P10, double P90, IReadOnlyList<ClvBin> Bins,
    double? ClvToCac, IReadOnlyDictionary<string, double> BySegment);

/// <summary>
/// CLV per account from the scoring job's table <c>account_scores</c> (migration 0009, one row per scored account).
/// Before the job's first run the table is empty: no CLVs, an empty distribution.
/// </summary>
public static class AccountScores
{
    /// <summary>The CLVs of <paramref name="accountIds"/> that have one.</summary>
    public static async Task<IReadOnlyDictionary<long, double>> ReadClvAsync(NpgsqlConnection connection, IReadOnlyCollection<long> accountIds, CancellationToken ct = default)
    {
        var result = new Dictionary<long, double>();
        if (accountIds.Count == 0)
        {
            return result;
        }
        await using var command = new NpgsqlCommand(
            "SELECT account_id, clv::double precision FROM account_scores WHERE clv IS NOT NULL AND account_id = ANY (@ids)", connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = accountIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetInt64(0)] = reader.GetDouble(1);
        }
        return result;
    }

    /// <summary>The CLV distribution of the accounts in <paramref name="scope"/> (no accounts before the first scoring run).</summary>
    public static async Task<ClvDistribution> DistributionAsync(RapportDbContext db, KpiScope scope, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        await using var lease = await ContextConnection.OpenAsync(db, ct);
        var connection = lease.Connection;
        var where = new List<string> { "s.clv IS NOT NULL" };
        var parameters = new List<NpgsqlParameter>();
        scope.AddConditions(where, parameters);
        await using var command = PgSql.Command(connection, $"""
            SELECT s.clv::double precision, a.segment, a.acquisition_cost
            FROM account_scores s JOIN accounts a ON a.id = s.account_id
            WHERE {string.Join(" AND ", where)}
            """);
        command.Parameters.AddRange(parameters.ToArray());
        // One double per account: 50,000 accounts are 400 KB.
        var values = new List<double>();
        var bySegment = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        double clvWithCost = 0, costs = 0;
        var withCost = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var clv = reader.GetDouble(0);
                if (!double.IsFinite(clv))
                {
                    continue;
                }
                values.Add(clv);
                var seg = reader.GetString(1);
                var (sum, count) = bySegment.GetValueOrDefault(seg);
                bySegment[seg] = (sum + clv, count + 1);
                if (!reader.IsDBNull(2))
                {
                    clvWithCost += clv;
                    costs += (double)reader.GetDecimal(2);
                    withCost++;
                }
            }
        }
        return Describe(values, withCost == 0 || costs <= 0 ? null : clvWithCost / costs,
            bySegment.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count, StringComparer.Ordinal));
    }

    internal static ClvDistribution Describe(List<double> values, double? clvToCac, IReadOnlyDictionary<string, double> bySegment)
    {
        if (values.Count == 0)
        {
            return new ClvDistribution(0, 0, 0, 0, 0, 0, [], clvToCac, bySegment);
        }
        values.Sort();
        double Quantile(double q)
        {
            var h = (values.Count - 1) * q;
            var lo = (int)Math.Floor(h);
            var hi = Math.Min(lo + 1, values.Count - 1);
            return values[lo] + ((h - lo) * (values[hi] - values[lo]));
        }
        const int binCount = 10;
        var low = values[0];
        var high = Quantile(0.99);
        var width = high > low ? (high - low) / binCount : 1;
        var counts = new int[binCount];
        foreach (var v in values)
        {
            counts[Math.Clamp((int)((v - low) / width), 0, binCount - 1)]++;
        }
        var bins = Enumerable.Range(0, binCount).Select(i => new ClvBin(low + (i * width), low + ((i + 1) * width), counts[i])).ToList();
        return new ClvDistribution(values.Count, values.Sum(), values.Average(), Quantile(0.5), Quantile(0.1), Quantile(0.9), bins, clvToCac, bySegment);
    }
}
