using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Store;

/// <summary>A redemption status (rewards.md §2): one per community is the default; one that refunds points credits an order back on entry.</summary>
public sealed record RedemptionStatusDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    string Name,
    bool IsDefault,
    bool RefundsPoints,
    string Category,
    string? Color,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
