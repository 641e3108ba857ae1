namespace ReturningAi.Users.Accounts;

/// <summary>What <c>POST /users/manage</c> can do to an account, and the status each leads to.</summary>
public static class AccountActions
{
    public const string Ban = "ban";
    public const string Unban = "unban";
    public const string Delete = "delete";
    public const string Restore = "restore";

    public static IReadOnlyList<string> All { get; } = [Delete, Restore, Ban, Unban];
}
