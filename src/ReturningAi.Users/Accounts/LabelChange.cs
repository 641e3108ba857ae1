namespace ReturningAi.Users.Accounts;

/// <summary>A change of a user's roles or tags: names to add and remove, or the whole set (<see cref="Set"/> not null).</summary>
public sealed record LabelChange(IReadOnlyList<string> Add, IReadOnlyList<string> Remove, IReadOnlyList<string>? Set)
{
    /// <summary>The memberships after the change, given the current names (compared case-insensitively).</summary>
    public IReadOnlyList<T> Apply<T>(IReadOnlyList<T> current, IReadOnlyList<T> added, IReadOnlyList<T> removed, IEqualityComparer<T> comparer)
    {
        if (Set is not null) return [.. added.Distinct(comparer)];
        return [.. current.Where(c => !removed.Contains(c, comparer)).Concat(added).Distinct(comparer)];
    }
}
