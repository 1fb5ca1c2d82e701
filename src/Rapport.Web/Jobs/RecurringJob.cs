namespace Rapport.Web.Jobs;

/// <summary>
/// A background job that works in rounds: a round, then the interval, until the host stops. A failed round is logged
/// and the next one tries again, because a faulted background service would stop the host and the database may be
/// only briefly away (restart, failover). The work of a round is a Core use case; this class only schedules it.
/// </summary>
internal abstract class RecurringJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    /// <summary>False when the job is switched off in its settings.</summary>
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>True to wait one interval before the first round (the reminder job: starting the app never mails at once).</summary>
    protected virtual bool WaitBeforeFirstRound => false;

    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        if (WaitBeforeFirstRound)
        {
            await Task.Delay(Interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "The background job {Job} failed; it runs again in {Interval}.", GetType().Name, Interval);
            }
            await Task.Delay(Interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
