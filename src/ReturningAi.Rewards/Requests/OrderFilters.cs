namespace ReturningAi.Rewards.Requests;

/// <summary>The filters of an order list (rewards.md §5): each null when not sent; <c>createdFrom</c> ≤ <c>createdAt</c> &lt; <c>createdTo</c>.</summary>
public sealed record OrderFilters(
    string? StatusName,
    string? ProductId,
    string? UserId,
    string? Email,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo);
