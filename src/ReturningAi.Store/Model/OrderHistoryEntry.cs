namespace ReturningAi.Store.Model;

/// <summary>One change of an order's status, with the statuses as they were named then; the purchase writes the first, from null.</summary>
public sealed class OrderHistoryEntry
{
    public required string Id { get; init; }
    public required string OrderId { get; init; }
    public required string CommunityId { get; init; }
    public string? FromStatusId { get; init; }
    public string? FromStatusName { get; init; }
    public required string ToStatusId { get; init; }
    public required string ToStatusName { get; init; }
    public string? Note { get; init; }
    public bool Refunded { get; init; }
    public string? ApiKeyId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
