namespace ReturningAi.Store.AccessRules;

/// <summary>The ids a stored permission entry targets (see <see cref="StoredPermissionEntry"/>).</summary>
public sealed record PermissionTargetIds(
    IReadOnlyList<string> RoleIds,
    IReadOnlyList<string> TagIds,
    IReadOnlyList<string> UserIds,
    IReadOnlyList<CombinationIds> Combination);
