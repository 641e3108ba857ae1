using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Contracts.Jobs;

/// <summary>
/// One row's outcome: <c>created</c>, <c>updated</c>, <c>applied</c>, <c>failed</c> or <c>not_applied</c>, its errors and result.
/// A CSV row has its <c>row</c>; a product of a JSON upload has its <see cref="Index"/> in the array instead.
/// </summary>
public sealed record JobDetailDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Row,
    string Status,
    IReadOnlyList<ErrorItem> Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonObject? Result)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Index { get; init; }
}
