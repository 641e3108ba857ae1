using Microsoft.Extensions.Time.Testing;
using ReturningAi.Gateway.RateLimiting;

namespace ReturningAi.Gateway.Tests;

public sealed class RedisAvailabilityTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RedisAvailability _availability;

    public RedisAvailabilityTests() => _availability = new RedisAvailability(TimeSpan.FromSeconds(5), _time);

    [Fact]
    public void Redis_is_asked_until_it_fails_then_not_until_the_retry_time_has_passed()
    {
        Assert.True(_availability.ShouldTry());

        _availability.Failed();
        Assert.False(_availability.ShouldTry());
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(_availability.ShouldTry());
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(_availability.ShouldTry());
    }

    [Fact]
    public void Only_the_changes_between_answering_and_failing_are_reported()
    {
        Assert.False(_availability.Answered());
        Assert.True(_availability.Failed());
        Assert.False(_availability.Failed());
        Assert.True(_availability.Answered());
        Assert.False(_availability.Answered());
    }
}
