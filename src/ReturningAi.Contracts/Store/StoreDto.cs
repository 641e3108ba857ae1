using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Store;

/// <summary>The store configuration object of <c>GET/PUT /stores</c>, as the product documents it.</summary>
public sealed record StoreDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    bool IsEnabled,
    string Title,
    string Description,
    StoreCover Cover,
    StoreCurrency Currency,
    StoreCallToAction CallToAction,
    StoreI18n I18n,
    IReadOnlyList<string> UserIdentifierFields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
