using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Members;

/// <summary>A role or tag a user holds.</summary>
public sealed record LabelRefDto([property: JsonPropertyName("_id")] string Id, string Name);
