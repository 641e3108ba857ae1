using ReturningAi.Contracts.Members;

namespace ReturningAi.Community.Model;

/// <summary>A custom user field's definition (users.md U5). <see cref="Key"/> never changes.</summary>
public sealed class UserField
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Key { get; init; }
    public required string NormalizedKey { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string Type { get; set; }
    public List<string> Options { get; set; } = [];
    public bool Required { get; set; }
    public bool IsVisible { get; set; } = true;
    public bool IsEditableByUser { get; set; }
    public bool IsUnique { get; set; }

    /// <summary>The default value as canonical JSON, or null.</summary>
    public string? DefaultValue { get; set; }

    public required CreatorInfo Creator { get; init; }
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
