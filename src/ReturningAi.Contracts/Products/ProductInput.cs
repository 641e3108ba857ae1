using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Products;

/// <summary>
/// The product create object of the partner API, as parsed from JSON or CSV with every default
/// applied. Readable names (category, permission targets, purchase status) are still names here;
/// the store resolves them inside the community. Voucher codes cross the bus as one <see cref="VoucherCodes"/> text.
/// </summary>
public sealed record ProductInput(
    string Name,
    string Description,
    string? Image,
    decimal Price,
    string CategoryName,
    decimal DiscountPrice,
    bool IsDiscountEnabled,
    DateTimeOffset? DiscountStartDate,
    DateTimeOffset? DiscountEndDate,
    UserInformation UserInformation,
    bool ShouldPrioritiesExpiringVouchers,
    bool ShouldDisplayRemainingQuantity,
    ExpiringVoucherHighlight ExpiringVoucherHighlight,
    bool IsArchived,
    string RedemptionInstructions,
    IReadOnlyList<PermissionEntry> ProductPermission,
    bool IsProductAccessEnabled,
    string? PurchaseStatusOverrideName,
    [property: JsonConverter(typeof(VoucherCodesJsonConverter))] IReadOnlyList<string> Vouchers,
    DateTimeOffset? VoucherExpireDate);
