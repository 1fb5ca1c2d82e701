namespace Rapport.Web.Components.Shell;

/// <summary>Return URLs from forms and query strings: only paths on this site, so a link cannot redirect elsewhere.</summary>
internal static class LocalUrl
{
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains('\\', StringComparison.Ordinal)
        && !url.Any(char.IsControl);
}
