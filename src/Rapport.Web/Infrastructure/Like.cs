namespace Rapport.Web.Infrastructure;

/// <summary>LIKE patterns from user text: the wildcards in it match literally.</summary>
internal static class Like
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
