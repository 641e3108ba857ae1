using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Rewards;

/// <summary>One change of an order's status; the purchase writes the first, from null.</summary>
public sealed record OrderHistoryEntryDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("orderID")] string OrderId,
    StatusRefDto? FromStatus,
    StatusRefDto ToStatus,
    string? Note,
    bool Refunded,
    [property: JsonPropertyName("apiKeyID")] string? ApiKeyId,
    DateTimeOffset CreatedAt);
