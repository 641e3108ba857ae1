using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Contracts.Jobs;

/// <summary>One row's outcome: <c>created</c>, <c>updated</c>, <c>applied</c>, <c>failed</c> or <c>not_applied</c>, its errors and result.</summary>
public sealed record JobDetailDto(
    int Row,
    string Status,
    IReadOnlyList<ErrorItem> Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonObject? Result);
