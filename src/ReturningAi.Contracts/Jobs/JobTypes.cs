namespace ReturningAi.Contracts.Jobs;

/// <summary>The kinds of bulk job and the permission that sees each (events-and-jobs.md section 3, "by type").</summary>
public static class JobTypes
{
    public const string Users = "users";
    public const string Currency = "currency";
    public const string Products = "products";

    public static IReadOnlyList<string> All { get; } = [Users, Currency, Products];

    public static string Permission(string type) => type == Users ? ApiKeys.Permissions.Users : ApiKeys.Permissions.Store;
}
