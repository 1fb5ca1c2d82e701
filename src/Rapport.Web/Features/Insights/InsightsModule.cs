using Rapport.Core.Insights;

namespace Rapport.Web.Features.Insights;

/// <summary>Survey analytics (routes under <c>/analytics</c>): the cached wave figures, the pages and the API.</summary>
internal sealed class InsightsModule : FeatureModule
{
    public override void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddRapportInsights();
        builder.Services.AddScoped<InsightsPageQuery>();
    }

    public override void MapApi(RouteGroupBuilder api) => api.MapAnalyticsApi();
}
