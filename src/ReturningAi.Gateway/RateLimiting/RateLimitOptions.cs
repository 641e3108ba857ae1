namespace ReturningAi.Gateway.RateLimiting;

public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimiting";

    public int PermitsPerWindow { get; set; } = 600;

    public int WindowSeconds { get; set; } = 60;

    /// <summary>The longest a request waits for Redis before it is counted by this instance alone.</summary>
    public int RedisTimeoutMilliseconds { get; set; } = 150;

    /// <summary>After Redis failed, how long requests are counted locally before Redis is tried again.</summary>
    public int RedisRetrySeconds { get; set; } = 5;
}
