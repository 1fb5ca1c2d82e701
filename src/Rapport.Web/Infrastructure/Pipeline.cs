namespace Rapport.Web.Infrastructure;

/// <summary>The middleware order in one place: errors → static files → auth → antiforgery.</summary>
internal static class Pipeline
{
    public static void UseRapportPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGet("/healthz", () => Results.Ok("ok")).AllowAnonymous();
    }
}
