using ReturningAi.Contracts.ApiKeys;

namespace ReturningAi.Community.Model;

/// <summary>A community API key. Only the SHA-256 of its token is kept; the token is shown once.</summary>
public sealed class ApiKey
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Name { get; set; }
    public required List<string> Permissions { get; set; }
    public required byte[] TokenHash { get; init; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    public ApiKeyDto ToDto(string? token = null) =>
        new(Id, Name, Permissions, ExpiresAt, CommunityId, CreatedAt) { Token = token };
}
