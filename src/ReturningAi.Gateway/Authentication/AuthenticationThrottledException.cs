namespace ReturningAi.Gateway.Authentication;

/// <summary>Too many failed authentications from the client's address: 429 with Retry-After.</summary>
public sealed class AuthenticationThrottledException(int retryAfterSeconds)
    : Exception("Too many failed authentications from this address.")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
