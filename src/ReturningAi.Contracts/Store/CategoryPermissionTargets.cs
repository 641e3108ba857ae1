using System.Text.Json.Serialization;
using ReturningAi.Contracts.Products;

namespace ReturningAi.Contracts.Store;

/// <summary>The readable names a category permission entry targets; <c>isSelectAll</c> targets every member.</summary>
public sealed record CategoryPermissionTargets(
    IReadOnlyList<string> RoleNames,
    IReadOnlyList<string> TagNames,
    IReadOnlyList<string> Usernames,
    IReadOnlyList<CombinationItem> Combination,
    bool IsSelectAll)
{
    [JsonIgnore]
    public PermissionTargets Names => new(RoleNames, TagNames, Usernames, Combination);
}
