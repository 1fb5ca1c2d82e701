using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Core.Webhooks;

namespace Rapport.Web.Features.Webhooks;

/// <summary>Webhooks in the host: subscriptions API, admin page and the background dispatcher.</summary>
internal sealed class WebhooksModule : FeatureModule
{
    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookSecrets>();
        services.AddHttpClient(WebhookDispatcherFactory.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddSingleton<WebhookDispatcherFactory>();
    }

    public override void MapApi(RouteGroupBuilder api) => api.MapWebhooksApi();
}
