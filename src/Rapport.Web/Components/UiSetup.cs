namespace Rapport.Web.Components;

/// <summary>The Blazor UI (English and German).</summary>
internal static class UiSetup
{
    public static void AddRapportUi(this WebApplicationBuilder builder) => ArgumentNullException.ThrowIfNull(builder);

    public static void MapRapportUi(this WebApplication app) => ArgumentNullException.ThrowIfNull(app);
}
