using Microsoft.Extensions.Options;
using Npgsql;
using Rapport.Core.Plans;

namespace Rapport.Web.Jobs;

/// <summary>Creates the due review reminders of account plans every <see cref="PlanOptions.ReminderIntervalMinutes"/> (<see cref="PlanReviewReminders"/>).</summary>
internal sealed class PlanReviewRemindersJob(NpgsqlDataSource dataSource, IOptions<PlanOptions> options, TimeProvider time, ILogger<PlanReviewRemindersJob> logger)
    : RecurringJob(time, logger)
{
    protected override bool Enabled => options.Value.ReminderJobEnabled;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, options.Value.ReminderIntervalMinutes));

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var created = await PlanReviewReminders.CreateDueAsync(dataSource, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (created > 0 && Logger.IsEnabled(LogLevel.Information))
        {
            Logger.LogInformation("Account plans: {Count} review reminder task(s) created.", created);
        }
    }
}
