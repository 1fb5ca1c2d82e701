using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Rapport.Core.Webhooks;

/// <summary>Runs <see cref="WebhookDispatcher"/> every <see cref="WebhookOptions.PollIntervalSeconds"/> seconds.</summary>
public sealed partial class WebhookDispatcherService(
    NpgsqlDataSource dataSource,
    IHttpClientFactory httpClients,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcherService> logger) : BackgroundService
{
    /// <summary>The named HTTP client of the dispatcher (no redirects are followed: a 3xx is a failed attempt).</summary>
    public const string HttpClientName = "Rapport.Webhooks";

    /// <summary>A dispatcher with the host's services (also used by the API's test sends).</summary>
    public WebhookDispatcher CreateDispatcher() =>
        new(dataSource, httpClients.CreateClient(HttpClientName), secrets, options.Value, clock, logger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollIntervalSeconds));
        // After a failed round, deliveries it had claimed are taken up again when their lease ends.
        await PollingLoop.RunAsync(interval, clock, async ct =>
        {
            var attempts = await CreateDispatcher().RunOnceAsync(ct);
            if (attempts.Count > 0)
            {
                var delivered = attempts.Count(a => a.Delivered);
                Attempted(logger, attempts.Count, delivered);
            }
        }, ex => Failed(logger, ex), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhooks: {Attempts} attempt(s), {Delivered} delivered.")]
    private static partial void Attempted(ILogger logger, int attempts, int delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook dispatch round failed; the next round tries again.")]
    private static partial void Failed(ILogger logger, Exception ex);
}
