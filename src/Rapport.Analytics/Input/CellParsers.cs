using System.Globalization;

namespace Rapport.Analytics.Input;

/// <summary>Fast, allocation-free parsers for CSV cells (SPEC §7.2/§7.3 conventions).</summary>
public static class CellParsers
{
    /// <summary>
    /// Parses an ISO date (<c>2011-06-01</c>, optionally followed by a time such as <c>2011-06-01 08:26:00</c> or
    /// <c>T08:26</c>), or the custom .NET format when given. The time of day is dropped.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, string? format, out DateOnly date)
    {
        s = s.Trim();
        if (format is not null)
        {
            if (DateTime.TryParseExact(s, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt))
            {
                date = DateOnly.FromDateTime(dt);
                return true;
            }
            date = default;
            return false;
        }

        if (s.Length >= 10 && s[4] == '-' && s[7] == '-'
            && (s.Length == 10 || s[10] == ' ' || s[10] == 'T')
            && TryDigits(s[..4], out var y) && TryDigits(s.Slice(5, 2), out var m) && TryDigits(s.Slice(8, 2), out var d)
            && m is >= 1 and <= 12 && y >= 1 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            date = new DateOnly(y, m, d);
            return true;
        }
        date = default;
        return false;
    }

    /// <summary>Parses a number with <c>.</c> as decimal point; with <paramref name="commaDecimal"/> a <c>,</c> is accepted too.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> s, bool commaDecimal, out double value)
    {
        s = s.Trim();
        if (s.IsEmpty)
        {
            value = double.NaN;
            return false;
        }
        if (commaDecimal && s.Contains(','))
        {
            Span<char> buffer = stackalloc char[s.Length];
            s.CopyTo(buffer);
            buffer.Replace(',', '.');
            return double.TryParse(buffer, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
