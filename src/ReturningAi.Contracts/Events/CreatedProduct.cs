using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Events;

/// <summary>A product as <see cref="ProductsCreated"/> names it: id, name and category name.</summary>
public sealed record CreatedProduct([property: JsonPropertyName("_id")] string Id, string Name, string Category);
