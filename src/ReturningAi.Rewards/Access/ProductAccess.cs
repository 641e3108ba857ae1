namespace ReturningAi.Rewards.Access;

/// <summary>
/// Who may buy a product (rewards.md §4, Grants). With product access off anyone may, and the entries are
/// ignored. Otherwise an enabled entry matches by its <c>type</c> alone: <c>role</c> any of its roles,
/// <c>tag</c> any of its tags, <c>user</c> the buyer among its users, <c>combination</c> every item (each:
/// any of its ids). The buyer's grants are the matching full-access entries.
/// </summary>
public static class ProductAccess
{
    public static AccessDecision Decide(bool isProductAccessEnabled, IReadOnlyList<AccessEntry> entries, Buyer buyer)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(buyer);
        if (!isProductAccessEnabled) return new AccessDecision(AccessOutcome.Open, []);

        var matching = entries.Where(e => e.IsEnabled && Matches(e, buyer)).ToList();
        var grants = matching.Where(e => e.AccessLevel == AccessEntry.FullAccess).ToList();
        if (grants.Count > 0) return new AccessDecision(AccessOutcome.Granted, grants);
        return new AccessDecision(matching.Count > 0 ? AccessOutcome.ViewOnly : AccessOutcome.NotEligible, []);
    }

    public static bool Matches(AccessEntry entry, Buyer buyer)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Type switch
        {
            "role" => Holds(entry.RoleIds, buyer.RoleIds),
            "tag" => Holds(entry.TagIds, buyer.TagIds),
            "user" => entry.UserIds.Contains(buyer.UserId, StringComparer.Ordinal),
            // An empty combination names nobody: "every item" of nothing must not open the product to all.
            "combination" => entry.Combination.Count > 0 && entry.Combination.All(item => Matches(item, buyer)),
            _ => false,
        };
    }

    private static bool Matches(TargetRule item, Buyer buyer) => item.Type switch
    {
        "role" => Holds(item.Ids, buyer.RoleIds),
        "tag" => Holds(item.Ids, buyer.TagIds),
        "user" => item.Ids.Contains(buyer.UserId, StringComparer.Ordinal),
        _ => false,
    };

    private static bool Holds(IReadOnlyList<string> accepted, IReadOnlyCollection<string> held) =>
        accepted.Any(id => held.Contains(id, StringComparer.Ordinal));
}
