using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ReturningAi.Gateway.RateLimiting;

/// <summary>
/// Degraded, never unhealthy, when Redis does not answer: the gateway still serves, but each instance
/// counts rate limits on its own, so N instances allow a key up to N times its limit.
/// </summary>
public sealed class RedisRateLimitHealthCheck(IConnectionMultiplexer redis, IOptions<RateLimitOptions> options, TimeProvider time) : IHealthCheck
{
    public const string Name = "redis-rate-limits";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromMilliseconds(options.Value.RedisTimeoutMilliseconds), time, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer: rate limits are counted per gateway instance.");
        }
    }
}
