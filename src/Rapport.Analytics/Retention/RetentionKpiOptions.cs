namespace Rapport.Analytics.Retention;

/// <summary>The period and rules of the retention KPIs (docs/definitions.md#retention-kpis).</summary>
public sealed record RetentionKpiOptions
{
    /// <summary>First day of the period (inclusive).</summary>
    public required DateOnly From { get; init; }

    /// <summary>End of the period (exclusive): the period is <c>[From, To)</c>; must be after <see cref="From"/>.</summary>
    public required DateOnly To { get; init; }

    /// <summary>
    /// W: a customer is active on day t when it has a transaction on one of the W days <c>t − W + 1 … t</c>
    /// (or a contract running on t). At least 1; default 365.
    /// </summary>
    public int ActiveWindowDays { get; init; } = 365;

    /// <summary>Whether lines carry product categories; without them the cross-sell rate is undefined (null).</summary>
    public bool TrackCategories { get; init; }

    /// <summary>A retained customer is up-sold when its period revenue is at least this multiple of the preceding period's (default 1.1 = 110 %).</summary>
    public decimal UpSellRatio { get; init; } = 1.1m;

    /// <summary>Number of days in the period, L = To − From.</summary>
    public int PeriodDays => To.DayNumber - From.DayNumber;

    /// <summary>First day of the preceding period of equal length, <c>From − L</c>.</summary>
    public DateOnly PreviousFrom => From.AddDays(-PeriodDays);

    /// <summary>Throws <see cref="ArgumentException"/> when the period is empty or reversed, the window is below 1 day, or the up-sell ratio is not positive.</summary>
    public void Validate()
    {
        if (To <= From)
        {
            throw new ArgumentException($"The period end ({To:yyyy-MM-dd}) must be after its start ({From:yyyy-MM-dd}).", nameof(To));
        }
        if (ActiveWindowDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ActiveWindowDays), ActiveWindowDays, "The active window must be at least 1 day.");
        }
        if (UpSellRatio <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(UpSellRatio), UpSellRatio, "The up-sell ratio must be positive.");
        }
        if (From.DayNumber - PeriodDays < DateOnly.MinValue.DayNumber || From.DayNumber - ActiveWindowDays < DateOnly.MinValue.DayNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(From), From, "The preceding period or the active window starts before 0001-01-01.");
        }
    }
}
