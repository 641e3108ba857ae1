using ReturningAi.Contracts.Members;

namespace ReturningAi.Community.Model;

/// <summary>One change of a custom field value, written in the transaction of the change (or imported, dated in the past).</summary>
public sealed class UserFieldHistoryItem
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string UserId { get; init; }
    public required string FieldId { get; init; }
    public required string Field { get; init; }
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
    public required string Source { get; init; }
    public string? Reference { get; init; }
    public string? Note { get; init; }
    public bool Applied { get; init; }
    public required CreatorInfo CreatedBy { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
