using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Store;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.Store.Infrastructure;
using ReturningAi.Store.Model;
using ReturningAi.Store.Products;

namespace ReturningAi.Store.Categories;

/// <summary>
/// Categories between their stored rows and the documented object: the default purchase status by name,
/// permission targets resolved as a product's (stored as the community spells them), reads in two queries a page.
/// </summary>
public sealed class CategoryWriter(StoreDbContext db, ProductNameResolver resolver)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal async Task<List<CategoryDto>> ToDtosAsync(IReadOnlyList<Category> categories, CancellationToken cancellationToken)
    {
        var statusIds = categories.Select(c => c.DefaultPurchaseStatusId).OfType<string>().Distinct().ToList();
        var statuses = statusIds.Count == 0
            ? []
            : await db.RedemptionStatuses.AsNoTracking().Where(s => statusIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return [.. categories.Select(c => new CategoryDto(
            c.Id, c.CommunityId, c.Name, c.Description, c.CoverImage, c.ShouldShowCover, c.IsArchived, c.ViewType, c.DisplayOrder,
            JsonSerializer.Deserialize<List<CategoryPermissionEntry>>(c.CategoryPermission, Json)!,
            c.DefaultPurchaseStatusId is { } id ? statuses[id] : null,
            JsonSerializer.Deserialize<CategoryI18n>(c.I18n, Json)!, c.CreatedAt, c.UpdatedAt))];
    }

    internal static CategoryDraft ToDraft(CategoryDto c) => new(
        c.Name, c.Description, c.CoverImage, c.ShouldShowCover, c.IsArchived, c.ViewType, c.DisplayOrder, c.CategoryPermission, c.DefaultPurchaseStatus, c.I18n);

    /// <summary>Resolves the draft's names and writes it onto <paramref name="category"/>; the unresolved names otherwise.</summary>
    internal async Task<List<ErrorItem>> ApplyAsync(Category category, CategoryDraft draft, CancellationToken cancellationToken)
    {
        var errors = new List<ErrorItem>();
        string? statusId = null;
        if (draft.DefaultPurchaseStatus is { } statusName)
        {
            var key = NameKey.Normalize(statusName);
            statusId = await db.RedemptionStatuses.AsNoTracking().Where(s => s.CommunityId == category.CommunityId && s.NormalizedName == key)
                .Select(s => s.Id).SingleOrDefaultAsync(cancellationToken);
            if (statusId is null)
            {
                errors.Add(new ErrorItem("unknown_redemption_status", $"No redemption status named '{statusName}' in this community.", "defaultPurchaseStatusName"));
            }
        }

        var (names, unresolved) = await resolver.ResolveTargetsAsync(category.CommunityId,
            [.. draft.CategoryPermission.Select((entry, e) => ($"categoryPermission[{e}].permission.", entry.Permission.Names))], cancellationToken);
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
        category.CategoryPermission = JsonSerializer.Serialize(draft.CategoryPermission.Select(entry => entry with
        {
            Permission = entry.Permission with
            {
                RoleNames = [.. entry.Permission.RoleNames.Select(n => names.Reference(Contracts.Events.ReferenceDataChanged.Role, n)!.Value.Name)],
                TagNames = [.. entry.Permission.TagNames.Select(n => names.Reference(Contracts.Events.ReferenceDataChanged.Tag, n)!.Value.Name)],
                Usernames = [.. entry.Permission.Usernames.Select(n => names.Reference(Contracts.Events.ReferenceDataChanged.User, n)!.Value.Name)],
                Combination = [.. entry.Permission.Combination.Select(c => c with { Values = [.. c.Values.Select(v => names.Reference(c.Type, v)!.Value.Name)] })],
            },
        }).ToList(), Json);
        return errors;
    }
}
