using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Rapport.Core.Plans;

/// <summary>Creates the due review reminders of account plans on an interval (see <see cref="PlanReviewReminders"/>).</summary>
public sealed class PlanReviewJob(NpgsqlDataSource dataSource, IOptions<PlanOptions> options, TimeProvider time, ILogger<PlanReviewJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.ReminderJobEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, settings.ReminderIntervalMinutes)), time);
        do
        {
            try
            {
                var created = await PlanReviewReminders.CreateDueAsync(dataSource, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), stoppingToken);
                if (created > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Account plans: {Count} review reminder task(s) created.", created);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The review-reminder job failed; it runs again at the next interval.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
