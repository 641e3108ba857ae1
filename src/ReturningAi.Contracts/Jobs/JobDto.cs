using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Contracts.Jobs;

/// <summary>A bulk job (events-and-jobs.md section 3): what it does, how far it got and how it ended.</summary>
public sealed record JobDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("communityID")] string CommunityId,
    string Type,
    string State,
    string? FileName,
    JsonObject Options,
    JobRowsDto Rows,
    int Progress,
    [property: JsonPropertyName("apiKeyID")] string? ApiKeyId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ErrorItem? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
