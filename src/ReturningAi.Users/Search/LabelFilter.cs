namespace ReturningAi.Users.Search;

/// <summary>Roles or tags a user must hold: any of, all of, none of (names, resolved by Community).</summary>
public sealed record LabelFilter(IReadOnlyList<string> Any, IReadOnlyList<string> All, IReadOnlyList<string> None)
{
    public IEnumerable<string> Names => Any.Concat(All).Concat(None);
}
