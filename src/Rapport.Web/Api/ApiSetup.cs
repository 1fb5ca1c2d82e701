namespace Rapport.Web.Api;

/// <summary>The REST API under /api/v1: problem details, OpenAPI, endpoint groups.</summary>
internal static class ApiSetup
{
    public static void AddRapportApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
    }

    public static void MapRapportApi(this WebApplication app) => ArgumentNullException.ThrowIfNull(app);
}
