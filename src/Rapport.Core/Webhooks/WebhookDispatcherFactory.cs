using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Rapport.Core.Webhooks;

/// <summary>Makes <see cref="WebhookDispatcher"/>s with the host's services, for the delivery job and the API's test sends.</summary>
public sealed class WebhookDispatcherFactory(
    NpgsqlDataSource dataSource,
    IHttpClientFactory httpClients,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcherFactory> logger)
{
    /// <summary>The named HTTP client of the dispatcher (no redirects are followed: a 3xx is a failed attempt).</summary>
    public const string HttpClientName = "Rapport.Webhooks";

    public WebhookDispatcher Create() =>
        new(dataSource, httpClients.CreateClient(HttpClientName), secrets, options.Value, clock, logger);
}
