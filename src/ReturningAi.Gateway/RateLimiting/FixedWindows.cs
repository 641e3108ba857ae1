using System.Collections.Concurrent;

namespace ReturningAi.Gateway.RateLimiting;

/// <summary>
/// Counters in fixed windows, one a key: a key's window starts with its first count and lasts
/// <paramref name="length"/>. Keys of ended windows are swept once there are many, so a flood of
/// distinct keys costs memory only for a window's length.
/// </summary>
public sealed class FixedWindows(TimeSpan length, TimeProvider time)
{
    private const int SweepThreshold = 10_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts one more for <paramref name="key"/>: the count so far in its window, and the whole seconds until it ends.</summary>
    public (int Count, int ResetSeconds) Increment(string key)
    {
        var now = time.GetUtcNow();
        if (_windows.Count > SweepThreshold) Sweep(now);
        var window = _windows.AddOrUpdate(
            key,
            _ => new Window(now, 1),
            (_, current) => now >= current.Start + length ? new Window(now, 1) : current with { Count = current.Count + 1 });
        return (window.Count, SecondsLeft(window, now));
    }

    /// <summary>The count of <paramref name="key"/>'s current window (0 when none), without counting.</summary>
    public (int Count, int ResetSeconds) Peek(string key)
    {
        var now = time.GetUtcNow();
        return _windows.TryGetValue(key, out var window) && now < window.Start + length ? (window.Count, SecondsLeft(window, now)) : (0, 0);
    }

    private int SecondsLeft(Window window, DateTimeOffset now) => Math.Max((int)Math.Ceiling((window.Start + length - now).TotalSeconds), 1);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
        {
            if (now >= window.Start + length) _windows.TryRemove(key, out _);
        }
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}
