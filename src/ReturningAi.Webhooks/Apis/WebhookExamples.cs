using System.Text.Json.Nodes;
using ReturningAi.Contracts.Webhooks;

namespace ReturningAi.Webhooks.Apis;

/// <summary>The examples the API document shows for the webhook routes.</summary>
internal static class WebhookExamples
{
    private const string EndpointId = "6650a1b2c3d4e5f607182931";
    private const string EventId = "6650a1b2c3d4e5f607182930";
    private const string DeliveryId = "6650a1b2c3d4e5f607182932";
    private const string CommunityId = "6502c9e514a3e564c5c09c0a";
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static object EndpointCreate { get; } = new
    {
        url = "https://partner.example.com/webhooks/returningai",
        events = new[] { "store.item_purchased", "community.user_joined" },
        description = "Fulfilment",
        encryption = new { isEnabled = true, mode = "gcm", key = "0123456789abcdefghijklmnopqrstuv" },
    };

    public static object EndpointUpdate { get; } = new { events = new[] { "*" }, isEnabled = true };

    public static WebhookEndpointDto Endpoint { get; } = new(EndpointId, "https://partner.example.com/webhooks/returningai",
        ["store.item_purchased", "community.user_joined"], [], "Fulfilment", true, null, null, new WebhookEncryptionDto(true, "gcm"), null, Created, Created);

    public static WebhookEndpointDto EndpointWithSecret { get; } = Endpoint with { Secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" };

    public static WebhookDeliveryDto Delivery { get; } = new(DeliveryId, EndpointId, EventId, "store.item_purchased", "succeeded", 1,
        Created.AddSeconds(1), 200, null, null, false, Created);

    public static WebhookDeliveryDto PendingDelivery { get; } = Delivery with
    {
        State = "pending", Attempts = 0, NextAttemptAt = Created.AddDays(1), LastError = new DeliveryErrorDto("http_status", "The endpoint answered 500."),
        LastStatusCode = 500,
    };

    public static WebhookDeliveryDto TestDelivery { get; } = Delivery with { EventType = "webhook.test", IsTest = true };

    public static WebhookDeliveryDto DeliveryWithEvent { get; } = Delivery with
    {
        Event = new WebhookEventDto(EventId, "store.item_purchased", CommunityId, Created, new JsonObject
        {
            ["orderID"] = "6650a1b2c3d4e5f607182940",
            ["product"] = new JsonObject { ["_id"] = "6650a1b2c3d4e5f607182941", ["name"] = "Amazon Gift Card", ["category"] = "Gift cards" },
            ["user"] = new JsonObject { ["_id"] = "6650a1b2c3d4e5f607182942", ["email"] = "ada@example.com", ["username"] = "ada" },
            ["quantity"] = 1,
            ["pricePaid"] = 450,
            ["currencyName"] = "Points",
            ["voucher"] = new JsonObject { ["code"] = "VOUCHER-001", ["expiresAt"] = "2026-12-31T00:00:00.000Z" },
            ["status"] = "Pending",
            ["userInformation"] = null,
            ["purchasedAt"] = "2026-01-01T00:00:00.000Z",
        }),
    };
}
