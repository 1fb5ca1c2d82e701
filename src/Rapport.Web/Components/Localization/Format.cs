using System.Globalization;

namespace Rapport.Web.Components.Localization;

/// <summary>
/// Numbers, money and dates in the current culture. Dates avoid the ambiguous US short pattern in English
/// ("1 Jun 2025") and use the usual German one ("01.06.2025").
/// </summary>
internal static class Format
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private static bool German => UiCultures.IsGerman(Culture);

    /// <summary>A share 0–1 as a percentage in the current culture ("42%", "42 %").</summary>
    public static string Percent(double share) => share.ToString("P0", Culture);

    public static string Number(long value) => value.ToString("N0", Culture);

    public static string Number(decimal value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);

    /// <summary>An amount with the symbol of its ISO currency, placed as the culture places it.</summary>
    public static string Money(decimal amount, string currency = "EUR", int decimals = 0) =>
        amount.ToString("C" + decimals.ToString(CultureInfo.InvariantCulture), MoneyFormat(Culture, currency));

    /// <summary>A short amount for chart labels: "€1.2M" / "1,2 Mio. €".</summary>
    public static string MoneyShort(decimal amount, string currency = "EUR")
    {
        var abs = Math.Abs(amount);
        var (divisor, suffixEn, suffixDe) = abs switch
        {
            >= 1_000_000_000m => (1_000_000_000m, "bn", " Mrd."),
            >= 1_000_000m => (1_000_000m, "M", " Mio."),
            >= 10_000m => (1_000m, "k", " Tsd."),
            _ => (1m, "", ""),
        };
        if (divisor == 1m)
        {
            return Money(amount, currency);
        }
        var scaled = (amount / divisor).ToString(Math.Abs(amount / divisor) >= 100 ? "N0" : "N1", Culture);
        var symbol = CurrencySymbol(currency);
        return German ? $"{scaled}{suffixDe} {symbol}" : $"{(amount < 0 ? "-" : "")}{symbol}{scaled.TrimStart('-')}{suffixEn}";
    }

    public static string Date(DateOnly? value) =>
        value is { } d ? d.ToString(German ? "dd.MM.yyyy" : "d MMM yyyy", Culture) : "—";

    public static string Timestamp(DateTimeOffset? value) =>
        value is { } d ? d.ToLocalTime().ToString(German ? "dd.MM.yyyy, HH:mm" : "d MMM yyyy, HH:mm", Culture) : "—";

    /// <summary>The date as ISO text for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string CurrencySymbol(string currency) => currency.ToUpperInvariant() switch
    {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "JPY" => "¥",
        "CHF" => "CHF",
        var other => other,
    };

    private static NumberFormatInfo MoneyFormat(CultureInfo culture, string currency)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = CurrencySymbol(currency);
        return format;
    }
}
