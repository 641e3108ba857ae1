using System.Diagnostics;

namespace ReturningAi.Bench;

/// <summary>Bounded load on 127.0.0.1: a fixed number of calls one at a time, or a fixed time with N clients.</summary>
internal static class Load
{
    public static async Task<double[]> LatenciesAsync(int count, Func<Task> call)
    {
        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return latencies;
    }

    /// <summary>Completed calls per second with <paramref name="clients"/> callers for <paramref name="duration"/>.</summary>
    public static async Task<double> ThroughputAsync(int clients, TimeSpan duration, Func<Task> call)
    {
        var completed = 0L;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await call();
                Interlocked.Increment(ref completed);
            }
        }));
        return completed / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>
    /// As <see cref="ThroughputAsync"/>, stopping also after <paramref name="limit"/> calls (a stock that runs out):
    /// completed calls per second and each call's latency, sorted.
    /// </summary>
    public static async Task<(double PerSecond, double[] Latencies)> TimedThroughputAsync(int clients, TimeSpan duration, int limit, Func<Task> call)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var taken = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < stopAt && Interlocked.Increment(ref taken) <= limit)
            {
                var callStarted = Stopwatch.GetTimestamp();
                await call();
                latencies.Add(Stopwatch.GetElapsedTime(callStarted).TotalMilliseconds);
            }
        }));
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return (sorted.Length / Stopwatch.GetElapsedTime(started).TotalSeconds, sorted);
    }

    /// <summary>
    /// <paramref name="count"/> calls started at a steady <paramref name="perSecond"/>, whether or not the earlier
    /// ones have answered (an open workload: a slow answer does not slow the rate).
    /// </summary>
    public static async Task SteadyAsync(int count, double perSecond, Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        var calls = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var wait = started + (long)(i / perSecond * Stopwatch.Frequency) - Stopwatch.GetTimestamp();
            if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            calls.Add(call());
        }

        await Task.WhenAll(calls);
    }

    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
