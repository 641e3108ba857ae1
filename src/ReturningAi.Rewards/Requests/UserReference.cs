namespace ReturningAi.Rewards.Requests;

/// <summary>A user named by exactly one of <c>userID</c> and <c>email</c> (rewards.md §1, Users).</summary>
public sealed record UserReference(string? UserId, string? Email)
{
    public const string UserIdField = "userID";
    public const string EmailField = "email";
    public const string RequiredCode = "user_identifier_required";
    public const string RequiredMessage = "Name the user by exactly one of userID and email.";
}
