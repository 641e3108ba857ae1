using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Members;

/// <summary>A custom user field of a community (the docs' <c>UserFieldResponse</c>).</summary>
public sealed record UserFieldDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    string Field,
    string Name,
    string Description,
    string Type,
    IReadOnlyList<string> Options,
    bool Required,
    bool IsVisible,
    bool IsEditableByUser,
    bool IsUnique,
    JsonNode? DefaultValue,
    CreatorInfo Creator,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
