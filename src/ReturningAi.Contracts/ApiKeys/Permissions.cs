namespace ReturningAi.Contracts.ApiKeys;

/// <summary>The permissions a community API key can hold.</summary>
public static class Permissions
{
    public const string Store = "store";
    public const string Users = "users";
    public const string ApiKeys = "api-keys";

    public static IReadOnlyList<string> All { get; } = [Store, Users, ApiKeys];

    public static bool IsKnown(string permission) => All.Contains(permission, StringComparer.Ordinal);
}
