namespace Rapport.Web.Components.Localization;

/// <summary>Short access for markup: <c>@T.Accounts</c> (imported with <c>using static</c>).</summary>
internal static class Ui
{
    public static UiText T => UiText.Current;
}
