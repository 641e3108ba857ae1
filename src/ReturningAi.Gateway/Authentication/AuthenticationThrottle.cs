using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using ReturningAi.Gateway.RateLimiting;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Gateway.Authentication;

/// <summary>
/// Failed authentications per client address, in fixed windows: guessing the platform admin token (a
/// deployment secret that may be weak) is stopped after a few tries, and a flood of made-up API keys is
/// answered 429. Valid keys are never counted or refused here. An IPv6 client counts by its /64, the
/// block one subscriber usually holds. Per gateway instance, like the rate limit.
/// </summary>
public sealed class AuthenticationThrottle(IOptions<AuthenticationThrottleOptions> options, TimeProvider time)
{
    private readonly AuthenticationThrottleOptions _options = options.Value;
    private readonly FixedWindows _adminFailures = new(TimeSpan.FromSeconds(options.Value.WindowSeconds), time);
    private readonly FixedWindows _unknownKeys = new(TimeSpan.FromSeconds(options.Value.WindowSeconds), time);

    /// <summary>Seconds until this address may try the platform admin token again, or null when it may now.</summary>
    public int? PlatformAdminBlocked(IPAddress? address) =>
        _adminFailures.Peek(Client(address)) is var (count, reset) && count >= _options.PlatformAdminFailuresPerWindow ? reset : null;

    public void PlatformAdminFailed(IPAddress? address) => _adminFailures.Increment(Client(address));

    /// <summary>Counts an unknown API key; seconds to wait when the address is over its limit (429), else null (401).</summary>
    public int? UnknownApiKey(IPAddress? address) =>
        _unknownKeys.Increment(Client(address)) is var (count, reset) && count > _options.UnknownApiKeysPerWindow ? reset : null;

    public static Task WriteThrottledAsync(HttpContext context, AuthenticationThrottledException throttled)
    {
        context.Response.Headers.RetryAfter = throttled.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, "authentication_throttled",
            $"Too many failed authentications from this address; try again in {throttled.RetryAfterSeconds} s.");
    }

    /// <summary>The address a client is counted by.</summary>
    public static string Client(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
