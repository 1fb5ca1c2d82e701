namespace Rapport.Web.Auth;

/// <summary>Cookie login for the UI, bearer personal access tokens for the API (SPEC §6).</summary>
internal static class AuthSetup
{
    public static void AddRapportAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();
    }

    public static void MapRapportAuth(this WebApplication app) => ArgumentNullException.ThrowIfNull(app);
}
