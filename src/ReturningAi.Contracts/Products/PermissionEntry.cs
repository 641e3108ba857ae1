namespace ReturningAi.Contracts.Products;

/// <summary>One entry of <c>productPermission</c>: who may see or buy the product, and on what terms.</summary>
public sealed record PermissionEntry(
    bool IsEnabled,
    string Type,
    PermissionTargets Permission,
    PurchaseAccess PurchaseAccess,
    PurchaseLimit PurchaseLimit,
    string AccessLevel,
    bool IsExclusiveTagEnabled);
