using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ReturningAi.Gateway.RateLimiting;

/// <summary>
/// A key's requests counted in Redis, so that every gateway replica together allows a key its limit once.
/// When Redis fails or does not answer within <see cref="RateLimitOptions.RedisTimeoutMilliseconds"/>, this
/// instance counts on its own (<see cref="ApiKeyRateLimiter"/>) and keeps serving: Redis is a cache here,
/// never a reason to refuse a request.
/// </summary>
public sealed partial class SharedApiKeyRateLimiter
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ApiKeyRateLimiter _local;
    private readonly ILogger<SharedApiKeyRateLimiter> _logger;
    private readonly TimeProvider _time;
    private readonly RedisAvailability _availability;
    private readonly TimeSpan _timeout;
    private readonly int _limit;
    private readonly long _windowMilliseconds;
    private readonly int _retrySeconds;

    public SharedApiKeyRateLimiter(IConnectionMultiplexer redis, ApiKeyRateLimiter local, IOptions<RateLimitOptions> options,
        TimeProvider time, ILogger<SharedApiKeyRateLimiter> logger)
    {
        _redis = redis;
        _local = local;
        _logger = logger;
        _time = time;
        var settings = options.Value;
        _limit = settings.PermitsPerWindow;
        _windowMilliseconds = settings.WindowSeconds * 1000L;
        _timeout = TimeSpan.FromMilliseconds(settings.RedisTimeoutMilliseconds);
        _retrySeconds = settings.RedisRetrySeconds;
        _availability = new RedisAvailability(TimeSpan.FromSeconds(settings.RedisRetrySeconds), time);
    }

    public async ValueTask<RateLimitDecision> AcquireAsync(string apiKeyId)
    {
        if (_availability.ShouldTry())
        {
            try
            {
                var result = (RedisResult[])(await _redis.GetDatabase()
                    .ScriptEvaluateAsync(SlidingWindowScript.Source, [SlidingWindowScript.RedisKey(apiKeyId)],
                        [_limit, _windowMilliseconds, Guid.NewGuid().ToString("N")])
                    .WaitAsync(_timeout, _time))!;
                if (_availability.Answered()) LogRedisAnswersAgain();
                return SlidingWindowScript.Decision((long)result[0], (long)result[1], (long)result[2], _limit);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                if (_availability.Failed()) LogRedisFailed(exception, apiKeyId, _retrySeconds);
            }
        }

        return _local.Acquire(apiKeyId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Redis did not answer for the rate limit of API key {ApiKeyId}: each gateway instance counts requests on its own, asking Redis again every {RetrySeconds} s")]
    private partial void LogRedisFailed(Exception exception, string apiKeyId, int retrySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: rate limits are shared by every gateway instance")]
    private partial void LogRedisAnswersAgain();
}
