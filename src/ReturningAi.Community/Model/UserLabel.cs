namespace ReturningAi.Community.Model;

/// <summary>A user holds a role or a tag. Deleting the role or tag (or the user) removes the membership with it.</summary>
public sealed class UserLabel
{
    public required string UserId { get; init; }
    public required string LabelId { get; init; }
    public required string CommunityId { get; init; }
    public required string Kind { get; init; }
}
