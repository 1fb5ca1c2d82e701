namespace Rapport.Analytics.Acquisition;

/// <summary>What one acquisition channel cost in a period and whom it brought in.</summary>
/// <param name="Channel">Channel name (direct, trade fair, referral, online, indirect, classic, …).</param>
/// <param name="Cost">Campaign costs of the channel in the period (≥ 0).</param>
/// <param name="NewCustomers">N of the channel: new customers acquired through it in the period (≥ 0).</param>
/// <param name="ClvOfNewCustomers">CLV of those new customers as far as known (may be fewer than <paramref name="NewCustomers"/>).</param>
public sealed record ChannelInput(string Channel, decimal Cost, int NewCustomers, IReadOnlyList<double> ClvOfNewCustomers);

/// <summary>Acquisition efficiency of a channel (docs/definitions.md#retention-kpis).</summary>
/// <param name="Channel">Channel name, or <see cref="AcquisitionEconomics.Total"/>.</param>
/// <param name="Cost">Campaign costs.</param>
/// <param name="NewCustomers">New customers N.</param>
/// <param name="CostPerNewCustomer">CAC = cost / N; null when N = 0.</param>
/// <param name="MeanClv">Mean CLV of its new customers; null when none is known.</param>
/// <param name="ClvToCac">Mean CLV / CAC; null when either is undefined or CAC = 0 (a free channel has no finite ratio).</param>
public sealed record ChannelEconomics(
    string Channel, decimal Cost, int NewCustomers, decimal? CostPerNewCustomer, double? MeanClv, double? ClvToCac);

/// <summary>Acquisition cost per new customer and CLV/CAC, by channel (docs/definitions.md#retention-kpis). Pure functions of their inputs.</summary>
public static class AcquisitionEconomics
{
    /// <summary>The name of the all-channels row of <see cref="ByChannel"/>.</summary>
    public const string Total = "total";

    /// <summary>Cost / new customers; null when there are none.</summary>
    public static decimal? CostPerNewCustomer(decimal cost, int newCustomers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        ArgumentOutOfRangeException.ThrowIfNegative(newCustomers);
        return newCustomers == 0 ? null : cost / newCustomers;
    }

    /// <summary>CLV / CAC; null when CAC is missing or 0.</summary>
    public static double? ClvToCac(double? meanClv, decimal? costPerNewCustomer) =>
        meanClv is { } clv && costPerNewCustomer is > 0 and var cac ? clv / (double)cac : null;

    /// <summary>
    /// One row per channel (in input order; channels of the same name are added up) and, when
    /// <paramref name="includeTotal"/>, a last row <see cref="Total"/> over all channels.
    /// </summary>
    public static IReadOnlyList<ChannelEconomics> ByChannel(IEnumerable<ChannelInput> channels, bool includeTotal = true)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var merged = new List<(string Channel, decimal Cost, int New, List<double> Clv)>();
        foreach (var c in channels)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c.Cost);
            ArgumentOutOfRangeException.ThrowIfNegative(c.NewCustomers);
            var i = merged.FindIndex(m => m.Channel == c.Channel);
            if (i < 0)
            {
                merged.Add((c.Channel, c.Cost, c.NewCustomers, [.. c.ClvOfNewCustomers]));
            }
            else
            {
                merged[i] = (c.Channel, merged[i].Cost + c.Cost, merged[i].New + c.NewCustomers, [.. merged[i].Clv, .. c.ClvOfNewCustomers]);
            }
        }

        var rows = merged.Select(m => Row(m.Channel, m.Cost, m.New, m.Clv)).ToList();
        if (includeTotal)
        {
            rows.Add(Row(Total, merged.Sum(m => m.Cost), merged.Sum(m => m.New), merged.SelectMany(m => m.Clv).ToList()));
        }
        return rows;
    }

    private static ChannelEconomics Row(string channel, decimal cost, int newCustomers, List<double> clv)
    {
        var cac = CostPerNewCustomer(cost, newCustomers);
        double? meanClv = clv.Count == 0 ? null : clv.Average();
        return new(channel, cost, newCustomers, cac, meanClv, ClvToCac(meanClv, cac));
    }
}
