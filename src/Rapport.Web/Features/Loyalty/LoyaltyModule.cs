using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Core.Loyalty;

namespace Rapport.Web.Features.Loyalty;

/// <summary>The loyalty programme in the host: settings (<c>Rapport:Loyalty</c>), the use cases (scoped), its nightly job and the API.</summary>
internal sealed class LoyaltyModule : FeatureModule
{
    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<LoyaltyOptions>(builder.Configuration.GetSection(LoyaltyOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<LoyaltyProgram>();
        services.AddScoped<RewardCatalogue>();
        services.AddSingleton<LoyaltyJob>();
    }

    public override void MapApi(RouteGroupBuilder api) => api.MapLoyaltyApi();
}
