using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Rewards;

/// <summary>
/// A redemption order, which is also a purchase history entry (rewards.md §2). User, product and voucher
/// fields are copies made at purchase; <see cref="OrderNumber"/> is the product docs' human order id.
/// </summary>
public sealed record OrderDto(
    [property: JsonPropertyName("_id")] string Id,
    string OrderNumber,
    [property: JsonPropertyName("communityID")] string CommunityId,
    [property: JsonPropertyName("userID")] string UserId,
    string Username,
    string Email,
    OrderProductDto Product,
    string VoucherCode,
    DateTimeOffset VoucherExpiryDate,
    decimal PricePaid,
    string PriceSource,
    string CurrencyName,
    OrderStatusDto Status,
    CollectedInformationDto? UserInformation,
    DateTimeOffset? RefundedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
