using Microsoft.Extensions.Options;

namespace ReturningAi.Gateway.RateLimiting;

/// <summary>
/// A fixed window per API key. Written here rather than taken from System.Threading.RateLimiting
/// because the contract's headers need the window's reset time, which those limiters do not expose.
/// Per gateway instance: the fallback of <see cref="SharedApiKeyRateLimiter"/> while Redis does not answer,
/// when N instances allow a key up to N times its limit.
/// </summary>
public sealed class ApiKeyRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private readonly FixedWindows _windows = new(TimeSpan.FromSeconds(options.Value.WindowSeconds), time);
    private readonly int _limit = options.Value.PermitsPerWindow;

    public RateLimitDecision Acquire(string keyId)
    {
        var (count, reset) = _windows.Increment(keyId);
        return new RateLimitDecision(count <= _limit, _limit, Math.Max(0, _limit - count), reset);
    }
}
