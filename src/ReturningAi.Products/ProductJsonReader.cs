using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Products;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Products;

/// <summary>
/// Reads product create objects from JSON: types and defaults here, value rules in
/// <see cref="ProductRules"/>. Unknown properties are ignored; every problem is reported.
/// </summary>
public static class ProductJsonReader
{
    public const int MaxBulkProducts = 100;

    /// <summary>The body of <c>POST /products/bulk</c>: a raw array of 1–100 create objects.</summary>
    public static ProductsReadResult ReadBulk(JsonElement root)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                return ProductsReadResult.Failed(new ErrorItem("object_wrapper",
                    "Send the products as a raw JSON array, not wrapped in an object.", null));
            case not JsonValueKind.Array:
                return ProductsReadResult.Failed(new ErrorItem("malformed_json", "The body must be a JSON array of products.", null));
        }

        var count = root.GetArrayLength();
        if (CountProblem(count) is { } problem) return ProductsReadResult.Failed(problem);

        var items = new ItemsRead(count);
        var index = 0;
        foreach (var item in root.EnumerateArray()) items.Read(index++, item);
        return items.Result(count);
    }

    /// <summary>
    /// The same body read from a stream one product at a time (<see cref="JsonArrayItems"/>), never whole nor as one document:
    /// the same products and problems as <see cref="JsonBody.Parse"/> and <see cref="ReadBulk(JsonElement)"/>, and the body's
    /// <c>malformed_json</c> problem apart, as <see cref="JsonBody.Parse"/> gives it.
    /// </summary>
    public static async Task<(ProductsReadResult Products, ErrorItem? Malformed)> ReadBulkAsync(
        Stream body, JsonDocumentOptions options, CancellationToken cancellationToken)
    {
        var items = new ItemsRead(0);
        var read = await JsonArrayItems.ReadAsync(body, options, (index, item) => index < MaxBulkProducts && items.Read(index, item), cancellationToken);
        if (read.Error is { } malformed) return (ProductsReadResult.Failed(malformed), malformed);
        if (read.NotAnArray is { } document)
        {
            using (document) return (ReadBulk(document.RootElement), null);
        }

        return (CountProblem(read.Count) is { } problem ? ProductsReadResult.Failed(problem) : items.Result(read.Count), null);
    }

    private static ErrorItem? CountProblem(int count) => count switch
    {
        0 => new ErrorItem("empty", "The array holds no product.", null),
        > MaxBulkProducts => new ErrorItem("too_many_products", $"At most {MaxBulkProducts} products per request; this one has {count}.", null),
        _ => null,
    };

    /// <summary>The items of a bulk body as they are read, with one pool of names for them all.</summary>
    private sealed class ItemsRead(int count)
    {
        private readonly List<ProductInput> _products = new(count);
        private readonly List<ErrorItem> _errors = [];
        private readonly NamePool _names = new();

        public bool Read(int index, JsonElement item)
        {
            if (ReadAsRead(item, _errors, $"[{index}].", index, _names) is { } product) _products.Add(product);
            return true;
        }

        public ProductsReadResult Result(int count)
        {
            if (_errors.Count == 0) return new ProductsReadResult(_products, []);
            return _products.Count == count ? new ProductsReadResult(_products, ProductErrors.Capped(_errors)) : ProductsReadResult.Failed(_errors);
        }
    }

    /// <summary>One create object (the body of <c>POST /products</c>, or an item of the bulk array); null if it has any problem.</summary>
    public static ProductInput? ReadOne(JsonElement item, List<ErrorItem> errors, string prefix = "", int? index = null, NamePool? names = null)
    {
        var before = errors.Count;
        var product = ReadAsRead(item, errors, prefix, index, names);
        return errors.Count > before ? null : product;
    }

    /// <summary>The create object as read, wrong values left at their defaults; null only if the item is not an object.</summary>
    private static ProductInput? ReadAsRead(JsonElement item, List<ErrorItem> errors, string prefix, int? index, NamePool? names)
    {
        var before = errors.Count;
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ErrorItem("invalid_type", $"{(prefix.Length == 0 ? "The body" : prefix.TrimEnd('.'))} must be a product object.",
                prefix.Length == 0 ? null : prefix.TrimEnd('.')) { Index = index });
            return null;
        }

        var product = Read(new JsonFields(item, errors, prefix, index, names));
        // Rules run even after type errors, so that a request hears of every problem at once.
        var reported = errors.Skip(before).Select(e => e.Field).OfType<string>().ToHashSet();
        ProductRules.Validate(product, new ProductErrors(errors, prefix, index) { AlreadyReported = reported });
        return product;
    }

    private static ProductInput Read(JsonFields f)
    {
        var vouchers = f.ReadStringArray("vouchers", required: true, trim: true) ?? [];
        var image = f.ReadString("image", required: false);
        var statusName = f.ReadName("purchaseStatusOverrideName", required: false);
        return new ProductInput(
            Name: f.ReadName("name", required: true) ?? "",
            Description: f.ReadString("description", required: false) ?? "",
            Image: string.IsNullOrEmpty(image) ? null : image,
            Price: f.ReadDecimal("price", required: true),
            CategoryName: f.ReadName("categoryName", required: true) ?? "",
            DiscountPrice: f.ReadDecimal("discountPrice", required: false),
            IsDiscountEnabled: f.ReadBool("isDiscountEnabled"),
            DiscountStartDate: f.ReadDateTime("discountStartDate", out _, allowEmptyString: true),
            DiscountEndDate: f.ReadDateTime("discountEndDate", out _, allowEmptyString: true),
            UserInformation: ReadUserInformation(f.ReadObject("userInformation")),
            ShouldPrioritiesExpiringVouchers: f.ReadBool("shouldPrioritiesExpiringVouchers"),
            ShouldDisplayRemainingQuantity: f.ReadBool("shouldDisplayRemainingQuantity"),
            ExpiringVoucherHighlight: ReadHighlight(f.ReadObject("expiringVoucherHighlight")),
            IsArchived: f.ReadBool("isArchived"),
            RedemptionInstructions: f.ReadString("redemptionInstructions", required: false) ?? "",
            ProductPermission: ReadPermissions(f, "productPermission"),
            IsProductAccessEnabled: f.ReadBool("isProductAccessEnabled"),
            PurchaseStatusOverrideName: string.IsNullOrEmpty(statusName) ? null : statusName,
            Vouchers: vouchers,
            // "" or null only when there are no vouchers; ProductRules reports a missing date otherwise.
            VoucherExpireDate: f.ReadDateTime("voucherExpireDate", out _, allowEmptyString: true));
    }


    private static UserInformation ReadUserInformation(JsonFields? f) => f is null
        ? UserInformation.Default
        : new UserInformation(f.ReadBool("isEnabled"), f.ReadBool("shouldCollectName"), f.ReadBool("shouldCollectPhone"), f.ReadBool("shouldCollectAddress"));

    private static ExpiringVoucherHighlight ReadHighlight(JsonFields? f) => f is null
        ? ExpiringVoucherHighlight.Default
        : new ExpiringVoucherHighlight(
            f.ReadBool("isEnabled"),
            f.ReadInt("duration", ExpiringVoucherHighlight.Default.Duration),
            f.ReadString("timeframe", required: false) ?? ExpiringVoucherHighlight.Default.Timeframe);

    /// <summary>
    /// A list of permission entries (a product's <c>productPermission</c>; a category's too), read no further
    /// than <see cref="PermissionRules"/> allows: a list over its bound is reported without being read.
    /// </summary>
    public static IReadOnlyList<PermissionEntry> ReadPermissions(JsonFields f, string name) =>
        f.ReadObjectArray(name, PermissionRules.MaxEntries)?.Select(ReadPermission).ToList() ?? [];

    private static PermissionEntry ReadPermission(JsonFields f)
    {
        var targets = f.ReadObject("permission");
        var access = f.ReadObject("purchaseAccess");
        var limit = f.ReadObject("purchaseLimit");
        return new PermissionEntry(
            IsEnabled: f.ReadBool("isEnabled"),
            Type: f.ReadString("type", required: true) ?? "",
            Permission: targets is null
                ? PermissionTargets.Empty
                : new PermissionTargets(
                    targets.ReadNames("roleNames", PermissionRules.MaxValuesPerList) ?? [],
                    targets.ReadNames("tagNames", PermissionRules.MaxValuesPerList) ?? [],
                    targets.ReadNames("usernames", PermissionRules.MaxValuesPerList) ?? [],
                    targets.ReadObjectArray("combination", PermissionRules.MaxCombinationItems)?.Select(c => new CombinationItem(
                        c.ReadString("type", required: true) ?? "",
                        c.ReadNames("values", PermissionRules.MaxValuesPerList) ?? [])).ToList() ?? []),
            PurchaseAccess: access is null
                ? PurchaseAccess.Default
                : new PurchaseAccess(access.ReadDecimal("specialPrice", required: false), access.ReadBool("isSpecialPriceEnabled")),
            PurchaseLimit: limit is null
                ? PurchaseLimit.Default
                : new PurchaseLimit(
                    limit.ReadBool("isPurchaseLimitEnabled"),
                    limit.ReadInt("quantity", PurchaseLimit.Default.Quantity),
                    limit.ReadInt("intervalCount", PurchaseLimit.Default.IntervalCount),
                    limit.ReadString("intervalUnit", required: false) ?? PurchaseLimit.Default.IntervalUnit),
            AccessLevel: f.ReadString("accessLevel", required: false) ?? "full-access",
            IsExclusiveTagEnabled: f.ReadBool("isExclusiveTagEnabled"));
    }
}
