namespace ReturningAi.Contracts.ApiKeys;

/// <summary>What the gateway needs to know of a valid key.</summary>
public sealed record ResolvedApiKey(
    string KeyId,
    string CommunityId,
    IReadOnlyList<string> Permissions,
    DateTimeOffset? ExpiresAt);
