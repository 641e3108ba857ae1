using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Members;

public sealed record UserDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    string Username,
    string Email,
    DateTimeOffset CreatedAt);
