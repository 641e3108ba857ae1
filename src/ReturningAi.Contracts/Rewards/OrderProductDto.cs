using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Rewards;

/// <summary>The product as it was sold; its redemption instructions may be edited on the order alone.</summary>
public sealed record OrderProductDto(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    string? Image,
    string Category,
    string RedemptionInstructions);
