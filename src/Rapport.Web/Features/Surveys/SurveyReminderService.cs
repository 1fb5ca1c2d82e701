using Microsoft.Extensions.Options;
using Rapport.Core.Surveys.Mail;

namespace Rapport.Web.Features.Surveys;

/// <summary>
/// The reminder job of the web host: every <see cref="ReminderOptions.CheckEveryMinutes"/> it reminds the non-responders
/// of open waves (<see cref="SurveyReminderJob"/>). Safe with several app instances: they coordinate in PostgreSQL.
/// </summary>
internal sealed partial class SurveyReminderService(
    IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider time, ILogger<SurveyReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        // The first run waits one interval, so that starting the app (or a test host) never mails anyone at once.
        var interval = TimeSpan.FromMinutes(Math.Max(settings.CheckEveryMinutes, 0.001));
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunOnceAsync(settings, stoppingToken);
        }
    }

    private async Task RunOnceAsync(ReminderOptions settings, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider.GetRequiredService<SurveyServices>();
            var job = await services.ReminderJobAsync(ct);
            var result = await job.RunOnceAsync(settings, ct);
            foreach (var wave in result.Waves)
            {
                var c = wave.Counts;
                if (c.Sent + c.Failed > 0)
                {
                    RemindersSent(logger, wave.WaveName, wave.WaveId, c.Sent, c.Failed, c.SkippedWithoutConsent, c.SkippedInactive, c.SkippedWithoutEmail);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An unhandled exception would stop the whole host (BackgroundService); a database or mail outage must
            // not, and the next tick tries again.
            RunFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Survey reminders for wave '{Wave}' ({WaveId}): {Sent} sent, {Failed} failed, skipped {NoConsent} without consent, {Inactive} inactive, {NoEmail} without e-mail.")]
    private static partial void RemindersSent(ILogger logger, string wave, long waveId, int sent, int failed, int noConsent, int inactive, int noEmail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The survey reminder job failed; it tries again at the next interval.")]
    private static partial void RunFailed(ILogger logger, Exception exception);
}
