using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rapport.Core.Data;

/// <summary>
/// Enums are stored and exchanged (CSV, API) as snake_case text (<c>AccountManager</c> ↔ <c>account_manager</c>),
/// so that the database checks, the files and the JSON speak the same words.
/// </summary>
public static class EnumText
{
    private static readonly ConcurrentDictionary<Enum, string> Names = new();

    /// <summary>The snake_case text of an enum value.</summary>
    public static string ToText<T>(T value) where T : struct, Enum =>
        Names.GetOrAdd(value, v => SnakeCase.Convert(v.ToString()));

    /// <summary>Parses snake_case text (case-insensitive; also accepts the PascalCase name).</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var t = text.Trim();
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(ToText(candidate), t, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), t, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        return false;
    }

    /// <summary>All texts of an enum, for messages such as "expected one of …".</summary>
    public static string AllowedValues<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => ToText(v)));

    /// <summary>An EF Core converter between the enum and its text.</summary>
    public sealed class Converter<T>() : ValueConverter<T, string>(
        v => ToText(v),
        s => Parse<T>(s))
        where T : struct, Enum;

    private static T Parse<T>(string s) where T : struct, Enum =>
        TryParse<T>(s, out var v) ? v : throw new InvalidOperationException($"Unknown {typeof(T).Name} '{s}' in the database.");
}

/// <summary>PascalCase → snake_case.</summary>
public static class SnakeCase
{
    /// <summary>Converts <c>AccountManager</c> to <c>account_manager</c> (and <c>ApiToken</c> to <c>api_token</c>).</summary>
    public static string Convert(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                    || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
