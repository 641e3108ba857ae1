namespace ReturningAi.Contracts.Products;

/// <summary>The readable names a permission entry targets.</summary>
public sealed record PermissionTargets(
    IReadOnlyList<string> RoleNames,
    IReadOnlyList<string> TagNames,
    IReadOnlyList<string> Usernames,
    IReadOnlyList<CombinationItem> Combination)
{
    public static PermissionTargets Empty { get; } = new([], [], [], []);
}
