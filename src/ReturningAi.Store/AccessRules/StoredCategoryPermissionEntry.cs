using ReturningAi.Contracts.Store;

namespace ReturningAi.Store.AccessRules;

/// <summary>
/// A category permission entry as the store keeps it: the ids its names resolved to, as a product's
/// (<see cref="StoredPermissionEntry"/>); <c>isSelectAll</c>, which names no item, sits beside them.
/// </summary>
public sealed record StoredCategoryPermissionEntry(
    bool IsEnabled,
    string Type,
    PermissionTargetIds Permission,
    bool IsSelectAll,
    CategoryPurchaseLimit PurchaseLimit,
    string AccessLevel);
