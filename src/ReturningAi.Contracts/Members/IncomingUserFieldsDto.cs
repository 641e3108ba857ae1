using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Members;

/// <summary>The incoming user-fields webhook's answer: the user and all its custom values after the write.</summary>
public sealed record IncomingUserFieldsDto(
    [property: JsonPropertyName("userID")] string UserId,
    IReadOnlyDictionary<string, JsonNode?> Fields);
