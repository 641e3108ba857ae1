using System.Text.Json.Nodes;
using ReturningAi.Contracts.Webhooks;
using ReturningAi.Webhooks.Model;

namespace ReturningAi.Webhooks.Endpoints;

/// <summary>The read objects of endpoints, deliveries and events; a secret or key only where the caller asks for it once.</summary>
public static class EndpointViews
{
    public static WebhookEndpointDto ToDto(this WebhookEndpoint e, string? secret = null) => new(
        e.Id, e.Url, e.Events, e.ChannelIds, e.Description, e.IsEnabled, e.DisabledReason, e.FailingSince,
        new WebhookEncryptionDto(e.EncryptionMode is not null, e.EncryptionMode), e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt)
    {
        Secret = secret,
    };

    public static WebhookDeliveryDto ToDto(this WebhookDelivery d, WebhookEvent? webhookEvent = null) => new(
        d.Id, d.EndpointId, d.EventId, d.EventType, d.State, d.Attempts, d.LastAttemptAt, d.LastStatusCode,
        d.LastErrorCode is null ? null : new DeliveryErrorDto(d.LastErrorCode, d.LastErrorMessage ?? ""), d.NextAttemptAt, d.IsTest, d.CreatedAt)
    {
        Event = webhookEvent is null ? null : new WebhookEventDto(webhookEvent.Id, webhookEvent.Type, webhookEvent.CommunityId, webhookEvent.OccurredAt,
            JsonNode.Parse(webhookEvent.Data)),
    };
}
