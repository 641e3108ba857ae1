using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Members;

/// <summary>A role or a tag of a community.</summary>
public sealed record LabelDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    string Name,
    DateTimeOffset CreatedAt);
