using FsCheck;
using FsCheck.Fluent;
using Rapport.Core.Complaints;

namespace Rapport.Core.Tests.Complaints;

public sealed class ComplaintSlaTests
{
    private static readonly ComplaintSla BusinessDays = new(new ComplaintOptions { TimeZone = "Europe/Berlin" });

    // Wednesday 2026-03-04 10:00 in Berlin (UTC+1).
    private static readonly DateTimeOffset Wednesday = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ComplaintSeverity.Critical, "2026-03-05T09:00:00Z")]
    [InlineData(ComplaintSeverity.High, "2026-03-09T09:00:00Z")]
    [InlineData(ComplaintSeverity.Medium, "2026-03-11T09:00:00Z")]
    [InlineData(ComplaintSeverity.Low, "2026-03-18T09:00:00Z")]
    public void DueAt_DefaultBusinessDays_SkipsWeekendsPerSeverity(ComplaintSeverity severity, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), BusinessDays.DueAt(Wednesday, severity));
    }

    [Fact]
    public void DueAt_FridayAfternoonCritical_DueMondaySameLocalTime()
    {
        var friday = new DateTimeOffset(2026, 3, 6, 14, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero), BusinessDays.DueAt(friday, ComplaintSeverity.Critical));
    }

    [Fact]
    public void DueAt_FridayLateEveningUtcIsSaturdayInBerlin_WeekendJudgedInConfiguredZone()
    {
        // Friday 23:30 UTC is Saturday 00:30 in Berlin: one business day later is Monday 00:30 Berlin.
        var lateFriday = new DateTimeOffset(2026, 3, 6, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 23, 30, 0, TimeSpan.Zero), BusinessDays.DueAt(lateFriday, ComplaintSeverity.Critical));
    }

    [Fact]
    public void DueAt_AcrossSpringDaylightSaving_KeepsLocalTimeOfDay()
    {
        // Friday 2026-03-27 10:00 CET (09:00 UTC); summer time starts on Sunday 29 March: Monday 10:00 CEST = 08:00 UTC.
        var friday = new DateTimeOffset(2026, 3, 27, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero), BusinessDays.DueAt(friday, ComplaintSeverity.Critical));
    }

    [Fact]
    public void DueAt_CalendarDays_AddsDaysIncludingWeekends()
    {
        var sla = new ComplaintSla(new ComplaintOptions { BusinessDays = false, Sla = new ComplaintSlaOptions { High = 2 } });

        Assert.Equal(Wednesday.AddDays(2), sla.DueAt(Wednesday, ComplaintSeverity.High));
    }

    [Fact]
    public void Constructor_SlaOutOfRange_ThrowsNamingSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ComplaintSla(new ComplaintOptions { Sla = new ComplaintSlaOptions { Medium = 0 } }));

        Assert.Contains("Rapport:Complaints:Sla:Medium", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownTimeZone_ThrowsNamingSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ComplaintSla(new ComplaintOptions { TimeZone = "Mars/Olympus" }));

        Assert.Contains("Rapport:Complaints:TimeZone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DueAt_AnyStartAndSeverity_IsLaterThanStartAndNeverOnWeekendInZone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Check.QuickThrowOnFailure(Prop.ForAll<int, byte>(
            (minutes, severityByte) =>
            {
                var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Math.Abs(minutes % (2 * 365 * 24 * 60)));
                var severity = (ComplaintSeverity)(severityByte % 4);
                var due = BusinessDays.DueAt(start, severity);
                var local = TimeZoneInfo.ConvertTime(due, zone);
                return due > start && local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
                    && (due - start).TotalDays <= (BusinessDays.DaysFor(severity) * 7.0 / 5.0) + 3;
            }));
    }
}
