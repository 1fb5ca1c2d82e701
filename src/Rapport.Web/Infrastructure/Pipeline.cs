using Npgsql;

namespace Rapport.Web.Infrastructure;

/// <summary>The middleware order in one place: errors → static files → auth → rate limits → antiforgery.</summary>
internal static class Pipeline
{
    public static void UseRapportPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseCaller();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapGet("/healthz", HealthAsync).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>200 when the database answers within two seconds, 503 otherwise (docs/running.md#health).</summary>
    private static async Task<IResult> HealthAsync(NpgsqlDataSource dataSource, ILogger<NpgsqlDataSource> logger, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return Results.Text("ok");
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            logger.LogWarning(ex, "Health check: the database does not answer.");
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unavailable",
                detail: "The database does not answer.");
        }
    }
}
