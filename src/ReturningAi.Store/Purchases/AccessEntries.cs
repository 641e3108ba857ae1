using System.Text.Json;
using ReturningAi.Rewards.Access;
using ReturningAi.Store.AccessRules;

namespace ReturningAi.Store.Purchases;

/// <summary>A product's stored permission entries (ids, CONTRACT.md §8) as the purchase rules read them.</summary>
internal static class AccessEntries
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<AccessEntry> Parse(string storedJson) =>
        [.. JsonSerializer.Deserialize<List<StoredPermissionEntry>>(storedJson, Json)!.Select(ToAccessEntry)];

    private static AccessEntry ToAccessEntry(StoredPermissionEntry e) => new(
        e.IsEnabled, e.Type, e.Permission.RoleIds ?? [], e.Permission.TagIds ?? [], e.Permission.UserIds ?? [],
        [.. (e.Permission.Combination ?? []).Select(c => new TargetRule(c.Type, c.Ids ?? []))],
        e.PurchaseAccess, e.PurchaseLimit, e.AccessLevel);
}
