using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Core.Plans;

namespace Rapport.Web.Features.Plans;

/// <summary>Account plans in the host: settings (<c>Rapport:Plans</c>), the use cases (scoped), the review reminders and the API.</summary>
internal sealed class PlansModule : FeatureModule
{
    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PlanOptions>(builder.Configuration.GetSection(PlanOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<AccountPlans>();
    }

    public override void MapApi(RouteGroupBuilder api) => api.MapAccountPlansApi();
}
