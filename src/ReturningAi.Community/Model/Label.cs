namespace ReturningAi.Community.Model;

/// <summary>A role or a tag: a name unique in its community (per kind) that products can target.</summary>
public sealed class Label
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    /// <summary>Grows with every change, so consumers of the change events keep the newest.</summary>
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
