namespace Rapport.Core.Complaints;

/// <summary>Configuration section <c>Rapport:Complaints</c>.</summary>
public sealed class ComplaintOptions
{
    public const string Section = "Rapport:Complaints";

    /// <summary>Days to resolve per severity (<c>Rapport:Complaints:Sla:Critical</c> …).</summary>
    public ComplaintSlaOptions Sla { get; set; } = new();

    /// <summary>Count SLA days as business days (Monday–Friday, no holiday calendar); false counts calendar days.</summary>
    public bool BusinessDays { get; set; } = true;

    /// <summary>The time zone in which a day is a Saturday or Sunday (IANA or Windows id).</summary>
    public string TimeZone { get; set; } = "Europe/Berlin";

    /// <summary>Run the overdue check in the app.</summary>
    public bool EscalationEnabled { get; set; } = true;

    /// <summary>Seconds between two overdue checks.</summary>
    public int EscalationIntervalSeconds { get; set; } = 60;

    /// <summary>Base64 secret (at least 32 bytes) from which customer confirmation links are derived. When empty, a
    /// secret generated once per database (table <c>complaint_secrets</c>) is used.</summary>
    public string? TokenSecret { get; set; }
}

/// <summary>Whole days to resolve a complaint, per severity (section <c>Rapport:Complaints:Sla</c>).</summary>
public sealed class ComplaintSlaOptions
{
    public int Critical { get; set; } = 1;
    public int High { get; set; } = 3;
    public int Medium { get; set; } = 5;
    public int Low { get; set; } = 10;

    public int DaysFor(ComplaintSeverity severity) => severity switch
    {
        ComplaintSeverity.Critical => Critical,
        ComplaintSeverity.High => High,
        ComplaintSeverity.Medium => Medium,
        _ => Low,
    };
}

/// <summary>
/// The SLA deadline of a complaint. With business days, the deadline is the start moved forward day by day, skipping
/// Saturdays and Sundays of the configured time zone, at the same local time of day: a complaint received on Friday at
/// 15:00 with one business day is due on Monday at 15:00. Holidays are not known. With calendar days it is the start
/// plus the days.
/// </summary>
public sealed class ComplaintSla
{
    public const int MaxDays = 365;

    private readonly ComplaintSlaOptions _days;
    private readonly bool _businessDays;
    private readonly TimeZoneInfo _zone;

    /// <exception cref="InvalidOperationException">A value is out of range or the time zone is unknown; the message names the setting.</exception>
    public ComplaintSla(ComplaintOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var severity in Enum.GetValues<ComplaintSeverity>())
        {
            var days = options.Sla.DaysFor(severity);
            if (days is < 1 or > MaxDays)
            {
                throw new InvalidOperationException(
                    $"{ComplaintOptions.Section}:Sla:{severity} must be between 1 and {MaxDays} days (was {days}).");
            }
        }
        try
        {
            _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"{ComplaintOptions.Section}:TimeZone '{options.TimeZone}' is not a known time zone.", ex);
        }
        _days = options.Sla;
        _businessDays = options.BusinessDays;
    }

    public bool BusinessDays => _businessDays;

    /// <summary>The SLA days of a severity.</summary>
    public int DaysFor(ComplaintSeverity severity) => _days.DaysFor(severity);

    /// <summary>The deadline of an SLA period that starts at <paramref name="start"/>.</summary>
    public DateTimeOffset DueAt(DateTimeOffset start, ComplaintSeverity severity)
    {
        var days = _days.DaysFor(severity);
        if (!_businessDays)
        {
            return start.AddDays(days);
        }
        var local = TimeZoneInfo.ConvertTime(start, _zone).DateTime;
        for (var added = 0; added < days;)
        {
            local = local.AddDays(1);
            if (local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                added++;
            }
        }
        // A local time that does not exist (the spring DST gap) moves to the first instant after the gap.
        if (_zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        var due = new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
        return due < start ? start : due;
    }
}
