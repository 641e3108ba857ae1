using System.Collections.Frozen;

namespace ReturningAi.Products.Csv;

/// <summary>The product page's CSV headers, in the page's order, and the fields they map to (CONTRACT.md section 4).</summary>
public static class CsvColumns
{
    public static IReadOnlyList<CsvColumn> All { get; } =
    [
        Product("Name", "name"),
        Product("Description", "description"),
        Product("Image", "image"),
        Product("Price", "price"),
        Product("Category Name", "categoryName"),
        Product("Discount Enabled", "isDiscountEnabled"),
        Product("Discount Price", "discountPrice"),
        Product("Discount Start Date", "discountStartDate"),
        Product("Discount End Date", "discountEndDate"),
        Product("User Information Enabled", "userInformation.isEnabled"),
        Product("Collect Name", "userInformation.shouldCollectName"),
        Product("Collect Phone", "userInformation.shouldCollectPhone"),
        Product("Collect Address", "userInformation.shouldCollectAddress"),
        Product("Prioritize Expiring Vouchers", "shouldPrioritiesExpiringVouchers"),
        Product("Display Remaining Quantity", "shouldDisplayRemainingQuantity"),
        Product("Expiring Highlight Enabled", "expiringVoucherHighlight.isEnabled"),
        Product("Expiring Highlight Duration", "expiringVoucherHighlight.duration"),
        Product("Expiring Highlight Timeframe", "expiringVoucherHighlight.timeframe"),
        Product("Archived", "isArchived"),
        Product("Redemption Instructions", "redemptionInstructions"),
        Product("Product Access Enabled", "isProductAccessEnabled"),
        Product("Purchase Status Override Name", "purchaseStatusOverrideName"),
        Product("Vouchers", "vouchers"),
        Product("Voucher Expire Date", "voucherExpireDate"),
        Permission("Permission Enabled", "isEnabled"),
        Permission("Permission Type", "type"),
        Permission("Roles", "permission.roleNames"),
        Permission("Tags", "permission.tagNames"),
        Permission("Users", "permission.usernames"),
        Permission("Combination Type", "permission.combination.type"),
        Permission("Combination Values", "permission.combination.values"),
        Permission("Special Price", "purchaseAccess.specialPrice"),
        Permission("Special Price Enabled", "purchaseAccess.isSpecialPriceEnabled"),
        Permission("Purchase Limit Enabled", "purchaseLimit.isPurchaseLimitEnabled"),
        Permission("Purchase Limit Quantity", "purchaseLimit.quantity"),
        Permission("Purchase Limit Interval Count", "purchaseLimit.intervalCount"),
        Permission("Purchase Limit Interval Unit", "purchaseLimit.intervalUnit"),
        Permission("Access Level", "accessLevel"),
        Permission("Exclusive Tag Enabled", "isExclusiveTagEnabled"),
    ];

    /// <summary>The bulk update's extra column: a row with it starts the update of that product.</summary>
    public static CsvColumn ProductId { get; } = Product("Product ID", "productID");

    /// <summary>Headers match case-insensitively after trimming.</summary>
    public static FrozenDictionary<string, CsvColumn> ByHeader { get; } =
        All.ToFrozenDictionary(c => c.Header, StringComparer.OrdinalIgnoreCase);

    public static FrozenDictionary<string, CsvColumn> ProductByField { get; } =
        All.Where(c => !c.IsPermission).Append(ProductId).ToFrozenDictionary(c => c.Field, StringComparer.Ordinal);

    public static FrozenDictionary<string, CsvColumn> PermissionByField { get; } =
        All.Where(c => c.IsPermission).ToFrozenDictionary(c => c.Field, StringComparer.Ordinal);

    private static CsvColumn Product(string header, string field) => new(header, field, IsPermission: false);

    private static CsvColumn Permission(string header, string field) => new(header, field, IsPermission: true);
}
