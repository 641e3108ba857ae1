using System.Text.Json.Serialization;
using ReturningAi.Contracts.Rewards;

namespace ReturningAi.Contracts.Events;

/// <summary>
/// <c>STORE_EVENTS.ITEM_PURCHASED</c> (rewards.md §8): <c>store.item_purchased</c> of events-and-jobs.md §1.4
/// plus <c>orderNumber</c>, <c>priceSource</c> and <c>apiKeyID</c>; written with the purchase, published after it commits.
/// </summary>
public sealed record ItemPurchased
{
    public const string EntityName = "STORE_EVENTS.ITEM_PURCHASED";

    /// <summary>24-hex, for consumers to drop a redelivery.</summary>
    [JsonPropertyName("eventID")]
    public required string EventId { get; init; }

    [JsonPropertyName("communityID")]
    public required string CommunityId { get; init; }

    public string? RequestId { get; init; }

    [JsonPropertyName("orderID")]
    public required string OrderId { get; init; }

    public required string OrderNumber { get; init; }
    public required EventProductDto Product { get; init; }
    public required EventUserDto User { get; init; }
    public int Quantity { get; init; } = 1;
    public decimal PricePaid { get; init; }
    public required string PriceSource { get; init; }
    public required string CurrencyName { get; init; }
    public EventVoucherDto? Voucher { get; init; }

    /// <summary>The redemption status's name.</summary>
    public required string Status { get; init; }

    public CollectedInformationDto? UserInformation { get; init; }
    public DateTimeOffset PurchasedAt { get; init; }

    [JsonPropertyName("apiKeyID")]
    public string? ApiKeyId { get; init; }
}
