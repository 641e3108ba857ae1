using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReturningAi.Gateway.Authentication;

namespace ReturningAi.Gateway.Tests;

public sealed class AuthenticationThrottleTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.7");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly AuthenticationThrottle _throttle;

    public AuthenticationThrottleTests() => _throttle = new AuthenticationThrottle(
        Options.Create(new AuthenticationThrottleOptions { PlatformAdminFailuresPerWindow = 10, UnknownApiKeysPerWindow = 300, WindowSeconds = 60 }), _time);

    [Fact]
    public void Ten_wrong_admin_tokens_block_the_address_until_the_window_ends()
    {
        for (var i = 0; i < 9; i++) _throttle.PlatformAdminFailed(Client);
        Assert.Null(_throttle.PlatformAdminBlocked(Client));

        _throttle.PlatformAdminFailed(Client);
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(40, _throttle.PlatformAdminBlocked(Client));
        Assert.Null(_throttle.PlatformAdminBlocked(IPAddress.Parse("192.0.2.8")));
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(_throttle.PlatformAdminBlocked(Client));
    }

    [Fact]
    public void Unknown_keys_past_300_in_a_window_are_answered_with_the_wait()
    {
        var answers = Enumerable.Range(0, 301).Select(_ => _throttle.UnknownApiKey(Client)).ToList();

        Assert.All(answers[..300], Assert.Null);
        Assert.Equal(60, answers[300]);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(_throttle.UnknownApiKey(Client));
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    public void An_IPv6_client_counts_by_its_64_and_a_mapped_IPv4_one_as_IPv4(string address, string counted) =>
        Assert.Equal(counted, AuthenticationThrottle.Client(IPAddress.Parse(address)));
}
