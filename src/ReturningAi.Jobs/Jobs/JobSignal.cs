namespace ReturningAi.Jobs.Jobs;

/// <summary>Wakes this instance's idle workers when an upload queued a job, so it starts within milliseconds rather than at the next poll.</summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim _queued = new(0);

    public void Queued()
    {
        if (_queued.CurrentCount == 0) _queued.Release();
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _queued.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _queued.Dispose();
}
