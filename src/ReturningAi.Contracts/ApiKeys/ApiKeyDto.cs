using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.ApiKeys;

/// <summary>An API key as the partner API shows it; <c>Token</c> only in the answer that created it.</summary>
public sealed record ApiKeyDto(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    IReadOnlyList<string> Permissions,
    DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("communityID")] string CommunityId,
    DateTimeOffset CreatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }
}
