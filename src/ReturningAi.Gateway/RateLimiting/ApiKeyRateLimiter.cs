using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ReturningAi.Gateway.RateLimiting;

/// <summary>
/// A fixed window per API key. Written here rather than taken from System.Threading.RateLimiting
/// because the contract's headers need the window's reset time, which those limiters do not expose.
/// Per gateway instance: with N instances a key gets up to N times the limit.
/// </summary>
public sealed class ApiKeyRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private const int SweepThreshold = 10_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly int _limit = options.Value.PermitsPerWindow;
    private readonly TimeSpan _length = TimeSpan.FromSeconds(options.Value.WindowSeconds);

    public RateLimitDecision Acquire(string keyId)
    {
        var now = time.GetUtcNow();
        if (_windows.Count > SweepThreshold) Sweep(now);

        var window = _windows.AddOrUpdate(
            keyId,
            _ => new Window(now, 1),
            (_, current) => now >= current.Start + _length ? new Window(now, 1) : current with { Count = current.Count + 1 });

        var reset = (int)Math.Ceiling((window.Start + _length - now).TotalSeconds);
        var allowed = window.Count <= _limit;
        return new RateLimitDecision(allowed, _limit, Math.Max(0, _limit - window.Count), Math.Max(reset, 1));
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
        {
            if (now >= window.Start + _length) _windows.TryRemove(key, out _);
        }
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}
