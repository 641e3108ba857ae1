namespace ReturningAi.Contracts.ApiKeys;

/// <summary>The gateway's look-up of a presented token, by its SHA-256 hash (hex); the token itself never leaves the gateway.</summary>
public sealed record ResolveApiKeyRequest(string TokenHash);
