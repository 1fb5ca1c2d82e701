namespace Rapport.Demo;

/// <summary>
/// When an account buys and how intensely: one or two buying periods and an intensity curve (1 = the account's
/// usual rate) that makes growth, decline, ramp-up and tapering visible in the orders.
/// </summary>
internal sealed class DemoTimeline
{
    private DemoTimeline(DemoSituation situation, DateOnly today)
    {
        Situation = situation;
        Today = today;
        WindowStart = today.AddYears(-5);
    }

    public DemoSituation Situation { get; }
    public DateOnly Today { get; }

    /// <summary>Five years before today: the first day of generated orders.</summary>
    public DateOnly WindowStart { get; }

    public List<(DateOnly From, DateOnly To)> Periods { get; } = [];

    /// <summary>The customer was a customer before the generated window (its first orders are older).</summary>
    public bool Established { get; private set; }

    public DateOnly? AcquiredOn { get; private set; }

    private double growth;
    private double decline;
    private double wave;

    public DateOnly FirstDay => Periods[0].From;
    public DateOnly LastDay => Periods[^1].To;

    /// <summary>The day the (first) relationship ended: lost and won-back accounts.</summary>
    public DateOnly? CustomerUntil => Situation is DemoSituation.Lost or DemoSituation.WonBack ? Periods[0].To : null;

    public bool InPeriod(DateOnly d)
    {
        foreach (var (from, to) in Periods)
        {
            if (d >= from && d <= to)
            {
                return true;
            }
        }
        return false;
    }

    public double Intensity(DateOnly d)
    {
        double x = Today.DayNumber - d.DayNumber;
        switch (Situation)
        {
            case DemoSituation.Growing:
                return x >= 730 ? 1.0 : 1.0 + (growth * (730 - x) / 730);
            case DemoSituation.Declining:
                return x >= 730 ? 1.0 : 1.0 - (decline * (730 - x) / 730);
            case DemoSituation.New:
                var age = Math.Max(1.0, Today.DayNumber - FirstDay.DayNumber);
                return 0.6 + (0.8 * (1 - (x / age)));
            case DemoSituation.Lost:
                var untilEnd = Periods[0].To.DayNumber - d.DayNumber;
                return untilEnd < 365 ? 0.5 + (0.5 * untilEnd / 365.0) : 1.0;
            case DemoSituation.WonBack:
                if (d <= Periods[0].To)
                {
                    return 1.0;
                }
                var sinceBack = d.DayNumber - Periods[^1].From.DayNumber;
                return 0.6 + (0.4 * Math.Min(1.0, sinceBack / 180.0));
            default:
                return 1.0 + (0.08 * Math.Sin((2 * Math.PI * x / 900) + wave));
        }
    }

    public static DemoTimeline Create(DemoAccount a, DateOnly today, Random r)
    {
        var t = new DemoTimeline(a.Situation, today)
        {
            growth = r.Uniform(0.9, 1.6),
            decline = r.Uniform(0.65, 0.85),
            wave = r.Uniform(0, 2 * Math.PI),
        };
        var w0 = t.WindowStart;
        switch (a.Index)
        {
            // Story accounts: fixed shapes (DemoStories).
            case 0:
                t.decline = 0.8;
                t.Established = true;
                t.AcquiredOn = today.AddYears(-9).AddDays(-140);
                t.Add(w0, today);
                return t;
            case 1:
                t.Established = true;
                t.AcquiredOn = today.AddYears(-7);
                t.Add(w0, today.AddDays(-820));
                t.Add(today.AddDays(-150), today);
                return t;
            case 2:
                t.AcquiredOn = today.AddDays(-330);
                t.Add(today.AddDays(-300), today);
                return t;
            case 3:
                t.Established = true;
                t.AcquiredOn = today.AddYears(-14);
                t.Add(w0, today);
                return t;
            default:
                break;
        }

        DateOnly EstablishedStart(int maxOffsetDays)
        {
            if (r.Chance(0.65))
            {
                t.Established = true;
                return w0;
            }
            return w0.AddDays(r.Next(maxOffsetDays + 1));
        }

        switch (a.Situation)
        {
            case DemoSituation.Prospect:
                return t;
            case DemoSituation.New:
                t.Add(today.AddDays(-r.Between(25, 340)), today);
                break;
            case DemoSituation.Growing:
                // Up to four years after the window opens, so that every year of the window has new customers.
                t.Add(EstablishedStart(4 * 365), today);
                break;
            case DemoSituation.Declining:
                t.Add(EstablishedStart(2 * 365), today);
                break;
            case DemoSituation.Lost:
            {
                var start = EstablishedStart(540);
                var end = today.AddDays(-r.Between(380, 1300));
                if (end < start.AddDays(365))
                {
                    end = start.AddDays(365);
                }
                t.Add(start, end);
                break;
            }
            case DemoSituation.WonBack:
            {
                var start = EstablishedStart(180);
                var end1 = today.AddDays(-r.Between(560, 1000));
                var back = today.AddDays(-r.Between(40, today.DayNumber - end1.DayNumber - 400));
                t.Add(start, end1);
                t.Add(back, today);
                break;
            }
            default:
                t.Add(EstablishedStart(2 * 365), today);
                break;
        }
        t.AcquiredOn = t.Established
            ? w0.AddDays(-r.Between(200, 5000))
            : t.FirstDay.AddDays(-r.Between(0, 90));
        return t;
    }

    private void Add(DateOnly from, DateOnly to)
    {
        var f = NextBusinessDay(from);
        var e = PreviousBusinessDay(to);
        Periods.Add((f, e < f ? f : e));
    }

    public static bool IsBusinessDay(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public static DateOnly NextBusinessDay(DateOnly d)
    {
        while (!IsBusinessDay(d))
        {
            d = d.AddDays(1);
        }
        return d;
    }

    public static DateOnly PreviousBusinessDay(DateOnly d)
    {
        while (!IsBusinessDay(d))
        {
            d = d.AddDays(-1);
        }
        return d;
    }
}
