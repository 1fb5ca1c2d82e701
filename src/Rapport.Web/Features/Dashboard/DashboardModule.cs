namespace Rapport.Web.Features.Dashboard;

/// <summary>The start page.</summary>
internal sealed class DashboardModule : FeatureModule
{
    public override void AddServices(WebApplicationBuilder builder) => builder.Services.AddScoped<DashboardQuery>();
}
