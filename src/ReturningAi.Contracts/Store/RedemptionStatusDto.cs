using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Store;

public sealed record RedemptionStatusDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    string Name,
    DateTimeOffset CreatedAt);
