namespace ReturningAi.Store.Model;

/// <summary>
/// A community's store settings (<c>/stores</c>), made with the defaults on first use. The nested
/// parts of the documented object (cover, currency, call to action, translations) are JSON documents.
/// </summary>
public sealed class StoreConfiguration
{
    public required string CommunityId { get; init; }
    public required string Id { get; init; }
    public bool IsEnabled { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public required string Cover { get; set; }
    public required string Currency { get; set; }
    public required string CallToAction { get; set; }
    public required string I18n { get; set; }
    public List<string> UserIdentifierFields { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
