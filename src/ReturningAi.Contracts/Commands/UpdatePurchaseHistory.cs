using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Commands;

/// <summary>
/// The purchase-history edit (rewards.md §6), on the broker as <c>update:purchase-history</c> (the product docs'
/// name): the gateway reads the body and sends it; the store answers <see cref="PurchaseHistoryUpdated"/> or
/// <see cref="CommandRejected"/>. <see cref="PurchaseHistoryId"/> is the order's <c>_id</c> or <c>orderNumber</c>.
/// </summary>
public sealed record UpdatePurchaseHistory
{
    public const string EntityName = "update:purchase-history";

    [JsonPropertyName("communityID")]
    public required string CommunityId { get; init; }

    [JsonPropertyName("purchaseHistoryID")]
    public required string PurchaseHistoryId { get; init; }

    [JsonPropertyName("apiKeyID")]
    public string? ApiKeyId { get; init; }

    public required string RequestId { get; init; }
    public string? RedemptionInstructions { get; init; }
    public string? VoucherCode { get; init; }

    /// <summary>Midnight UTC of the date sent as DD/MM/YYYY.</summary>
    public DateTimeOffset? VoucherExpiryDate { get; init; }
}
