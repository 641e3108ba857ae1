using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Rewards;

/// <summary>A status as it was named when a history entry was written.</summary>
public sealed record StatusRefDto([property: JsonPropertyName("_id")] string Id, string Name);
