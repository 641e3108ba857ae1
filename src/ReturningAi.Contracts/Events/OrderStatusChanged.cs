using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Events;

/// <summary>
/// <c>REDEMPTION_EVENTS.ORDER_STATUS_CHANGED</c> (rewards.md §8): an order moved to another status, with the
/// refund it made, if any. Statuses by name.
/// </summary>
public sealed record OrderStatusChanged
{
    public const string EntityName = "REDEMPTION_EVENTS.ORDER_STATUS_CHANGED";

    [JsonPropertyName("eventID")]
    public required string EventId { get; init; }

    [JsonPropertyName("communityID")]
    public required string CommunityId { get; init; }

    public string? RequestId { get; init; }

    [JsonPropertyName("orderID")]
    public required string OrderId { get; init; }

    public required string OrderNumber { get; init; }

    [JsonPropertyName("productID")]
    public required string ProductId { get; init; }

    [JsonPropertyName("userID")]
    public required string UserId { get; init; }

    public required string PreviousStatus { get; init; }
    public required string Status { get; init; }
    public string? Note { get; init; }
    public bool Refunded { get; init; }
    public decimal RefundAmount { get; init; }
    public DateTimeOffset ChangedAt { get; init; }

    [JsonPropertyName("apiKeyID")]
    public string? ApiKeyId { get; init; }
}
