using Microsoft.Extensions.Options;
using Rapport.Core.Webhooks;

namespace Rapport.Web.Jobs;

/// <summary>Delivers due webhook events every <see cref="WebhookOptions.PollIntervalSeconds"/> (<see cref="WebhookDispatcher"/>).</summary>
internal sealed class WebhookDeliveryJob(WebhookDispatcherFactory dispatchers, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDeliveryJob> logger)
    : RecurringJob(time, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollIntervalSeconds));

    // After a failed round, deliveries it had claimed are taken up again when their lease ends.
    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var attempts = await dispatchers.Create().RunOnceAsync(cancellationToken);
        if (attempts.Count > 0 && Logger.IsEnabled(LogLevel.Information))
        {
            Logger.LogInformation("Webhooks: {Attempts} attempt(s), {Delivered} delivered.", attempts.Count, attempts.Count(a => a.Delivered));
        }
    }
}
