using System.Text.Json.Serialization;
using ReturningAi.Contracts.Communities;

namespace ReturningAi.Contracts.Events;

/// <summary><c>COMMUNITY_EVENTS.COMMUNITY_UPDATED</c>: the community's name, address or appearance changed.</summary>
public sealed record CommunityUpdated(
    [property: JsonPropertyName("communityID")] string CommunityId,
    CommunityDto Community,
    long Version)
{
    public const string EntityName = "COMMUNITY_EVENTS.COMMUNITY_UPDATED";
}
