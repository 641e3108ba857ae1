using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Products;
using ReturningAi.Contracts.Store;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Products;

namespace ReturningAi.Store.AccessRules;

/// <summary>
/// Between permission entries as partners write and read them (names) and as the store keeps them (ids):
/// for a product's <c>productPermission</c> and a category's <c>categoryPermission</c> alike. Reads show each
/// item's current name; an item deleted since is shown no more.
/// </summary>
public static class PermissionEntries
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored form (JSON) of a product's entries whose names all resolved.</summary>
    public static string ToStoredJson(IReadOnlyList<PermissionEntry> entries, ResolvedNames names) =>
        JsonSerializer.Serialize(entries.Select(e => new StoredPermissionEntry(
            e.IsEnabled, e.Type, ToIds(e.Permission, names), e.PurchaseAccess, e.PurchaseLimit, e.AccessLevel, e.IsExclusiveTagEnabled)).ToList(), Json);

    /// <summary>The stored form (JSON) of a category's entries whose names all resolved.</summary>
    public static string ToStoredJson(IReadOnlyList<CategoryPermissionEntry> entries, ResolvedNames names) =>
        JsonSerializer.Serialize(entries.Select(e => new StoredCategoryPermissionEntry(
            e.IsEnabled, e.Type, ToIds(e.Permission.Names, names), e.Permission.IsSelectAll, e.PurchaseLimit, e.AccessLevel)).ToList(), Json);

    /// <summary>Entries whose names all resolved, with each name as the community stores it.</summary>
    public static List<PermissionEntry> WithStoredNames(IReadOnlyList<PermissionEntry> entries, ResolvedNames names) =>
    [
        .. entries.Select(e => e with
        {
            Permission = new PermissionTargets(
                Names(names, ReferenceDataChanged.Role, e.Permission.RoleNames),
                Names(names, ReferenceDataChanged.Tag, e.Permission.TagNames),
                Names(names, ReferenceDataChanged.User, e.Permission.Usernames),
                [.. e.Permission.Combination.Select(c => c with { Values = Names(names, c.Type, c.Values) })]),
        }),
    ];

    public static List<StoredPermissionEntry> Parse(string storedJson) => JsonSerializer.Deserialize<List<StoredPermissionEntry>>(storedJson, Json)!;

    public static List<StoredCategoryPermissionEntry> ParseCategory(string storedJson) =>
        JsonSerializer.Deserialize<List<StoredCategoryPermissionEntry>>(storedJson, Json)!;

    /// <summary>The current names of every item the targets point at, in one query for them all: (kind, id) → name.</summary>
    public static async Task<IReadOnlyDictionary<(string Kind, string Id), string>> CurrentNamesAsync(
        StoreDbContext db, string communityId, IEnumerable<PermissionTargetIds> targets, CancellationToken cancellationToken)
    {
        var ids = targets.SelectMany(t => t.RoleIds.Concat(t.TagIds).Concat(t.UserIds).Concat(t.Combination.SelectMany(c => c.Ids))).Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<(string, string), string>();
        return await db.ReferenceNames.AsNoTracking()
            .Where(r => r.CommunityId == communityId && !r.Deleted && ids.Contains(r.Id))
            .ToDictionaryAsync(r => (r.Kind, r.Id), r => r.Name, cancellationToken);
    }

    /// <summary>A product's stored entries as partners read them: each item by its current name; items deleted since are left out.</summary>
    public static List<PermissionEntry> ToRead(IReadOnlyList<StoredPermissionEntry> entries, IReadOnlyDictionary<(string Kind, string Id), string> current) =>
    [
        .. entries.Select(e => new PermissionEntry(
            e.IsEnabled, e.Type, ToCurrentNames(e.Permission, current), e.PurchaseAccess, e.PurchaseLimit, e.AccessLevel, e.IsExclusiveTagEnabled)),
    ];

    /// <summary>A category's stored entries as partners read them, as <see cref="ToRead(IReadOnlyList{StoredPermissionEntry}, IReadOnlyDictionary{ValueTuple{string, string}, string})"/>.</summary>
    public static List<CategoryPermissionEntry> ToRead(
        IReadOnlyList<StoredCategoryPermissionEntry> entries, IReadOnlyDictionary<(string Kind, string Id), string> current) =>
    [
        .. entries.Select(e =>
        {
            var targets = ToCurrentNames(e.Permission, current);
            return new CategoryPermissionEntry(e.IsEnabled, e.Type,
                new CategoryPermissionTargets(targets.RoleNames, targets.TagNames, targets.Usernames, targets.Combination, e.IsSelectAll),
                e.PurchaseLimit, e.AccessLevel);
        }),
    ];

    private static PermissionTargetIds ToIds(PermissionTargets targets, ResolvedNames names) => new(
        Ids(names, ReferenceDataChanged.Role, targets.RoleNames),
        Ids(names, ReferenceDataChanged.Tag, targets.TagNames),
        Ids(names, ReferenceDataChanged.User, targets.Usernames),
        [.. targets.Combination.Select(c => new CombinationIds(c.Type, Ids(names, c.Type, c.Values)))]);

    private static PermissionTargets ToCurrentNames(PermissionTargetIds ids, IReadOnlyDictionary<(string, string), string> current) => new(
        Current(current, ReferenceDataChanged.Role, ids.RoleIds),
        Current(current, ReferenceDataChanged.Tag, ids.TagIds),
        Current(current, ReferenceDataChanged.User, ids.UserIds),
        [.. ids.Combination.Select(c => new CombinationItem(c.Type, Current(current, c.Type, c.Ids)))]);

    private static List<string> Ids(ResolvedNames names, string kind, IReadOnlyList<string> values) =>
        [.. values.Select(v => names.Reference(kind, v)!.Value.Id)];

    private static List<string> Names(ResolvedNames names, string kind, IReadOnlyList<string> values) =>
        [.. values.Select(v => names.Reference(kind, v)!.Value.Name)];

    private static List<string> Current(IReadOnlyDictionary<(string, string), string> current, string kind, IReadOnlyList<string> ids) =>
        [.. ids.Select(id => current.GetValueOrDefault((kind, id))).OfType<string>()];
}
