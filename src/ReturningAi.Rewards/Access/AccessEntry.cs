using ReturningAi.Contracts.Products;

namespace ReturningAi.Rewards.Access;

/// <summary>
/// One <c>productPermission</c> entry as the purchase rules read it: the ids its names resolved to
/// (CONTRACT.md §8), never the names, so renames keep it and deleted items match nobody.
/// </summary>
public sealed record AccessEntry(
    bool IsEnabled,
    string Type,
    IReadOnlyList<string> RoleIds,
    IReadOnlyList<string> TagIds,
    IReadOnlyList<string> UserIds,
    IReadOnlyList<TargetRule> Combination,
    PurchaseAccess PurchaseAccess,
    PurchaseLimit PurchaseLimit,
    string AccessLevel)
{
    public const string FullAccess = "full-access";
    public const string ViewOnly = "view-only";
}
