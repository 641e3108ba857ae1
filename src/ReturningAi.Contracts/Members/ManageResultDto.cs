namespace ReturningAi.Contracts.Members;

/// <summary>The answer of <c>POST /users/manage</c>: the action, the user as it now is, its account, and the recorded action (null when nothing changed).</summary>
public sealed record ManageResultDto(string Action, UserDto User, AccountStateDto Account, AccountActionDto? AccountAction);
