using Rapport.Core.Common;
using Rapport.Core.Data;

namespace Rapport.Web.Infrastructure;

/// <summary>Small parsing helpers shared by the request validators.</summary>
internal static class InputRules
{
    /// <summary>Trimmed text, or null for null/blank.</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Parses optional snake_case enum text; unknown values add a field error listing the allowed ones.</summary>
    public static T? Enum<T>(string? text, string field, FieldErrors errors) where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (EnumText.TryParse<T>(text, out var value))
        {
            return value;
        }
        errors.Add(field, $"Unknown {field} '{text}'; expected one of {EnumText.AllowedValues<T>()}.");
        return null;
    }
}
