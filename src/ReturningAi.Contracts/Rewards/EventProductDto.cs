using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Rewards;

/// <summary>The product of a purchase event: id, name and category name.</summary>
public sealed record EventProductDto([property: JsonPropertyName("_id")] string Id, string Name, string Category);
