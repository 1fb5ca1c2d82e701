using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Rapport.Core.Insights;
using Rapport.Web.Api.Accounts;
using Rapport.Web.Api.Analytics;
using Rapport.Web.Api.Complaints;
using Rapport.Web.Api.Contacts;
using Rapport.Web.Api.Contracts;
using Rapport.Web.Api.Interactions;
using Rapport.Web.Api.Orders;
using Rapport.Web.Api.Users;
using Rapport.Web.Auth;

namespace Rapport.Web.Api;

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
        services.AddRapportInsights();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiBearerTransformer>());
    }

    public static void MapRapportApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapAccountsApi();
        api.MapContactsApi();
        api.MapOrdersApi();
        api.MapInteractionsApi();
        api.MapContractsApi();
        api.MapUsersApi();
        api.MapSurveysApi();
        api.MapAnalyticsApi();
        api.MapComplaintAndWebhookApis();
    }
}
