namespace ReturningAi.Store.Model;

/// <summary>The store's copy of a role, tag or username that Community owns, kept from its events.</summary>
public sealed class ReferenceName
{
    public required string CommunityId { get; init; }
    public required string Kind { get; init; }
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    public bool Deleted { get; set; }
    public long Version { get; set; }
}
