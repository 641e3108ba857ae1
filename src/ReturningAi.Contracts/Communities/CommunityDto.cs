using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Communities;

/// <summary>A community with its appearance (users.md U8).</summary>
public sealed record CommunityDto(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    string Url,
    string? Uri,
    string? Domain,
    CommunityTheme Theme,
    CommunityBot Bot,
    CommunityMeta Meta,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
