using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Events;

/// <summary><c>voucher:update</c> (the product docs' name; rewards.md §8): a sold voucher's code or expiry edited through its purchase history.</summary>
public sealed record VoucherUpdated
{
    public const string EntityName = "voucher:update";

    [JsonPropertyName("eventID")]
    public required string EventId { get; init; }

    [JsonPropertyName("communityID")]
    public required string CommunityId { get; init; }

    public string? RequestId { get; init; }

    [JsonPropertyName("voucherID")]
    public required string VoucherId { get; init; }

    [JsonPropertyName("productID")]
    public required string ProductId { get; init; }

    [JsonPropertyName("orderID")]
    public required string OrderId { get; init; }

    public required string Code { get; init; }
    public DateTimeOffset ExpiryDate { get; init; }
}
