using System.Text.Json;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Products;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Products;

/// <summary>Between the create object, the stored product and the read object.</summary>
internal static class ProductMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A new product from a valid, resolved create object; permission names as the community stores them.</summary>
    public static Product ToEntity(ProductInput input, string id, string communityId, ResolvedNames names, DateTimeOffset now) => new()
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
        ProductPermission = JsonSerializer.Serialize(input.ProductPermission.Select(e => Canonical(e, names)).ToList(), Json),
        IsProductAccessEnabled = input.IsProductAccessEnabled,
        PurchaseStatusOverrideId = input.PurchaseStatusOverrideName is { } status ? names.Status(status)!.Value.Id : null,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public static ProductDto ToDto(Product product, string categoryName, string? statusName, int stocks) => new(
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
        product.TotalOrders,
        product.RedemptionInstructions,
        JsonSerializer.Deserialize<List<PermissionEntry>>(product.ProductPermission, Json)!,
        product.IsProductAccessEnabled,
        new PurchaseStatusOverride(statusName is not null, statusName),
        product.CreatedAt,
        product.UpdatedAt);

    private static PermissionEntry Canonical(PermissionEntry entry, ResolvedNames names) => entry with
    {
        Permission = new PermissionTargets(
            [.. entry.Permission.RoleNames.Select(n => names.Reference(ReferenceDataChanged.Role, n)!)],
            [.. entry.Permission.TagNames.Select(n => names.Reference(ReferenceDataChanged.Tag, n)!)],
            [.. entry.Permission.Usernames.Select(n => names.Reference(ReferenceDataChanged.User, n)!)],
            [.. entry.Permission.Combination.Select(c => c with { Values = [.. c.Values.Select(v => names.Reference(c.Type, v)!)] })]),
    };
}
