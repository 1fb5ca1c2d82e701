using System.Globalization;
using Rapport.Analytics.Input;
using Rapport.Core.Data;

namespace Rapport.Core.Import.Rules;

/// <summary>
/// Parsers for single raw values with the conventions of docs/import.md#file-format, shared by the CSV importer and the HTTP API.
/// Each returns false for text it cannot read; the <c>…Message</c> functions phrase the matching error.
/// </summary>
public static class CellRules
{
    /// <summary>Longest accepted identifier (external ids, order and contract numbers).</summary>
    public const int MaxIdLength = 200;

    /// <summary>Texts accepted as true: <c>true, 1, yes, ja</c> (also <c>y, j, wahr</c>), case-insensitive.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        var t = text.Trim();
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("1")
            || t.Equals("yes", StringComparison.OrdinalIgnoreCase) || t.Equals("ja", StringComparison.OrdinalIgnoreCase)
            || t.Equals("y", StringComparison.OrdinalIgnoreCase) || t.Equals("j", StringComparison.OrdinalIgnoreCase)
            || t.Equals("wahr", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        value = false;
        return t.Equals("false", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("0")
            || t.Equals("no", StringComparison.OrdinalIgnoreCase) || t.Equals("nein", StringComparison.OrdinalIgnoreCase)
            || t.Equals("n", StringComparison.OrdinalIgnoreCase) || t.Equals("falsch", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A decimal number with <c>.</c> as decimal point (or <c>,</c> when <paramref name="commaDecimal"/>), optional sign and
    /// exponent; no thousands separators (they are ambiguous between the two conventions).
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, bool commaDecimal, out decimal value)
    {
        const NumberStyles styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent
            | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
        var t = text.Trim();
        if (commaDecimal && t.Contains(','))
        {
            if (t.Contains('.') || t.Count(',') > 1)
            {
                value = 0;
                return false;
            }
            Span<char> buffer = t.Length <= 128 ? stackalloc char[t.Length] : new char[t.Length];
            t.CopyTo(buffer);
            buffer.Replace(',', '.');
            return decimal.TryParse(buffer, styles, CultureInfo.InvariantCulture, out value);
        }
        return decimal.TryParse(t, styles, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>An ISO date (<c>2011-06-01</c>, a time after it is ignored) or, when given, the .NET custom <paramref name="format"/>.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, string? format, out DateOnly value) =>
        CellParsers.TryParseDate(text, format, out value);

    /// <summary>
    /// A point in time: ISO <c>2024-03-01</c>, <c>2024-03-01 14:30</c>, <c>2024-03-01T14:30:05.25</c>, optionally followed by
    /// <c>Z</c> or an offset (<c>+01:00</c>); without an offset the time is UTC. With <paramref name="format"/> the text must
    /// match that .NET custom format (a date-only format gives midnight UTC).
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, string? format, out DateTimeOffset value)
    {
        var t = text.Trim();
        if (format is not null)
        {
            var ok = DateTimeOffset.TryParseExact(t, format, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
            return ok;
        }
        if (t.Length < 10 || !CellParsers.TryParseDate(t[..10], null, out var date))
        {
            value = default;
            return false;
        }
        if (t.Length == 10)
        {
            value = new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero);
            return true;
        }
        if (t[10] is not (' ' or 'T'))
        {
            value = default;
            return false;
        }
        string[] formats =
        [
            "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        ];
        Span<char> buffer = stackalloc char[t.Length];
        t.CopyTo(buffer);
        buffer[10] = ' ';
        return DateTimeOffset.TryParseExact(buffer, formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>A plausible e-mail address: one <c>@</c>, a non-empty local part, a dotted domain, no spaces.</summary>
    public static bool IsEmail(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        var at = t.IndexOf('@');
        if (at <= 0 || at != t.LastIndexOf('@') || t.Length > 320)
        {
            return false;
        }
        var domain = t[(at + 1)..];
        var dot = domain.IndexOf('.');
        if (dot <= 0 || domain[^1] == '.' || domain.IndexOf("..", StringComparison.Ordinal) >= 0)
        {
            return false;
        }
        foreach (var c in t)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '<' or '>' or '"')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A currency code: three ASCII letters (upper-cased on parse).</summary>
    public static bool IsCurrency(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        return t.Length == 3 && char.IsAsciiLetter(t[0]) && char.IsAsciiLetter(t[1]) && char.IsAsciiLetter(t[2]);
    }

    /// <summary>Parses an enum from its snake_case text (<see cref="EnumText"/>).</summary>
    public static bool TryParseEnum<T>(ReadOnlySpan<char> text, out T value) where T : struct, Enum =>
        EnumText.TryParse(text.ToString(), out value);

    internal static string Quote(ReadOnlySpan<char> text) =>
        text.Length <= 60 ? $"'{text}'" : $"'{text[..57]}...'";

    /// <summary>Message: a required value is missing.</summary>
    public static string RequiredMessage => "a value is required";

    /// <summary>Message: not a number.</summary>
    public static string NumberMessage(ReadOnlySpan<char> text, bool commaDecimal) =>
        $"{Quote(text.Trim())} is not a number (use {(commaDecimal ? ". or ," : ".")} as decimal point, no thousands separators)";

    /// <summary>Message: not a whole number.</summary>
    public static string IntegerMessage(ReadOnlySpan<char> text) => $"{Quote(text.Trim())} is not a whole number";

    /// <summary>Message: not a date.</summary>
    public static string DateMessage(ReadOnlySpan<char> text, string? format) =>
        $"{Quote(text.Trim())} is not a date (expected {format ?? "yyyy-MM-dd"})";

    /// <summary>Message: not a point in time.</summary>
    public static string TimestampMessage(ReadOnlySpan<char> text, string? format) =>
        $"{Quote(text.Trim())} is not a date and time (expected {format ?? "yyyy-MM-dd or yyyy-MM-dd HH:mm[:ss], optionally with Z or an offset such as +01:00"})";

    /// <summary>Message: not a yes/no value.</summary>
    public static string BooleanMessage(ReadOnlySpan<char> text) =>
        $"{Quote(text.Trim())} is not a yes/no value (expected true/false, 1/0, yes/no or ja/nein)";

    /// <summary>Message: unknown enum text, with the allowed values.</summary>
    public static string EnumMessage<T>(ReadOnlySpan<char> text) where T : struct, Enum =>
        $"unknown value {Quote(text.Trim())} (expected one of: {EnumText.AllowedValues<T>()})";

    /// <summary>Message: not an e-mail address.</summary>
    public static string EmailMessage(ReadOnlySpan<char> text) => $"{Quote(text.Trim())} is not an e-mail address";

    /// <summary>Message: a negative number where none is allowed.</summary>
    public static string NegativeMessage(decimal value) => $"must not be negative (got {value.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>Message: a number beyond the column's range.</summary>
    public static string RangeMessage(ReadOnlySpan<char> text, decimal limit) =>
        $"{Quote(text.Trim())} is too large (the limit is {limit.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>Message: too long an identifier.</summary>
    public static string LengthMessage(int max) => $"is longer than {max} characters";

    /// <summary>Message: not a currency code.</summary>
    public static string CurrencyMessage(ReadOnlySpan<char> text) => $"{Quote(text.Trim())} is not a currency code (expected three letters such as EUR)";
}
