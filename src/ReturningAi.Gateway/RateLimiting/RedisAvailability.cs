namespace ReturningAi.Gateway.RateLimiting;

/// <summary>
/// Whether to ask Redis: after a failure, not for <c>retryAfter</c>, so that while Redis is down requests
/// are counted locally without waiting for a time-out each. Transitions are reported so that they are logged once.
/// </summary>
public sealed class RedisAvailability(TimeSpan retryAfter, TimeProvider time)
{
    private long _unavailableUntilTicks = long.MinValue;
    private int _failing;

    public bool ShouldTry() => time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _unavailableUntilTicks);

    /// <summary>Records a failure; true when Redis was answering until now.</summary>
    public bool Failed()
    {
        Interlocked.Exchange(ref _unavailableUntilTicks, (time.GetUtcNow() + retryAfter).UtcTicks);
        return Interlocked.Exchange(ref _failing, 1) == 0;
    }

    /// <summary>Records an answer; true when Redis was failing until now.</summary>
    public bool Answered() => Interlocked.Exchange(ref _failing, 0) == 1;
}
