namespace ReturningAi.Users.History;

/// <summary>A user named by exactly one of <c>userID</c>, <c>email</c>, <c>username</c>.</summary>
public sealed record UserReference(string? UserId, string? Email, string? Username);
