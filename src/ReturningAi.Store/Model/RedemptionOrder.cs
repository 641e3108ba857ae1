namespace ReturningAi.Store.Model;

/// <summary>
/// A purchase (= purchase history entry): one voucher of one product for one user. User, product and voucher
/// fields are copies made at purchase, so the order reads the same after renames, edits and deletions.
/// </summary>
public sealed class RedemptionOrder
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string OrderNumber { get; init; }
    public required string UserId { get; init; }
    public required string Username { get; init; }
    public required string Email { get; init; }
    public required string ProductId { get; init; }
    public required string ProductName { get; init; }
    public string? ProductImage { get; init; }
    public required string ProductCategory { get; init; }
    public string RedemptionInstructions { get; set; } = "";
    public required string VoucherCode { get; set; }
    public DateTimeOffset VoucherExpiryDate { get; set; }
    public decimal PricePaid { get; init; }
    public required string PriceSource { get; init; }
    public required string CurrencyName { get; init; }
    public required string StatusId { get; set; }
    public string? UserInformation { get; init; }
    public string? ApiKeyId { get; init; }
    public DateTimeOffset? RefundedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
