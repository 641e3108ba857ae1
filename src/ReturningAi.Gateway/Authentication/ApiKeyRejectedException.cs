namespace ReturningAi.Gateway.Authentication;

/// <summary>Why a presented credential was refused, as the 401's error code and message.</summary>
public sealed class ApiKeyRejectedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static ApiKeyRejectedException Missing() =>
        new("missing_api_key", "An API key is required: send 'Authorization: Bearer <token>' or 'x-api-key: <token>'.");

    public static ApiKeyRejectedException Malformed() =>
        new("malformed_authorization", "The Authorization header must be 'Bearer <token>' and x-api-key a bare token.");

    public static ApiKeyRejectedException Conflicting() =>
        new("conflicting_api_keys", "Authorization and x-api-key name different keys; send one key.");

    public static ApiKeyRejectedException Invalid() =>
        new("invalid_api_key", "The API key is not valid: it is unknown or was revoked.");

    public static ApiKeyRejectedException Expired() =>
        new("expired_api_key", "The API key has expired.");
}
