namespace ReturningAi.Store.Model;

/// <summary>A store category; its permission entries and translations are JSON documents, as a product's are.</summary>
public sealed class Category
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    public string Description { get; set; } = "";
    public string? CoverImage { get; set; }
    public bool ShouldShowCover { get; set; }
    public bool IsArchived { get; set; }
    public string ViewType { get; set; } = "full";
    public int DisplayOrder { get; set; }
    public string CategoryPermission { get; set; } = "[]";
    public string? DefaultPurchaseStatusId { get; set; }
    public string I18n { get; set; } = """{"isTranslationEnabled":false,"nameTranslations":[]}""";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
