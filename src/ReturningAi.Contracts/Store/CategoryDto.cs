using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Store;

/// <summary>A store category as the product documents it; <c>defaultPurchaseStatus</c> is the status's name, or null.</summary>
public sealed record CategoryDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    string Name,
    string Description,
    string? CoverImage,
    bool ShouldShowCover,
    bool IsArchived,
    string ViewType,
    int DisplayOrder,
    IReadOnlyList<CategoryPermissionEntry> CategoryPermission,
    string? DefaultPurchaseStatus,
    CategoryI18n I18n,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
