using System.Globalization;
using ReturningAi.Gateway.Authentication;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Gateway.RateLimiting;

/// <summary>
/// Counts every request of an authenticated key, whatever its route, and answers 429 with
/// Retry-After once the window is spent. Requests without a valid key carry no rate-limit headers.
/// </summary>
public sealed class RateLimitingMiddleware(RequestDelegate next, SharedApiKeyRateLimiter limiter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var keyId = context.User.FindFirst(GatewayClaims.ApiKeyId)?.Value;
        if (keyId is null)
        {
            await next(context);
            return;
        }

        var decision = await limiter.AcquireAsync(keyId);
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);

        if (!decision.Allowed)
        {
            headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            await ApiErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, "rate_limited",
                $"Too many requests for this API key; try again in {decision.ResetSeconds} s.");
            return;
        }

        await next(context);
    }
}
