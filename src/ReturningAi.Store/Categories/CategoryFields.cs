using System.Text.Json;
using ReturningAi.Contracts.Products;
using ReturningAi.Contracts.Store;
using ReturningAi.Products;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.Store.Stores;

namespace ReturningAi.Store.Categories;

/// <summary>
/// The category object of a create or a partial update (CONTRACT.md §7), read over the category as it
/// is: every field sent is checked and reported together; the names it holds are resolved afterwards.
/// </summary>
internal static class CategoryFields
{
    public const int MaxNameLength = 200;

    /// <summary>The category with the fields sent laid over <paramref name="current"/>; for a create, <paramref name="isCreate"/> requires a name.</summary>
    public static CategoryDraft Read(JsonElement body, CategoryDraft current, bool isCreate, List<Contracts.Http.ErrorItem> errors)
    {
        var f = new JsonFields(body, errors);
        var coverImage = current.CoverImage;
        if (f.Has("coverImage"))
        {
            var url = f.ReadString("coverImage", required: false, maxLength: 2048);
            if (string.IsNullOrEmpty(url)) coverImage = null;
            else if (ProductRules.IsHttpUrl(url)) coverImage = url;
            else f.Add("invalid_url", "coverImage", "coverImage must be an absolute http or https URL, \"\" or null.");
        }

        var viewType = f.ReadString("viewType", required: false) ?? current.ViewType;
        if (!ProductValues.ViewTypes.Contains(viewType, StringComparer.Ordinal)) f.Add("invalid_value", "viewType", "viewType must be one of full, preview.");
        var displayOrder = f.ReadInt("displayOrder", current.DisplayOrder);
        if (displayOrder < 0) f.Add("out_of_range", "displayOrder", "displayOrder must be 0 or more.");

        var statusSent = f.Has("defaultPurchaseStatusName");
        var status = f.ReadName("defaultPurchaseStatusName", required: false, maxLength: MaxNameLength);
        var i18n = f.ReadObject("i18n") is { } i
            ? new CategoryI18n(i.ReadBool("isTranslationEnabled", current.I18n.IsTranslationEnabled),
                TranslationFields.Read(i, "nameTranslations", MaxNameLength) ?? current.I18n.NameTranslations)
            : current.I18n;

        return new CategoryDraft(
            Name: f.ReadName("name", required: isCreate, minLength: 1, maxLength: MaxNameLength) ?? current.Name,
            Description: f.ReadString("description", required: false) ?? current.Description,
            CoverImage: coverImage,
            ShouldShowCover: f.ReadBool("shouldShowCover", current.ShouldShowCover),
            IsArchived: f.ReadBool("isArchived", current.IsArchived),
            ViewType: viewType,
            DisplayOrder: displayOrder,
            CategoryPermission: ReadPermissions(f) ?? current.CategoryPermission,
            DefaultPurchaseStatus: statusSent ? (string.IsNullOrEmpty(status) ? null : status) : current.DefaultPurchaseStatus,
            I18n: i18n);
    }

    private static List<CategoryPermissionEntry>? ReadPermissions(JsonFields f)
    {
        // The bounds of a product's entries (PermissionRules), checked before anything is read.
        var items = f.ReadObjectArray("categoryPermission", PermissionRules.MaxEntries);
        if (items is null) return null;

        var entries = new List<CategoryPermissionEntry>();
        for (var e = 0; e < items.Count; e++)
        {
            var entry = items[e];
            var targets = entry.ReadObject("permission");
            var limit = entry.ReadObject("purchaseLimit");
            var read = new CategoryPermissionEntry(
                IsEnabled: entry.ReadBool("isEnabled"),
                Type: entry.ReadString("type", required: true) ?? "",
                Permission: targets is null
                    ? new CategoryPermissionTargets([], [], [], [], false)
                    : new CategoryPermissionTargets(
                        targets.ReadNames("roleNames", PermissionRules.MaxValuesPerList) ?? [],
                        targets.ReadNames("tagNames", PermissionRules.MaxValuesPerList) ?? [],
                        targets.ReadNames("usernames", PermissionRules.MaxValuesPerList) ?? [],
                        targets.ReadObjectArray("combination", PermissionRules.MaxCombinationItems)?.Select(c => new CombinationItem(
                            c.ReadString("type", required: true) ?? "", c.ReadNames("values", PermissionRules.MaxValuesPerList) ?? [])).ToList() ?? [],
                        targets.ReadBool("isSelectAll")),
                PurchaseLimit: limit is null
                    ? CategoryPurchaseLimit.Default
                    : new CategoryPurchaseLimit(limit.ReadBool("isEnabled"), limit.ReadInt("quantity", 1), limit.ReadInt("intervalCount", 1),
                        limit.ReadString("intervalUnit", required: false) ?? CategoryPurchaseLimit.Default.IntervalUnit),
                AccessLevel: entry.ReadString("accessLevel", required: false) ?? "full-access");
            Validate(read, entry);
            entries.Add(read);
        }

        return entries;
    }

    private static void Validate(CategoryPermissionEntry entry, JsonFields f)
    {
        void OneOf(string value, IReadOnlyList<string> allowed, string field)
        {
            if (!allowed.Contains(value, StringComparer.Ordinal)) f.Add("invalid_value", field, $"{field.Split('.')[^1]} must be one of {string.Join(", ", allowed)}.");
        }

        if (entry.Type.Length > 0) OneOf(entry.Type, ProductRules.PermissionTypes, "type");
        for (var c = 0; c < entry.Permission.Combination.Count; c++)
        {
            OneOf(entry.Permission.Combination[c].Type, ProductRules.CombinationTypes, $"permission.combination[{c}].type");
        }

        if (entry.PurchaseLimit.Quantity < 1) f.Add("out_of_range", "purchaseLimit.quantity", "purchaseLimit.quantity must be 1 or more.");
        if (entry.PurchaseLimit.IntervalCount < 1) f.Add("out_of_range", "purchaseLimit.intervalCount", "purchaseLimit.intervalCount must be 1 or more.");
        OneOf(entry.PurchaseLimit.IntervalUnit, ProductRules.IntervalUnits, "purchaseLimit.intervalUnit");
        OneOf(entry.AccessLevel, ProductRules.AccessLevels, "accessLevel");
    }
}
