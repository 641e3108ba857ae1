using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Http;

/// <summary>One problem of a request. <c>Field</c> is a JSON path, or null when the problem belongs to no field.</summary>
public sealed record ErrorItem(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Field = null)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Index { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Row { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Column { get; init; }
}
