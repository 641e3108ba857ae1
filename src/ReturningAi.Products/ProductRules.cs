using ReturningAi.Contracts.Products;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Products;

/// <summary>
/// Every value rule of the product create object (CONTRACT.md section 4), in one place: the gateway
/// applies them to JSON and CSV bodies, the store to its own routes and again to each command.
/// Types and defaults are the readers' business; a rule between two fields names the later one.
/// </summary>
public static class ProductRules
{
    public const int MaxNameLength = 200;
    public const int MaxVoucherCodeLength = 128;

    public static readonly IReadOnlyList<string> Timeframes = ProductValues.Timeframes;
    public static readonly IReadOnlyList<string> PermissionTypes = ProductValues.PermissionTypes;
    public static readonly IReadOnlyList<string> CombinationTypes = ProductValues.CombinationTypes;
    public static readonly IReadOnlyList<string> IntervalUnits = ProductValues.IntervalUnits;
    public static readonly IReadOnlyList<string> AccessLevels = ProductValues.AccessLevels;

    public static void Validate(ProductInput product, ProductErrors errors)
    {
        if (product.Name.Length is 0 or > MaxNameLength)
        {
            errors.Add("invalid_length", "name", $"name must be 1–{MaxNameLength} characters long after trimming.");
        }

        Name(product.Name, "name", errors);
        if (product.CategoryName.Length == 0) errors.Add("required", "categoryName", "categoryName is required.");
        Name(product.CategoryName, "categoryName", errors);
        if (product.PurchaseStatusOverrideName is { } statusName) Name(statusName, "purchaseStatusOverrideName", errors);
        if (product.Price < 0) errors.Add("out_of_range", "price", "price must be 0 or more.");
        if (product.Image is { } image && !IsHttpUrl(image))
        {
            errors.Add("invalid_url", "image", "image must be empty, null or an absolute http or https URL.");
        }

        if (product.DiscountPrice < 0) errors.Add("out_of_range", "discountPrice", "discountPrice must be 0 or more.");
        else if (product.IsDiscountEnabled && product.DiscountPrice >= product.Price)
        {
            errors.Add("out_of_range", "discountPrice", "discountPrice must be less than price when the discount is enabled.");
        }

        if (product.IsDiscountEnabled && product.DiscountStartDate is { } start && product.DiscountEndDate is { } end && start >= end)
        {
            errors.Add("invalid_date_range", "discountEndDate", "discountEndDate must be after discountStartDate.");
        }

        var highlight = product.ExpiringVoucherHighlight;
        if (highlight.Duration < 1) errors.Add("out_of_range", "expiringVoucherHighlight.duration", "expiringVoucherHighlight.duration must be 1 or more.");
        PermissionRules.OneOf(highlight.Timeframe, Timeframes, "expiringVoucherHighlight.timeframe", errors);
        PermissionRules.Validate(product.ProductPermission, "productPermission", errors);
        ValidateVouchers(product.Vouchers, product.VoucherExpireDate, errors);
    }

    /// <summary>The items a request carries (voucher codes and permission names): what makes it large.</summary>
    public static long WorkItems(IReadOnlyList<ProductInput> products) =>
        products.Sum(p => p.Vouchers.Count + PermissionRules.NameCount(p.ProductPermission));

    /// <summary>Voucher codes and their expiry; also what <c>PUT</c> appends.</summary>
    public static void ValidateVouchers(IReadOnlyList<string> vouchers, DateTimeOffset? expireDate, ProductErrors errors)
    {
        var codes = vouchers as VoucherCodes;
        for (var i = 0; i < vouchers.Count; i++)
        {
            // Over the shared text when the codes are one (a large import's million codes make no string here).
            var code = codes is null ? vouchers[i].AsSpan() : codes.CodeAt(i);
            if (code.Length is 0 or > MaxVoucherCodeLength || HasControl(code))
            {
                errors.Add("invalid_voucher", $"vouchers[{i}]",
                    $"vouchers[{i}] must be 1–{MaxVoucherCodeLength} printable characters after trimming.");
            }
        }

        if (vouchers.Count > 0 && expireDate is null)
        {
            errors.Add("required", "voucherExpireDate", "voucherExpireDate is required when vouchers are given.");
        }
    }

    private static bool HasControl(ReadOnlySpan<char> code)
    {
        foreach (var c in code)
        {
            if (char.IsControl(c)) return true;
        }

        return false;
    }

    private static void Name(string value, string field, ProductErrors errors)
    {
        if (!TextCharacters.AreAllowedInName(value)) errors.Add("invalid_character", field, $"{field} {TextCharacters.NameRule}.");
    }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
