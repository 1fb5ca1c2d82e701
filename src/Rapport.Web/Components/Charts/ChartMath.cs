using System.Globalization;

namespace Rapport.Web.Components.Charts;

/// <summary>Geometry helpers shared by the server-rendered SVG charts.</summary>
internal static class ChartMath
{
    /// <summary>A coordinate for an SVG attribute: invariant culture, at most two decimals (SVG never takes "12,5").</summary>
    public static string N(double value) =>
        double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    /// <summary>Maps <paramref name="value"/> from the domain [<paramref name="d0"/>, <paramref name="d1"/>] to the range [<paramref name="r0"/>, <paramref name="r1"/>].</summary>
    public static double Map(double value, double d0, double d1, double r0, double r1) =>
        d1 == d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0) * (r1 - r0));

    /// <summary>
    /// "Nice" axis ticks (steps of 1, 2, 2.5 or 5 times a power of ten) covering [<paramref name="min"/>, <paramref name="max"/>]
    /// with about <paramref name="count"/> intervals. The first tick is ≤ min and the last ≥ max.
    /// </summary>
    public static IReadOnlyList<double> NiceTicks(double min, double max, int count = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return [0, 1];
        }
        if (max < min)
        {
            (min, max) = (max, min);
        }
        if (max == min)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        var step = NiceStep((max - min) / Math.Max(1, count));
        var first = Math.Floor((min / step) + 1e-9) * step;
        var last = Math.Ceiling((max / step) - 1e-9) * step;
        var ticks = new List<double>();
        for (var t = first; t <= last + (step / 2); t += step)
        {
            // Rounding keeps 0.30000000000000004 out of the labels.
            ticks.Add(Math.Round(t, 10));
        }
        return ticks;
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 2.5 => 2.5,
            <= 5 => 5,
            _ => 10,
        };
        return nice * magnitude;
    }

    /// <summary>
    /// The fill of a heat-map cell for a value at <paramref name="t"/> (0 = lowest, 1 = highest) on a sequential
    /// light-to-dark blue scale (readable for colour-blind users; the number is always printed in the cell too),
    /// and whether the text on it must be light for contrast.
    /// </summary>
    public static (string Fill, bool DarkBackground) HeatColor(double t)
    {
        t = double.IsFinite(t) ? Math.Clamp(t, 0, 1) : 0;
        // From #eef3fa to #163a6b.
        var r = (int)Math.Round(0xee + ((0x16 - 0xee) * t));
        var g = (int)Math.Round(0xf3 + ((0x3a - 0xf3) * t));
        var b = (int)Math.Round(0xfa + ((0x6b - 0xfa) * t));
        return ($"#{r:x2}{g:x2}{b:x2}", t > 0.5);
    }

    /// <summary>The median of the finite values (NaN for none).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>A fresh element id for the title/description of one chart on a page.</summary>
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A number for people to read, in the current culture ("65.3" / "65,3"); "–" for NaN or null.</summary>
    public static string Display(double? value, int decimals) =>
        value is { } v && double.IsFinite(v)
            ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture)
            : "–";

    /// <summary>A share 0–1 as a percentage for people to read ("35 %" / "35%").</summary>
    public static string Percent(double? share, int decimals = 0) =>
        share is { } v && double.IsFinite(v)
            ? v.ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture)
            : "–";

    /// <summary>A label shortened to <paramref name="max"/> characters with an ellipsis (the full text stays in the data table).</summary>
    public static string Clip(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, Math.Max(1, max - 1)).TrimEnd(), "…");

    /// <summary>
    /// Splits a label into at most two lines of about <paramref name="max"/> characters at a space (axis labels under
    /// narrow columns); the second line is clipped.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int max)
    {
        if (text.Length <= max)
        {
            return [text];
        }
        var cut = text.LastIndexOf(' ', Math.Min(max, text.Length - 1));
        if (cut <= 0)
        {
            return [Clip(text, max)];
        }
        return [text[..cut], Clip(text[(cut + 1)..], max)];
    }
}
