using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Members;

/// <summary>One change of a user's account status: ban, unban, delete or restore, with its reason.</summary>
public sealed record AccountActionDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("userID")] string UserId,
    string Action,
    string? Reason,
    string FromStatus,
    string ToStatus,
    CreatorInfo CreatedBy,
    DateTimeOffset CreatedAt);
