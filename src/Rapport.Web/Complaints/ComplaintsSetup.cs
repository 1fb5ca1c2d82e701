using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rapport.Core.Complaints;
using Rapport.Core.Data;
using Rapport.Core.Webhooks;

namespace Rapport.Web.Complaints;

/// <summary>Complaints (workflow, overdue check, customer links) and webhooks (dispatcher) in the host.</summary>
internal static class ComplaintsSetup
{
    public static void AddRapportComplaints(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ComplaintOptions>().Bind(builder.Configuration.GetSection(ComplaintOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ComplaintOptions>, ComplaintOptionsValidator>();
        services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ComplaintSla(sp.GetRequiredService<IOptions<ComplaintOptions>>().Value));
        services.AddScoped(sp => new ComplaintWorkflow(sp.GetRequiredService<RapportDbContext>(), sp.GetRequiredService<ComplaintSla>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ComplaintOptions>>().Value.TokenSecret));
        services.AddHostedService<ComplaintEscalationService>();

        services.AddSingleton<WebhookSecrets>();
        services.AddHttpClient(WebhookDispatcherService.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddSingleton<WebhookDispatcherService>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcherService>());

        services.AddRateLimiter(o => o.AddPolicy(CustomerLinkPages.RateLimitPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = 60,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));
    }

    public static void MapRapportComplaints(this WebApplication app) => app.MapCustomerLinkPages();

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
