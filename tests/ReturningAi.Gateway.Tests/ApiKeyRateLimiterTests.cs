using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReturningAi.Gateway.RateLimiting;

namespace ReturningAi.Gateway.Tests;

public sealed class ApiKeyRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ApiKeyRateLimiter _limiter;

    public ApiKeyRateLimiterTests() =>
        _limiter = new ApiKeyRateLimiter(Options.Create(new RateLimitOptions { PermitsPerWindow = 3, WindowSeconds = 60 }), _time);

    [Fact]
    public void The_window_counts_down_then_refuses()
    {
        var decisions = Enumerable.Range(0, 4).Select(_ => _limiter.Acquire("k")).ToList();

        Assert.Equal([true, true, true, false], decisions.Select(d => d.Allowed));
        Assert.Equal([2, 1, 0, 0], decisions.Select(d => d.Remaining));
        Assert.All(decisions, d => Assert.Equal(3, d.Limit));
    }

    [Fact]
    public void Reset_counts_the_seconds_left_in_the_window_and_a_new_window_starts_afresh()
    {
        _limiter.Acquire("k");
        _time.Advance(TimeSpan.FromSeconds(45.5));
        Assert.Equal(15, _limiter.Acquire("k").ResetSeconds);

        _time.Advance(TimeSpan.FromSeconds(15));
        var fresh = _limiter.Acquire("k");
        Assert.Equal((true, 2, 60), (fresh.Allowed, fresh.Remaining, fresh.ResetSeconds));
    }

    [Fact]
    public void Each_key_has_its_own_window()
    {
        for (var i = 0; i < 4; i++) _limiter.Acquire("busy");

        Assert.True(_limiter.Acquire("quiet").Allowed);
        Assert.False(_limiter.Acquire("busy").Allowed);
    }
}
