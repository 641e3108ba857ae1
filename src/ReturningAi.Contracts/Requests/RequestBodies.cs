using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ReturningAi.Contracts.Products;
using ReturningAi.Contracts.Store;

namespace ReturningAi.Contracts.Requests;

// The request bodies of the partner API, as the API reference shows them. The services read each
// body field by field (JsonFields) so that every bad field gets its own error item; these records
// describe the same fields for the OpenAPI document and are kept next to each other for that reason.

[Description("Creates a community and its first API key (platform admin only).")]
public sealed record CreateCommunityBody([property: MaxLength(200)] string Name, [property: Description("The community's web address.")] string Url);

[Description("A new API key; its token is shown once, in the answer.")]
public sealed record ApiKeyCreate(
    [property: MaxLength(100)] string Name,
    [property: Description("The permissions it holds; store, users and api-keys also grant the finer ones beneath them.")] IReadOnlyList<string> Permissions,
    [property: Description("When the key stops working; null for never.")] DateTimeOffset? ExpiresAt);

[Description("A partial update of an API key: only the fields sent change.")]
public sealed record ApiKeyUpdate(
    [property: MaxLength(100)] string? Name,
    IReadOnlyList<string>? Permissions,
    [property: Description("When the key stops working; null for never.")] DateTimeOffset? ExpiresAt);

[Description("A name: of a role, a tag or a redemption status.")]
public sealed record NameBody([property: MaxLength(200)] string Name);

[Description("A new store category. Only name is required; roleNames, tagNames, usernames and defaultPurchaseStatusName are names in the community.")]
public sealed record CategoryCreate(
    [property: MaxLength(200)] string Name,
    string? Description,
    [property: Description("An absolute http(s) URL, or null.")] string? CoverImage,
    bool? ShouldShowCover,
    bool? IsArchived,
    [property: Description("full or preview.")] string? ViewType,
    [property: Range(0, int.MaxValue)] int? DisplayOrder,
    IReadOnlyList<CategoryPermissionEntry>? CategoryPermission,
    [property: Description("A redemption status name, or null; read back as defaultPurchaseStatus.")] string? DefaultPurchaseStatusName,
    CategoryI18n? I18n);

[Description("A partial update of a category: only the fields sent change.")]
public sealed record CategoryUpdate(
    [property: MaxLength(200)] string? Name,
    string? Description,
    [property: Description("An absolute http(s) URL, or null.")] string? CoverImage,
    bool? ShouldShowCover,
    bool? IsArchived,
    [property: Description("full or preview.")] string? ViewType,
    [property: Range(0, int.MaxValue)] int? DisplayOrder,
    IReadOnlyList<CategoryPermissionEntry>? CategoryPermission,
    [property: Description("A redemption status name, or null; read back as defaultPurchaseStatus.")] string? DefaultPurchaseStatusName,
    CategoryI18n? I18n);

[Description("The store's settings (older view). Every field is optional; only those sent change.")]
public sealed record StoreConfigurationBody([property: MaxLength(32)] string? CurrencyName, bool? IsStoreOpen);

[Description("A partial update of the store configuration: only the fields sent change, nested objects field by field.")]
public sealed record StoreUpdate(
    bool? IsEnabled,
    [property: MaxLength(32), Description("1–32 characters; required while the store is enabled.")] string? Title,
    [property: MaxLength(1000)] string? Description,
    StoreCoverUpdate? Cover,
    StoreCurrencyUpdate? Currency,
    StoreCallToActionUpdate? CallToAction,
    StoreI18nUpdate? I18n,
    [property: Description("The user fields that identify a user to the store.")] IReadOnlyList<string>? UserIdentifierFields);

[Description("The store's cover images (absolute http(s) URLs; null or \"\" clears one).")]
public sealed record StoreCoverUpdate(bool? IsEnabled, string? Light, string? Dark);

[Description("The store's currency: name (1–32 characters) and icons.")]
public sealed record StoreCurrencyUpdate(bool? IsEnabled, [property: MaxLength(32)] string? Name, string? Light, string? Dark);

[Description("A button under the store's description.")]
public sealed record StoreCallToActionUpdate(bool? IsEnabled, [property: MaxLength(100)] string? Text, string? Link);

[Description("Translations; a list sent replaces the stored one.")]
public sealed record StoreI18nUpdate(bool? IsTranslationEnabled, IReadOnlyList<Translation>? TitleTranslations, IReadOnlyList<Translation>? DescriptionTranslations);

[Description("A partial update of a product: only the fields sent change; vouchers sent are appended (with voucherExpireDate).")]
public record ProductUpdate(
    [property: MaxLength(200)] string? Name,
    string? Description,
    [property: Description("An absolute http(s) URL, \"\" or null.")] string? Image,
    [property: Range(0, double.MaxValue)] decimal? Price,
    [property: Description("The name of a category of the community.")] string? CategoryName,
    [property: Range(0, double.MaxValue)] decimal? DiscountPrice,
    bool? IsDiscountEnabled,
    DateTimeOffset? DiscountStartDate,
    DateTimeOffset? DiscountEndDate,
    UserInformation? UserInformation,
    bool? ShouldPrioritiesExpiringVouchers,
    bool? ShouldDisplayRemainingQuantity,
    ExpiringVoucherHighlight? ExpiringVoucherHighlight,
    bool? IsArchived,
    string? RedemptionInstructions,
    IReadOnlyList<PermissionEntry>? ProductPermission,
    bool? IsProductAccessEnabled,
    [property: Description("The name of a redemption status of the community, or null.")] string? PurchaseStatusOverrideName,
    [property: Description("Voucher codes to append.")] IReadOnlyList<string>? Vouchers,
    [property: Description("Required when vouchers are sent.")] DateTimeOffset? VoucherExpireDate);

