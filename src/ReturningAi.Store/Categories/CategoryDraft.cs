using ReturningAi.Contracts.Store;

namespace ReturningAi.Store.Categories;

/// <summary>
/// A category as the partner wrote it: names (status, permission targets) not yet resolved. A null
/// <see cref="CategoryPermission"/> keeps the stored entries (and the ids they point at).
/// </summary>
internal sealed record CategoryDraft(
    string Name,
    string Description,
    string? CoverImage,
    bool ShouldShowCover,
    bool IsArchived,
    string ViewType,
    int DisplayOrder,
    IReadOnlyList<CategoryPermissionEntry>? CategoryPermission,
    string? DefaultPurchaseStatus,
    CategoryI18n I18n)
{
    public static CategoryDraft Empty { get; } = new("", "", null, false, false, "full", 0, null, null, CategoryI18n.Default);
}
