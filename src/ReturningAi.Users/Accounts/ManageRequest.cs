namespace ReturningAi.Users.Accounts;

/// <summary>
/// <c>POST /users/manage</c>: the action, the user it names (username, <c>_id</c> or email), a reason,
/// and for <c>restore</c> an optional new username or email when the old ones were taken meanwhile.
/// </summary>
public sealed record ManageRequest(string Action, string User, string? Reason, string? NewUsername, string? NewEmail);