[Description("One product of a bulk update, named by productID (or _id; both must agree). Nested objects sent replace the stored ones whole.")]
public sealed record ProductBulkUpdateItem(
    [property: JsonPropertyName("productID"), Description("The id of the product to change.")] string? ProductId,
    [property: JsonPropertyName("_id"), Description("The older name of productID.")] string? Id,
    string? Name, string? Description, string? Image, decimal? Price, string? CategoryName, decimal? DiscountPrice, bool? IsDiscountEnabled,
    DateTimeOffset? DiscountStartDate, DateTimeOffset? DiscountEndDate, UserInformation? UserInformation, bool? ShouldPrioritiesExpiringVouchers,
    bool? ShouldDisplayRemainingQuantity, ExpiringVoucherHighlight? ExpiringVoucherHighlight, bool? IsArchived, string? RedemptionInstructions,
    IReadOnlyList<PermissionEntry>? ProductPermission, bool? IsProductAccessEnabled, string? PurchaseStatusOverrideName,
    IReadOnlyList<string>? Vouchers, DateTimeOffset? VoucherExpireDate)
    : ProductUpdate(Name, Description, Image, Price, CategoryName, DiscountPrice, IsDiscountEnabled, DiscountStartDate, DiscountEndDate,
        UserInformation, ShouldPrioritiesExpiringVouchers, ShouldDisplayRemainingQuantity, ExpiringVoucherHighlight, IsArchived,
        RedemptionInstructions, ProductPermission, IsProductAccessEnabled, PurchaseStatusOverrideName, Vouchers, VoucherExpireDate);

[Description("A new redemption status. Only name is required.")]
public sealed record RedemptionStatusCreate(
    [property: MaxLength(200)] string Name,
    [property: Description("true: the community's default moves here (default false). A status that refunds points cannot be the default.")] bool? IsDefault,
    [property: Description("Moving an order here credits its price back and frees its voucher (default false). Fixed once made.")] bool? RefundsPoints,
    [property: Description("incomplete (default) or complete.")] string? Category,
    [property: Description("#RRGGBB, or null (default).")] string? Color);

[Description("A partial update of a redemption status: only the fields sent change. refundsPoints cannot change.")]
public sealed record RedemptionStatusUpdate(
    [property: MaxLength(200)] string? Name,
    [property: Description("true moves the community's default here; false on the default is 409 default_status_required.")] bool? IsDefault,
    [property: Description("incomplete or complete.")] string? Category,
    [property: Description("#RRGGBB, or null to clear it.")] string? Color);

[Description("Credits, debits or sets a user's points. Name the user by exactly one of userID and email.")]
public sealed record WalletTransactionBody(
    [property: JsonPropertyName("userID"), Description("The user's _id (or send email).")] string? UserId,
    [property: Description("The user's email (or send userID).")] string? Email,
    [property: Description("credit, debit or set (add, subtract, overwrite are the same).")] string Operation,
    [property: Description("More than 0 (set: 0 or more), at most 1,000,000,000, at most 2 decimals.")] decimal Amount,
    [property: MinLength(1), MaxLength(500)] string Reason,
    [property: MaxLength(255), Description("Your own reference, kept on the entry.")] string? Reference);

[Description("The buyer's details a product collects; only those it collects are kept.")]
public sealed record PurchaseUserInformation([property: MaxLength(200)] string? Name, [property: MaxLength(50)] string? Phone, [property: MaxLength(1000)] string? Address);

[Description("Buys one voucher of a product for a user. Name the user by exactly one of userID and email.")]
public sealed record PurchaseBody(
    [property: JsonPropertyName("productID")] string ProductId,
    [property: JsonPropertyName("userID"), Description("The user's _id (or send email).")] string? UserId,
    [property: Description("The user's email (or send userID).")] string? Email,
    PurchaseUserInformation? UserInformation,
    [property: Description("The price you showed the user: another price applying now is 409 price_changed.")] decimal? ExpectedPrice);

[Description("Moves an order to a status named by exactly one of statusName and statusID.")]
public sealed record OrderStatusChangeBody(
    string? StatusName,
    [property: JsonPropertyName("statusID")] string? StatusId,
    [property: MaxLength(1000), Description("Kept on the history entry and sent with the event.")] string? Note);

[Description("The older form of a status change: the order (its _id or orderNumber) and the status's _id.")]
public sealed record TransactionStatusBody(
    [property: Description("The order's _id or orderNumber.")] string TransactionId,
    [property: Description("The status's _id.")] string StatusId);

[Description("A user's orders by email, as the product documents it: the list's paging and filters in the body.")]
public sealed record OrdersByEmailBody(
    string Email,
    [property: Range(1, int.MaxValue)] int? Page,
    [property: Range(1, 100)] int? Limit,
    string? StatusName,
    [property: JsonPropertyName("productID")] string? ProductId,
    [property: Description("ISO-8601: orders created at or after it.")] DateTimeOffset? CreatedFrom,
    [property: Description("ISO-8601: orders created before it.")] DateTimeOffset? CreatedTo);

[Description("Edits an order's purchase history: redemptionInstructions alone, voucherCode with voucherExpiryDate, or all three.")]
public sealed record PurchaseHistoryUpdate(
    [property: MinLength(1), MaxLength(10000), Description("The order's copy of the instructions; the product keeps its own.")] string? RedemptionInstructions,
    [property: MinLength(1), MaxLength(512), Description("The order's voucher's new code, unique among the product's vouchers.")] string? VoucherCode,
    [property: Description("DD/MM/YYYY, read as midnight UTC.")] string? VoucherExpiryDate);
