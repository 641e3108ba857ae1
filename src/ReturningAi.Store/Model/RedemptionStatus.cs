namespace ReturningAi.Store.Model;

/// <summary>
/// A status an order can be in. Exactly one per community is the default (a partial unique index keeps it
/// to at most one; the store makes <c>Pending</c> lazily); a status that refunds points is never the default.
/// </summary>
public sealed class RedemptionStatus
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    public bool IsDefault { get; set; }
    public bool RefundsPoints { get; init; }
    public string Category { get; set; } = "incomplete";
    public string? Color { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
