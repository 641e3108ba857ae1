using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Communities;

public sealed record CommunityDto(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    string Url,
    DateTimeOffset CreatedAt);
