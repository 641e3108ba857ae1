using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Webhooks;

/// <summary>An event as it is delivered: the body a receiver gets (before any encryption).</summary>
public sealed record WebhookEventDto(
    string Id,
    string Type,
    [property: JsonPropertyName("communityID")] string CommunityId,
    DateTimeOffset CreatedAt,
    JsonNode? Data);
