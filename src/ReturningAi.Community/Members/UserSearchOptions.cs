namespace ReturningAi.Community.Members;

/// <summary>How user searches are run (configuration section <c>UserSearch</c>).</summary>
public sealed class UserSearchOptions
{
    public const string SectionName = "UserSearch";

    /// <summary>
    /// Up to this many matches, a search counted from the values' indexes pages from the ids the count found (read by key,
    /// then sorted: about 10 pages' worth); above it, the page walks the sort order and probes each user, which finds a
    /// page's 200 users early when many match. 0: always walk.
    /// </summary>
    public int PageFromIdsUpTo { get; set; } = 2_000;
}
