using ReturningAi.Contracts.Members;

namespace ReturningAi.Community.Model;

/// <summary>One change of a user's account status, recorded in the transaction of the change.</summary>
public sealed class AccountAction
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string UserId { get; init; }
    public required string Action { get; init; }
    public string? Reason { get; init; }
    public required string FromStatus { get; init; }
    public required string ToStatus { get; init; }
    public required CreatorInfo CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
