using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Webhooks;

/// <summary>One event's delivery to one endpoint; <c>Event</c> only when read alone.</summary>
public sealed record WebhookDeliveryDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("endpointID")] string EndpointId,
    [property: JsonPropertyName("eventID")] string EventId,
    string EventType,
    string State,
    int Attempts,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    DeliveryErrorDto? LastError,
    DateTimeOffset? NextAttemptAt,
    bool IsTest,
    DateTimeOffset CreatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WebhookEventDto? Event { get; init; }
}
