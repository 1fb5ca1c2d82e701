using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Rapport.Core.Insights;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Insights;
using Rapport.Web.Features.Complaints;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Infrastructure;

/// <summary>The REST API under /api/v1: problem details, OpenAPI, endpoint groups.</summary>
internal static class ApiSetup
{
    public static void AddRapportApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Binding failures (malformed JSON, "abc" for an int) are thrown so that the exception handler can answer
        // them as 400 problem details naming the field, in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiBearerTransformer>());
    }

    public static void MapRapportApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapFeatureApis();
    }
}
