using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Webhooks;

/// <summary>An outgoing webhook endpoint; <c>Secret</c> only in the answers of create and rotate-secret.</summary>
public sealed record WebhookEndpointDto(
    [property: JsonPropertyName("_id")] string Id,
    string Url,
    IReadOnlyList<string> Events,
    [property: JsonPropertyName("channelIDs")] IReadOnlyList<string> ChannelIds,
    string Description,
    bool IsEnabled,
    [property: JsonPropertyName("disabledReason")] string? DisabledReason,
    DateTimeOffset? FailingSince,
    WebhookEncryptionDto Encryption,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }
}
