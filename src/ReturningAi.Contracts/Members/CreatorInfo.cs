using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Members;

/// <summary>Who made a change, as it was at the time (the docs' <c>CreatorInfo</c> / <c>UserFieldCreator</c>): an API key shows its name.</summary>
public sealed record CreatorInfo(
    string Type,
    [property: JsonPropertyName("_id")] string? Id,
    string? Username,
    string? DisplayName,
    string? Avatar)
{
    public const string ApiKey = "api_key";
    public const string User = "user";
    public const string SystemType = "system";

    public static CreatorInfo System { get; } = new(SystemType, null, null, "System", null);
}
