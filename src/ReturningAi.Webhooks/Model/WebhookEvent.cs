namespace ReturningAi.Webhooks.Model;

/// <summary>An event as the endpoints receive it, recorded once per event id whatever the bus redelivers.</summary>
public sealed class WebhookEvent
{
    /// <summary>The event id, which is every delivery's <c>webhook-id</c>.</summary>
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Type { get; init; }

    /// <summary>The event's <c>data</c>, as JSON.</summary>
    public required string Data { get; init; }

    /// <summary>When it happened: the body's <c>createdAt</c>.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
}
