namespace ReturningAi.Store.Model;

/// <summary>
/// The store's copy of a community user, kept from Community's user events (users.md U9): who may buy,
/// by status and by the ids of the roles and tags held (so renaming a role changes nothing here).
/// <see cref="Version"/> only moves forward.
/// </summary>
public sealed class UserCopy
{
    public required string UserId { get; init; }
    public required string CommunityId { get; init; }
    public required string Username { get; set; }
    public required string NormalizedUsername { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string Status { get; set; }
    public List<string> RoleIds { get; set; } = [];
    public List<string> TagIds { get; set; } = [];
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
