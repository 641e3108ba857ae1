using ReturningAi.Contracts.Products;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Products;

/// <summary>
/// The rules of a list of permission entries, wherever one appears (a product's <c>productPermission</c>,
/// a category's <c>categoryPermission</c>): the values each field may take, the characters a name may
/// hold, and the bounds that keep one request's work small (CONTRACT.md section 8). The readers stop
/// reading at the same bounds, so an oversized list costs no more than the bound itself.
/// </summary>
public static class PermissionRules
{
    public const int MaxEntries = 50;
    public const int MaxValuesPerList = 100;
    public const int MaxCombinationItems = 20;

    public static IReadOnlyList<string> PermissionTypes => ProductValues.PermissionTypes;
    public static IReadOnlyList<string> CombinationTypes => ProductValues.CombinationTypes;
    public static IReadOnlyList<string> IntervalUnits => ProductValues.IntervalUnits;
    public static IReadOnlyList<string> AccessLevels => ProductValues.AccessLevels;

    /// <param name="field">The list's path relative to the errors' prefix, e.g. <c>productPermission</c>.</param>
    public static void Validate(IReadOnlyList<PermissionEntry> entries, string field, ProductErrors errors)
    {
        if (entries.Count > MaxEntries) errors.Add("too_many_items", field, TooMany(field, MaxEntries, entries.Count));
        for (var i = 0; i < Math.Min(entries.Count, MaxEntries); i++)
        {
            ValidateEntry(entries[i], $"{field}[{i}].", errors);
        }
    }

    /// <summary>How many names the entries hold: with the vouchers, the size of a product's work (see <c>LargeImportMemory</c>).</summary>
    public static long NameCount(IReadOnlyList<PermissionEntry> entries) => entries.Sum(e =>
        (long)e.Permission.RoleNames.Count + e.Permission.TagNames.Count + e.Permission.Usernames.Count + e.Permission.Combination.Sum(c => c.Values.Count));

    /// <summary>The contract's message for a list over its bound.</summary>
    public static string TooMany(string field, int max, int? count = null) =>
        $"{field.Split('.')[^1]} may hold at most {max} items{(count is { } n ? $"; this one has {n}" : "")}.";

    private static void ValidateEntry(PermissionEntry entry, string path, ProductErrors errors)
    {
        OneOf(entry.Type, PermissionTypes, path + "type", errors);
        var targets = entry.Permission;
        Names(targets.RoleNames, path + "permission.roleNames", errors);
        Names(targets.TagNames, path + "permission.tagNames", errors);
        Names(targets.Usernames, path + "permission.usernames", errors);
        var combination = path + "permission.combination";
        if (targets.Combination.Count > MaxCombinationItems)
        {
            errors.Add("too_many_items", combination, TooMany(combination, MaxCombinationItems, targets.Combination.Count));
        }

        for (var i = 0; i < Math.Min(targets.Combination.Count, MaxCombinationItems); i++)
        {
            OneOf(targets.Combination[i].Type, CombinationTypes, $"{combination}[{i}].type", errors);
            Names(targets.Combination[i].Values, $"{combination}[{i}].values", errors);
        }

        if (entry.PurchaseAccess.SpecialPrice < 0)
        {
            errors.Add("out_of_range", path + "purchaseAccess.specialPrice", "specialPrice must be 0 or more.");
        }

        if (entry.PurchaseLimit.Quantity < 1)
        {
            errors.Add("out_of_range", path + "purchaseLimit.quantity", "purchaseLimit.quantity must be 1 or more.");
        }

        if (entry.PurchaseLimit.IntervalCount < 1)
        {
            errors.Add("out_of_range", path + "purchaseLimit.intervalCount", "purchaseLimit.intervalCount must be 1 or more.");
        }

        OneOf(entry.PurchaseLimit.IntervalUnit, IntervalUnits, path + "purchaseLimit.intervalUnit", errors);
        OneOf(entry.AccessLevel, AccessLevels, path + "accessLevel", errors);
    }

    private static void Names(IReadOnlyList<string> names, string field, ProductErrors errors)
    {
        if (names.Count > MaxValuesPerList)
        {
            errors.Add("too_many_items", field, TooMany(field, MaxValuesPerList, names.Count));
            return;
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (!TextCharacters.AreAllowedInName(names[i]))
            {
                errors.Add("invalid_character", $"{field}[{i}]", $"{field.Split('.')[^1]}[{i}] {TextCharacters.NameRule}.");
            }
        }
    }

    internal static void OneOf(string value, IReadOnlyList<string> allowed, string field, ProductErrors errors)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            errors.Add("invalid_value", field, $"{field.Split('.')[^1]} must be one of {string.Join(", ", allowed)}.");
        }
    }
}
