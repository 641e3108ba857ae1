using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Members;

/// <summary>One user's value of one field; <c>value</c> null when unset, <c>lastChange</c> when it last changed.</summary>
public sealed record UserFieldValueDto(
    [property: JsonPropertyName("userID")] string UserId,
    [property: JsonPropertyName("fieldID")] string FieldId,
    string Field,
    string Type,
    JsonNode? Value,
    DateTimeOffset? LastChange);
