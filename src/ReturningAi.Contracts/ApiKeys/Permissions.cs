namespace ReturningAi.Contracts.ApiKeys;

/// <summary>
/// The permissions a community API key can hold, and the one rule of what a held permission grants:
/// an umbrella permission grants the finer ones beneath it (CONTRACT.md §7).
/// </summary>
public static class Permissions
{
    public const string Store = "store";
    public const string Users = "users";
    public const string ApiKeys = "api-keys";
    public const string PurchaseHistory = "purchase-history";
    public const string CreateUser = "createUser";
    public const string UserFields = "userFields";
    public const string Appearance = "appearance";
    public const string Webhooks = "webhooks";

    /// <summary>
    /// Held only by a community's incoming webhook key (events-and-jobs.md §2), never granted to an API key (it is not in
    /// <see cref="All"/>): it opens the incoming webhook routes and nothing else.
    /// </summary>
    public const string IncomingWebhooks = "incoming-webhooks";

    public static IReadOnlyList<string> All { get; } = [Store, Users, ApiKeys, PurchaseHistory, CreateUser, UserFields, Appearance, Webhooks];

    /// <summary>What each umbrella grants beside itself; <c>api-keys</c> can mint any key anyway.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Umbrellas { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Store] = [PurchaseHistory],
        [Users] = [CreateUser, UserFields],
        [ApiKeys] = [Appearance, Webhooks],
    };

    public static bool IsKnown(string permission) => All.Contains(permission, StringComparer.Ordinal);

    /// <summary>Whether a key holding <paramref name="held"/> may do what <paramref name="requested"/> allows.</summary>
    public static bool Covers(IEnumerable<string> held, string requested) =>
        held.Any(permission => string.Equals(permission, requested, StringComparison.Ordinal)
            || (Umbrellas.TryGetValue(permission, out var granted) && granted.Contains(requested, StringComparer.Ordinal)));
}
