namespace ReturningAi.Store.Model;

/// <summary>A community's store settings; absent until the first update, when the defaults apply.</summary>
public sealed class StoreConfiguration
{
    public required string CommunityId { get; init; }
    public required string CurrencyName { get; set; }
    public bool IsStoreOpen { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
