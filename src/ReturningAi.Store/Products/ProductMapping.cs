using System.Text.Json;
using ReturningAi.Contracts.Products;
using ReturningAi.Store.Model;
using ReturningAi.Store.AccessRules;

namespace ReturningAi.Store.Products;

/// <summary>Between the create object, the stored product and the read object.</summary>
internal static class ProductMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A new product from a valid, resolved create object; permission entries by the ids their names resolved to.</summary>
    public static Product ToEntity(ProductInput input, string id, string communityId, ResolvedNames names, DateTimeOffset now) =>
        ToEntity(input, id, communityId, names, now, PermissionEntries.ToStoredJson(input.ProductPermission, names));

    /// <summary>As above, with the stored form of the permission entries given (made when the product is saved).</summary>
    public static Product ToEntity(ProductInput input, string id, string communityId, ResolvedNames names, DateTimeOffset now, string storedPermission) => new()
    {
        Id = id,
        CommunityId = communityId,
        Name = input.Name,
        Description = input.Description,
        Image = input.Image,
        Price = input.Price,
        CategoryId = names.Category(input.CategoryName)!.Value.Id,
        DiscountPrice = input.DiscountPrice,
        IsDiscountEnabled = input.IsDiscountEnabled,
        DiscountStartDate = input.DiscountStartDate,
        DiscountEndDate = input.DiscountEndDate,
        UserInformation = JsonSerializer.Serialize(input.UserInformation, Json),
        ShouldPrioritiesExpiringVouchers = input.ShouldPrioritiesExpiringVouchers,
        ShouldDisplayRemainingQuantity = input.ShouldDisplayRemainingQuantity,
        ExpiringVoucherHighlight = JsonSerializer.Serialize(input.ExpiringVoucherHighlight, Json),
        IsArchived = input.IsArchived,
        RedemptionInstructions = input.RedemptionInstructions,
        ProductPermission = storedPermission,
        IsProductAccessEnabled = input.IsProductAccessEnabled,
        PurchaseStatusOverrideId = input.PurchaseStatusOverrideName is { } status ? names.Status(status)!.Value.Id : null,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public static ProductDto ToDto(Product product, string categoryName, string? statusName, int stocks, int totalOrders,
        IReadOnlyList<PermissionEntry> permissions) => new(
        product.Id,
        product.CommunityId,
        product.Name,
        product.Description,
        product.Image,
        product.Price,
        categoryName,
        stocks,
        product.DiscountPrice,
        product.IsDiscountEnabled,
        product.DiscountStartDate,
        product.DiscountEndDate,
        JsonSerializer.Deserialize<UserInformation>(product.UserInformation, Json)!,
        product.ShouldPrioritiesExpiringVouchers,
        product.ShouldDisplayRemainingQuantity,
        JsonSerializer.Deserialize<ExpiringVoucherHighlight>(product.ExpiringVoucherHighlight, Json)!,
        product.IsArchived,
        totalOrders,
        product.RedemptionInstructions,
        permissions,
        product.IsProductAccessEnabled,
        new PurchaseStatusOverride(statusName is not null, statusName),
        product.CreatedAt,
        product.UpdatedAt);
}
