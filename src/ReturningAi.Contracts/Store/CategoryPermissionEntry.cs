namespace ReturningAi.Contracts.Store;

/// <summary>One entry of <c>categoryPermission</c>: shaped like a product's permission entry, as the product documents it.</summary>
public sealed record CategoryPermissionEntry(
    bool IsEnabled,
    string Type,
    CategoryPermissionTargets Permission,
    CategoryPurchaseLimit PurchaseLimit,
    string AccessLevel);
