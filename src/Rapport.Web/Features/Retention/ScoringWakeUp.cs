namespace Rapport.Web.Features.Retention;

/// <summary>Wakes the scoring worker of this instance when a run is requested here, so it starts at once.</summary>
public sealed class ScoringWakeUp : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough.
        }
    }

    /// <summary>Waits for a wake-up or the timeout; true when woken.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    /// <summary>The container disposes the singleton when the host stops.</summary>
    public void Dispose() => _signal.Dispose();
}
