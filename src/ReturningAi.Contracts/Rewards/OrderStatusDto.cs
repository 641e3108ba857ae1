using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Rewards;

/// <summary>An order's status as the product documents it: id, name, category and colour.</summary>
public sealed record OrderStatusDto(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    string Category,
    string? Color);
