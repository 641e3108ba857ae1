using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Members;

/// <summary>A member of a community (the docs' <c>GetUserResponse</c>). <c>customFields</c> holds set values only.</summary>
public sealed record UserDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    string Username,
    string Email,
    string? FirstName,
    string? LastName,
    string DisplayName,
    string? Avatar,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Tags,
    string Status,
    string? StatusReason,
    DateTimeOffset JoinedAt,
    DateTimeOffset? LastLogin,
    IReadOnlyDictionary<string, JsonNode?> CustomFields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
