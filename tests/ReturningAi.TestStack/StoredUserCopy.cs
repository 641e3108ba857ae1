namespace ReturningAi.TestStack;

/// <summary>A row of the store's copy of users, as the tests read it.</summary>
public sealed record StoredUserCopy(long Version, string Username, string Email, string Status, IReadOnlyList<string> RoleIds, IReadOnlyList<string> TagIds)
{
    /// <summary>Everything, lists included, as one comparable line.</summary>
    public override string ToString() => $"v{Version} {Username} {Email} {Status} roles [{string.Join(",", RoleIds)}] tags [{string.Join(",", TagIds)}]";
}
