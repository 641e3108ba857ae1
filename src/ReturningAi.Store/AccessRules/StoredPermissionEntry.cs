using ReturningAi.Contracts.Products;

namespace ReturningAi.Store.AccessRules;

/// <summary>
/// A permission entry as the store keeps it: the ids of the roles, tags and users its names resolved to,
/// never the names, so that a rename keeps the rule and a new item taking an old name gains nothing.
/// What the purchase checks match a user against.
/// </summary>
public sealed record StoredPermissionEntry(
    bool IsEnabled,
    string Type,
    PermissionTargetIds Permission,
    PurchaseAccess PurchaseAccess,
    PurchaseLimit PurchaseLimit,
    string AccessLevel,
    bool IsExclusiveTagEnabled);
