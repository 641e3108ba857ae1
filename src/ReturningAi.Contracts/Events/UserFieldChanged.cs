using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Events;

/// <summary>
/// <c>COMMUNITY_EVENTS.USER_FIELD_CHANGED</c>: one custom field value changed (one history item).
/// <see cref="Version"/> is the user's after the change; a copy of values applies only a higher one per user and field.
/// </summary>
public sealed record UserFieldChanged(
    [property: JsonPropertyName("communityID")] string CommunityId,
    [property: JsonPropertyName("userID")] string UserId,
    [property: JsonPropertyName("fieldID")] string FieldId,
    string Field,
    JsonNode? OldValue,
    JsonNode? NewValue,
    string Source,
    string? Reference,
    [property: JsonPropertyName("historyItemID")] string HistoryItemId,
    DateTimeOffset ChangedAt,
    long Version)
{
    public const string EntityName = "COMMUNITY_EVENTS.USER_FIELD_CHANGED";
}
