namespace ReturningAi.Users;

/// <summary>A user's account status. Deleted users are kept (soft delete) but free their identifiers.</summary>
public static class UserStatuses
{
    public const string Active = "active";
    public const string Banned = "banned";
    public const string Deleted = "deleted";
}
