using ReturningAi.ServiceDefaults.Memory;

namespace ReturningAi.Store.Consumers;

/// <summary>
/// Lets many small commands run at once but only one large import per store instance: a 10 MiB
/// import holds about a million voucher codes or permission names in memory, and two of them at once
/// would double the peak. Competing instances each take their own. When one ends, its memory is given back
/// (<see cref="LargeImportMemory"/>).
/// </summary>
public sealed class LargeCommandGate : IDisposable
{
    private readonly SemaphoreSlim _large = new(1, 1);

    /// <param name="workItems">Voucher codes and permission names of the command (<c>ProductRules.WorkItems</c>).</param>
    public async Task<IDisposable?> EnterAsync(long workItems, CancellationToken cancellationToken)
    {
        if (!LargeImportMemory.IsLarge(workItems)) return null;
        await _large.WaitAsync(cancellationToken);
        return new Release(_large);
    }

    public void Dispose() => _large.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose()
        {
            LargeImportMemory.ReleaseSoon();
            semaphore.Release();
        }
    }
}
