namespace Rapport.Analytics.Clv;

/// <summary>The unit in which the models measure time (docs/definitions.md#transactions-and-clv-models): times are whole days between calendar dates divided by the unit's length.</summary>
public enum TimeUnit
{
    /// <summary>1 day.</summary>
    Day,
    /// <summary>7 days.</summary>
    Week,
    /// <summary>30.4375 days (a Gregorian month on average).</summary>
    Month,
    /// <summary>365.25 days.</summary>
    Year,
}

/// <summary>Lengths and names of <see cref="TimeUnit"/>.</summary>
public static class TimeUnits
{
    /// <summary>Length of the unit in days: 1, 7, 30.4375 or 365.25 (all exact in binary floating point).</summary>
    public static double Days(this TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1,
        TimeUnit.Week => 7,
        TimeUnit.Month => 30.4375,
        TimeUnit.Year => 365.25,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    /// <summary>The lower-case name used on the command line and in JSON: <c>day</c>, <c>week</c>, <c>month</c>, <c>year</c>.</summary>
    public static string Name(this TimeUnit unit) => unit switch
    {
        TimeUnit.Day => "day",
        TimeUnit.Week => "week",
        TimeUnit.Month => "month",
        TimeUnit.Year => "year",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    /// <summary>Parses <c>day</c>, <c>week</c>, <c>month</c> or <c>year</c> (case-insensitive).</summary>
    public static bool TryParse(string? text, out TimeUnit unit)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "day":
                unit = TimeUnit.Day;
                return true;
            case "week":
                unit = TimeUnit.Week;
                return true;
            case "month":
                unit = TimeUnit.Month;
                return true;
            case "year":
                unit = TimeUnit.Year;
                return true;
            default:
                unit = default;
                return false;
        }
    }

    /// <summary>Days between two calendar dates divided by the unit (negative when <paramref name="to"/> is earlier).</summary>
    public static double Between(this TimeUnit unit, DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / unit.Days();
}
