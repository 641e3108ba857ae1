using ReturningAi.Gateway.RateLimiting;

namespace ReturningAi.Gateway.Tests;

public sealed class SlidingWindowScriptTests
{
    [Fact]
    public void The_Redis_key_is_made_from_the_key_id()
    {
        Assert.Equal("returningai:ratelimit:65f1c0de0000000000000001", SlidingWindowScript.RedisKey("65f1c0de0000000000000001"));
    }

    [Theory]
    [InlineData(1, 1, 60_000, true, 2, 60)]
    [InlineData(1, 3, 59_001, true, 0, 60)]
    [InlineData(1, 3, 59_000, true, 0, 59)]
    [InlineData(0, 3, 12_345, false, 0, 13)]
    // The next permit frees up within the millisecond: the headers still say 1 s, never 0.
    [InlineData(0, 3, 0, false, 0, 1)]
    // A limit lowered below what the window already holds: remaining is 0, not negative.
    [InlineData(0, 7, 500, false, 0, 1)]
    public void The_scripts_answer_becomes_the_headers_whole_seconds(long allowed, long count, long resetMilliseconds,
        bool expectedAllowed, int expectedRemaining, int expectedReset)
    {
        var decision = SlidingWindowScript.Decision(allowed, count, resetMilliseconds, limit: 3);

        Assert.Equal(new RateLimitDecision(expectedAllowed, 3, expectedRemaining, expectedReset), decision);
    }
}
