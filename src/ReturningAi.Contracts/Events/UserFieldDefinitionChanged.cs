using System.Text.Json.Serialization;
using ReturningAi.Contracts.Members;

namespace ReturningAi.Contracts.Events;

/// <summary><c>COMMUNITY_EVENTS.USER_FIELD_DEFINITION_CHANGED</c>: a field was created, changed or deleted; its own version grows.</summary>
public sealed record UserFieldDefinitionChanged(
    [property: JsonPropertyName("communityID")] string CommunityId,
    UserFieldDto Field,
    bool Deleted,
    long Version)
{
    public const string EntityName = "COMMUNITY_EVENTS.USER_FIELD_DEFINITION_CHANGED";
}
