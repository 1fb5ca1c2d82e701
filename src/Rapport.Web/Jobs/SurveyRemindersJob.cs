using Microsoft.Extensions.Options;
using Rapport.Core.Surveys.Mail;
using Rapport.Web.Features.Surveys;

namespace Rapport.Web.Jobs;

/// <summary>
/// Every <see cref="ReminderOptions.CheckEveryMinutes"/> reminds the non-responders of open waves
/// (<see cref="SurveyReminderJob"/>). Safe with several app instances: they coordinate in PostgreSQL.
/// </summary>
internal sealed partial class SurveyRemindersJob(
    IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider time, ILogger<SurveyRemindersJob> logger)
    : RecurringJob(time, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(options.Value.CheckEveryMinutes, 0.001));

    protected override bool WaitBeforeFirstRound => true;

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider.GetRequiredService<SurveyServices>();
        var job = await services.ReminderJobAsync(cancellationToken);
        var result = await job.RunOnceAsync(options.Value, cancellationToken);
        foreach (var wave in result.Waves)
        {
            var c = wave.Counts;
            if (c.Sent + c.Failed > 0)
            {
                RemindersSent(logger, wave.WaveName, wave.WaveId, c.Sent, c.Failed, c.SkippedWithoutConsent, c.SkippedInactive, c.SkippedWithoutEmail);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Survey reminders for wave '{Wave}' ({WaveId}): {Sent} sent, {Failed} failed, skipped {NoConsent} without consent, {Inactive} inactive, {NoEmail} without e-mail.")]
    private static partial void RemindersSent(ILogger logger, string wave, long waveId, int sent, int failed, int noConsent, int inactive, int noEmail);
}
