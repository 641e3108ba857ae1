using System.Text.Json.Serialization;
using ReturningAi.Contracts.Members;

namespace ReturningAi.Contracts.Events;

/// <summary>
/// A user as it is after a change (users.md U9): what <c>USER_CREATED</c>, <c>USER_JOINED</c> and
/// <c>USER_UPDATED</c> carry. <see cref="Version"/> is the user's (1 at create, +1 per write): a copy
/// applies only a higher one, so redelivered and reordered events leave the newest state.
/// Consumers of this type receive all three.
/// </summary>
public abstract record UserSnapshotEvent
{
    [JsonPropertyName("communityID")]
    public required string CommunityId { get; init; }

    [JsonPropertyName("userID")]
    public required string UserId { get; init; }

    public required string Username { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public string? Avatar { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<LabelRefDto> Roles { get; init; }
    public required IReadOnlyList<LabelRefDto> Tags { get; init; }
    public DateTimeOffset JoinedAt { get; init; }
    public long Version { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}
