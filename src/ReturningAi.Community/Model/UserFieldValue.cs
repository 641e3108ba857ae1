namespace ReturningAi.Community.Model;

/// <summary>
/// A user's value of a custom field: the canonical JSON, and typed copies that the search indexes
/// (text and options upper-cased for case-insensitive matching). <see cref="UniqueKey"/> is set for
/// unique fields only and is unique per field among live users (<see cref="UserLive"/>).
/// </summary>
public sealed class UserFieldValue
{
    public required string UserId { get; init; }
    public required string FieldId { get; init; }
    public required string CommunityId { get; init; }
    public required string Value { get; set; }
    public string? TextValue { get; set; }
    public decimal? NumberValue { get; set; }
    public DateOnly? DateValue { get; set; }
    public bool? BoolValue { get; set; }
    public List<string>? OptionValues { get; set; }
    public string? UniqueKey { get; set; }
    public bool UserLive { get; set; } = true;
    public DateTimeOffset ChangedAt { get; set; }
}
