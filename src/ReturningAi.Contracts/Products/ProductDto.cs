using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Products;

/// <summary>The product read object: exactly the shape of the product page's 201 example, in its order.</summary>
public sealed record ProductDto(
    [property: JsonPropertyName("_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    string Name,
    string Description,
    string? Image,
    decimal Price,
    string Category,
    int Stocks,
    decimal DiscountPrice,
    bool IsDiscountEnabled,
    DateTimeOffset? DiscountStartDate,
    DateTimeOffset? DiscountEndDate,
    UserInformation UserInformation,
    bool ShouldPrioritiesExpiringVouchers,
    bool ShouldDisplayRemainingQuantity,
    ExpiringVoucherHighlight ExpiringVoucherHighlight,
    bool IsArchived,
    int TotalOrders,
    string RedemptionInstructions,
    IReadOnlyList<PermissionEntry> ProductPermission,
    bool IsProductAccessEnabled,
    PurchaseStatusOverride PurchaseStatusOverride,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? UpdatedAt);
