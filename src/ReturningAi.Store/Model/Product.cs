namespace ReturningAi.Store.Model;

/// <summary>
/// A store product. Nested parts of the create object (user information, expiring highlight,
/// permissions with their resolved names) are JSON documents; vouchers are rows of their own.
/// </summary>
public sealed class Product
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public string? Image { get; set; }
    public decimal Price { get; set; }
    public required string CategoryId { get; set; }
    public decimal DiscountPrice { get; set; }
    public bool IsDiscountEnabled { get; set; }
    public DateTimeOffset? DiscountStartDate { get; set; }
    public DateTimeOffset? DiscountEndDate { get; set; }
    public required string UserInformation { get; set; }
    public bool ShouldPrioritiesExpiringVouchers { get; set; }
    public bool ShouldDisplayRemainingQuantity { get; set; }
    public required string ExpiringVoucherHighlight { get; set; }
    public bool IsArchived { get; set; }
    public string RedemptionInstructions { get; set; } = "";
    public required string ProductPermission { get; set; }
    public bool IsProductAccessEnabled { get; set; }
    public string? PurchaseStatusOverrideId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
