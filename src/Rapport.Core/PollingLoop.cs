namespace Rapport.Core;

/// <summary>
/// The loop of the background services that work in rounds (complaint escalation, webhook delivery): a round, then the
/// interval, until the host stops. A failed round is reported and the next one tries again, because a faulted
/// background service would stop the host and the database may be only briefly away (restart, failover).
/// </summary>
internal static class PollingLoop
{
    public static async Task RunAsync(TimeSpan interval, TimeProvider clock, Func<CancellationToken, Task> round, Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failed(ex);
            }
            await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
