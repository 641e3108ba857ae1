using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Store;

public sealed record CategoryDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    string Name,
    string Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
