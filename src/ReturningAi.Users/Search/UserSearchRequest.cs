namespace ReturningAi.Users.Search;

/// <summary>
/// <c>POST /users/search</c>, read and checked against the community's fields. <see cref="Fields"/> null
/// answers whole users; <see cref="Cursor"/> and <see cref="Page"/> never come together.
/// </summary>
public sealed record UserSearchRequest(
    IReadOnlyList<SearchColumn>? Fields,
    IReadOnlyList<SearchCondition> Conditions,
    string? Search,
    LabelFilter? Roles,
    LabelFilter? Tags,
    IReadOnlyList<string> Statuses,
    SearchSort Sort,
    int Page,
    SearchCursor? Cursor,
    string Fingerprint)
{
    /// <summary>The docs' fixed page size.</summary>
    public const int PageSize = 200;
}
