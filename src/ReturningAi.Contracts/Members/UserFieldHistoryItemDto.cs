using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Members;

/// <summary>One change of a custom field value (the docs' <c>UserFieldHistoryItem</c>).</summary>
public sealed record UserFieldHistoryItemDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    [property: JsonPropertyName("userID")] string UserId,
    [property: JsonPropertyName("fieldID")] string FieldId,
    string Field,
    JsonNode? OldValue,
    JsonNode? NewValue,
    string Source,
    string? Reference,
    string? Note,
    bool Applied,
    CreatorInfo CreatedBy,
    DateTimeOffset ChangedAt,
    DateTimeOffset CreatedAt);
