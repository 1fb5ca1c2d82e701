using Microsoft.Extensions.Options;
using Rapport.Core.Loyalty;

namespace Rapport.Web.Jobs;

/// <summary>Earns points for new orders and expires old points every <see cref="LoyaltyOptions.JobIntervalMinutes"/> (<see cref="LoyaltyJob"/>).</summary>
internal sealed class LoyaltyPointsJob(LoyaltyJob job, IOptions<LoyaltyOptions> options, TimeProvider time, ILogger<LoyaltyPointsJob> logger)
    : RecurringJob(time, logger)
{
    protected override bool Enabled => options.Value.JobEnabled;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, options.Value.JobIntervalMinutes));

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var result = await job.RunOnceAsync(cancellationToken);
        if (result.Earned is { } e && result.Expired is { } x && (e.Orders > 0 || x.Accounts > 0) && Logger.IsEnabled(LogLevel.Information))
        {
            Logger.LogInformation("Loyalty job: {Orders} orders earned {Points} points; {Accounts} accounts lost {Expired} expired points.",
                e.Orders, e.Points, x.Accounts, x.Points);
        }
    }
}
