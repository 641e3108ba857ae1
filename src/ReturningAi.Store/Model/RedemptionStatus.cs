namespace ReturningAi.Store.Model;

public sealed class RedemptionStatus
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
