using Rapport.Web.Features.Retention;
using Microsoft.Extensions.Options;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;

namespace Rapport.Web.Jobs;

/// <summary>
/// Runs the scoring job in the web host (docs/scaling.md): once at start-up when accounts exist but no scores do (so the demo
/// company has phases right after seeding), every night at <see cref="ScoringOptions.NightlyAt"/> (local time), and
/// whenever a run is requested — here (woken at once) or on another instance (found by polling). Every instance runs this
/// loop; <see cref="ScoringCoordinator"/> makes sure only one of them scores at a time.
/// </summary>
internal sealed partial class ScoringWorker(
    ScoringCoordinator coordinator, IOptions<ScoringOptions> options, ScoringWakeUp wakeUp, TimeProvider clock, ILogger<ScoringWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nightlyAt = settings.ParsedNightlyAt();
        var poll = TimeSpan.FromSeconds(settings.PollSeconds);
        await Task.Yield();

        if (settings.RunAtStartup)
        {
            await GuardAsync(async () =>
            {
                if (await coordinator.ScoresMissingAsync(stoppingToken))
                {
                    var request = await coordinator.RequestAsync(ScoringTrigger.Startup, coordinator.Today, null, stoppingToken);
                    LogStartupRun(logger, request.RunId);
                }
            }, stoppingToken);
        }

        var nextNightly = NextNightly(clock.GetLocalNow(), nightlyAt);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (settings.Nightly && clock.GetLocalNow() >= nextNightly)
            {
                await GuardAsync(() => coordinator.RequestAsync(ScoringTrigger.Nightly, coordinator.Today, null, stoppingToken), stoppingToken);
                nextNightly = NextNightly(clock.GetLocalNow().AddMinutes(1), nightlyAt);
            }
            await GuardAsync(() => RunQueuedAsync(settings, stoppingToken), stoppingToken);

            var untilNightly = nextNightly - clock.GetLocalNow();
            var wait = settings.Nightly && untilNightly < poll ? untilNightly : poll;
            try
            {
                await wakeUp.WaitAsync(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunQueuedAsync(ScoringOptions settings, CancellationToken ct)
    {
        while (true)
        {
            var attempt = await coordinator.TryRunNextAsync(settings, null, null, ct);
            if (attempt.Kind != ScoringAttemptKind.Ran)
            {
                return;
            }
            if (attempt.Summary is { } s)
            {
                LogRunSucceeded(logger, attempt.RunId!.Value, s.AsOf, s.Accounts, s.Written.PhaseChanges, s.Written.SignalsRaised,
                    s.Written.TasksCreated, s.Timings.Total);
            }
            else
            {
                LogRunFailed(logger, attempt.RunId!.Value, attempt.Error ?? "");
            }
        }
    }

    /// <summary>A failing database must not stop the host: log and try again on the next round.</summary>
    private async Task GuardAsync(Func<Task> action, CancellationToken ct)
    {
        try
        {
            await action();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogWorkerError(logger, ex);
        }
    }

    internal static DateTimeOffset NextNightly(DateTimeOffset now, TimeOnly at)
    {
        var today = new DateTimeOffset(now.Date + at.ToTimeSpan(), now.Offset);
        return today > now ? today : today.AddDays(1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No scores yet: requested scoring run {RunId} at start-up.")]
    private static partial void LogStartupRun(ILogger logger, long runId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Scoring run {RunId} as of {AsOf} succeeded: {Accounts} accounts, {PhaseChanges} phase changes, {Signals} signals raised, {Tasks} tasks created in {Seconds:F1} s.")]
    private static partial void LogRunSucceeded(ILogger logger, long runId, DateOnly asOf, int accounts, int phaseChanges, int signals, int tasks, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scoring run {RunId} failed: {Error}")]
    private static partial void LogRunFailed(ILogger logger, long runId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scoring worker hit an error; it tries again on its next round.")]
    private static partial void LogWorkerError(ILogger logger, Exception exception);
}
