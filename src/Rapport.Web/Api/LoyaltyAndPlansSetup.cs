using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Core.Loyalty;
using Rapport.Core.Plans;
using Rapport.Web.Api.Loyalty;
using Rapport.Web.Api.Plans;

namespace Rapport.Web.Api;

/// <summary>The loyalty program and account plans in the host: settings, background jobs and the API groups.</summary>
internal static class LoyaltyAndPlansSetup
{
    /// <summary>Settings (<c>Rapport:Loyalty</c>, <c>Rapport:Plans</c>) and the two background jobs.</summary>
    public static void AddRapportLoyaltyAndPlans(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<LoyaltyOptions>(builder.Configuration.GetSection(LoyaltyOptions.Section));
        services.Configure<PlanOptions>(builder.Configuration.GetSection(PlanOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LoyaltyJob>();
        services.AddHostedService(sp => sp.GetRequiredService<LoyaltyJob>());
        services.AddHostedService<PlanReviewJob>();
    }

    /// <summary><c>/api/v1/loyalty</c> and <c>/api/v1/account-plans</c>.</summary>
    public static RouteGroupBuilder MapLoyaltyAndPlansApi(this RouteGroupBuilder api)
    {
        api.MapLoyaltyApi();
        api.MapAccountPlansApi();
        return api;
    }
}
