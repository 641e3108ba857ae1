namespace ReturningAi.Gateway.RateLimiting;

/// <summary>The outcome of one request against its key's window, with what the X-RateLimit-* headers say.</summary>
public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);
