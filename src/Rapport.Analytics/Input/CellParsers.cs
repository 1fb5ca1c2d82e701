using System.Globalization;
using System.Runtime.CompilerServices;

namespace Rapport.Analytics.Input;

/// <summary>Fast, allocation-free parsers for CSV cells (the conventions of docs/import.md#file-format and docs/cli.md#analyze-commands).</summary>
public static class CellParsers
{
    /// <summary>
    /// Parses an ISO date (<c>2011-06-01</c>, optionally followed by a time such as <c>2011-06-01 08:26:00</c> or
    /// <c>T08:26</c>), or the custom .NET format when given. The time of day is dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseNumber(ReadOnlySpan<char> s, bool commaDecimal, out double value)
    {
        s = s.Trim();
        if (s.IsEmpty)
        {
            value = double.NaN;
            return false;
        }
        if (TryParsePlainDecimal(s, out value))
        {
            return true;
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

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// The common cell shape <c>[-+]digits[.digits]</c> with at most 15 digits, without calling
    /// <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/>: the digits form
    /// an integer m &lt; 10^15 and the value is m / 10^k with k ≤ 15 fractional digits. Both are exact doubles and
    /// IEEE division rounds correctly, so the result is bit-identical to double.Parse (Clinger's fast path).
    /// Anything else (exponents, more digits, a lone point) returns false and goes the general way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i = 1;
        }
        long mantissa = 0;
        var digits = 0;
        var fraction = -1;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9')
            {
                if (++digits > 15)
                {
                    return false;
                }
                mantissa = (mantissa * 10) + (c - '0');
            }
            else if (c == '.' && fraction < 0 && digits > 0)
            {
                fraction = digits;
            }
            else
            {
                return false;
            }
        }
        if (digits == 0 || fraction == digits)
        {
            return false;
        }
        var result = fraction < 0 ? mantissa : mantissa / PowersOfTen[digits - fraction];
        value = negative ? -result : result;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
