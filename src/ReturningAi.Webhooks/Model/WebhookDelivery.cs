namespace ReturningAi.Webhooks.Model;

/// <summary>One event on its way to one endpoint, with its attempts so far and when the next one is due.</summary>
public sealed class WebhookDelivery
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string EndpointId { get; init; }
    public required string EventId { get; init; }
    public required string EventType { get; init; }
    public string State { get; set; } = DeliveryStates.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastErrorCode { get; set; }
    public string? LastErrorMessage { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public bool IsTest { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
