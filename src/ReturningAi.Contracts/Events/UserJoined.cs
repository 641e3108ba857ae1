using System.Text.Json.Nodes;

namespace ReturningAi.Contracts.Events;

/// <summary>
/// <c>COMMUNITY_EVENTS.USER_JOINED</c>: once per user, right after its creation, with its custom field
/// values and how it came (<c>api</c>, <c>bulk</c>, <c>registration</c>).
/// </summary>
public sealed record UserJoined : UserSnapshotEvent
{
    public const string EntityName = "COMMUNITY_EVENTS.USER_JOINED";

    public required IReadOnlyDictionary<string, JsonNode?> CustomFields { get; init; }
    public required string Source { get; init; }
}
