namespace ReturningAi.Community.Model;

public sealed class User
{
    public required string Id { get; init; }
    public required string CommunityId { get; init; }
    public required string Username { get; set; }
    public required string NormalizedUsername { get; set; }
    public required string Email { get; set; }
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
