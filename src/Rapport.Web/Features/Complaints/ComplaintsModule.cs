using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rapport.Core.Complaints;
using Rapport.Core.Data;
using Rapport.Core.Webhooks;

namespace Rapport.Web.Features.Complaints;

/// <summary>Complaints in the host: workflow, overdue check, customer links and the API.</summary>
internal sealed class ComplaintsModule : FeatureModule
{
    public override void MapApi(RouteGroupBuilder api) => api.MapComplaintsApi();

    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ComplaintOptions>().Bind(builder.Configuration.GetSection(ComplaintOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ComplaintOptions>, ComplaintOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ComplaintSla(sp.GetRequiredService<IOptions<ComplaintOptions>>().Value));
        services.AddScoped(sp => new ComplaintWorkflow(sp.GetRequiredService<RapportDbContext>(), sp.GetRequiredService<ComplaintSla>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ComplaintOptions>>().Value.TokenSecret));

        services.AddRateLimiter(o => o.AddPolicy(CustomerLinkPages.RateLimitPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = 60,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));
    }

    public override void MapEndpoints(WebApplication app) => app.MapCustomerLinkPages();

    private static string? SlaError(ComplaintOptions options)
    {
        try
        {
            _ = new ComplaintSla(options);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Stops the start with a message naming the setting (e.g. <c>Rapport:Complaints:Sla:High</c>).</summary>
    private sealed class ComplaintOptionsValidator : IValidateOptions<ComplaintOptions>
    {
        public ValidateOptionsResult Validate(string? name, ComplaintOptions options) =>
            SlaError(options) is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
    }
}
