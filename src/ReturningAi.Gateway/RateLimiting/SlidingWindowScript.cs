namespace ReturningAi.Gateway.RateLimiting;

/// <summary>
/// A sliding window log per key in one Redis sorted set: one atomic round trip drops the entries older than
/// the window, counts the rest, and adds this request when under the limit. Redis's own clock scores the
/// entries, so replicas with skewed clocks still share one window. Returns {allowed, count, ms until the
/// oldest entry leaves the window}.
/// </summary>
internal static class SlidingWindowScript
{
    public const string Source = """
        local key = KEYS[1]
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
        local count = redis.call('ZCARD', key)
        local allowed = 0
        if count < limit then
          redis.call('ZADD', key, now, ARGV[3])
          count = count + 1
          allowed = 1
        end
        redis.call('PEXPIRE', key, window)
        local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
        local reset = window
        if oldest[2] then reset = tonumber(oldest[2]) + window - now end
        return {allowed, count, reset}
        """;

    /// <summary>The Redis key of an API key's window: from the key's id, never its token.</summary>
    public static string RedisKey(string apiKeyId) => "returningai:ratelimit:" + apiKeyId;

    /// <summary>The script's answer as the contract's headers see it: whole seconds, at least 1, until a permit frees up.</summary>
    public static RateLimitDecision Decision(long allowed, long count, long resetMilliseconds, int limit) =>
        new(allowed == 1, limit, (int)Math.Max(0, limit - count), (int)Math.Max(1, (resetMilliseconds + 999) / 1000));
}
