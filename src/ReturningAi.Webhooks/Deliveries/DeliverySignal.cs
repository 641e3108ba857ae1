namespace ReturningAi.Webhooks.Deliveries;

/// <summary>Wakes an idle worker of this instance when a delivery became due here (a fan-out, a redelivery, another claim).</summary>
public sealed class DeliverySignal : IDisposable
{
    private readonly SemaphoreSlim _due = new(0, 1);

    public void Pulse()
    {
        try
        {
            _due.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one waiting worker wakes, and it pulses on for the next.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _due.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _due.Dispose();
}
