using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Store;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.AccessRules;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Products;

namespace ReturningAi.Store.Categories;

/// <summary>
/// Categories between their stored rows and the documented object: the default purchase status by name,
/// permission entries kept by the ids their names resolved to (AccessRules, as a product's) and read with the items'
/// current names, reads in three queries a page.
/// </summary>
public sealed class CategoryWriter(StoreDbContext db, ProductNameResolver resolver, Statuses.DefaultStatuses defaults)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal async Task<List<CategoryDto>> ToDtosAsync(IReadOnlyList<Category> categories, CancellationToken cancellationToken)
    {
        if (categories.Count == 0) return [];
        var statusIds = categories.Select(c => c.DefaultPurchaseStatusId).OfType<string>().Distinct().ToList();
        var statuses = statusIds.Count == 0
            ? []
            : await db.RedemptionStatuses.AsNoTracking().Where(s => statusIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var permissions = categories.ToDictionary(c => c.Id, c => PermissionEntries.ParseCategory(c.CategoryPermission));
        var current = await PermissionEntries.CurrentNamesAsync(db, categories[0].CommunityId,
            permissions.Values.SelectMany(e => e).Select(e => e.Permission), cancellationToken);
        return [.. categories.Select(c => new CategoryDto(
            c.Id, c.CommunityId, c.Name, c.Description, c.CoverImage, c.ShouldShowCover, c.IsArchived, c.ViewType, c.DisplayOrder,
            PermissionEntries.ToRead(permissions[c.Id], current),
            c.DefaultPurchaseStatusId is { } id ? statuses[id] : null,
            JsonSerializer.Deserialize<CategoryI18n>(c.I18n, Json)!, c.CreatedAt, c.UpdatedAt))];
    }

    /// <summary>A stored category as the base a partial update edits; its permission entries stay as stored unless sent.</summary>
    internal static CategoryDraft ToDraft(CategoryDto c) => new(
        c.Name, c.Description, c.CoverImage, c.ShouldShowCover, c.IsArchived, c.ViewType, c.DisplayOrder, null, c.DefaultPurchaseStatus, c.I18n);

    /// <summary>Resolves the draft's names and writes it onto <paramref name="category"/>; the unresolved names otherwise.</summary>
    internal async Task<List<ErrorItem>> ApplyAsync(Category category, CategoryDraft draft, CancellationToken cancellationToken)
    {
        var errors = new List<ErrorItem>();
        string? statusId = null;
        if (draft.DefaultPurchaseStatus is { } statusName)
        {
            await defaults.GetAsync(category.CommunityId, cancellationToken); // Pending exists before anything names it
            var key = NameKey.Normalize(statusName);
            statusId = await db.RedemptionStatuses.AsNoTracking().Where(s => s.CommunityId == category.CommunityId && s.NormalizedName == key)
                .Select(s => s.Id).SingleOrDefaultAsync(cancellationToken);
            if (statusId is null)
            {
                errors.Add(new ErrorItem("unknown_redemption_status", $"No redemption status named '{statusName}' in this community.", "defaultPurchaseStatusName"));
            }
        }

        var entries = draft.CategoryPermission ?? [];
        var (names, unresolved) = await resolver.ResolveTargetsAsync(category.CommunityId,
            [.. entries.Select((entry, e) => ($"categoryPermission[{e}].permission.", entry.Permission.Names))], cancellationToken);
        errors.AddRange(unresolved);
        if (errors.Count > 0) return errors;

        category.Name = draft.Name;
        category.NormalizedName = NameKey.Normalize(draft.Name);
        category.Description = draft.Description;
        category.CoverImage = draft.CoverImage;
        category.ShouldShowCover = draft.ShouldShowCover;
        category.IsArchived = draft.IsArchived;
        category.ViewType = draft.ViewType;
        category.DisplayOrder = draft.DisplayOrder;
        category.DefaultPurchaseStatusId = statusId;
        category.I18n = JsonSerializer.Serialize(draft.I18n, Json);
        // Entries not sent keep the ids they point at, rather than be resolved again from the names they show.
        if (draft.CategoryPermission is not null) category.CategoryPermission = PermissionEntries.ToStoredJson(draft.CategoryPermission, names);
        return errors;
    }
}
