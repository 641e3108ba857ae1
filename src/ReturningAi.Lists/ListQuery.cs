using ReturningAi.Contracts.Http;

namespace ReturningAi.Lists;

/// <summary>
/// What a list request asked for, as read from its query (CONTRACT.md §7): the window (<c>skip</c>,
/// <c>limit</c>; <c>page</c> is read into <c>skip</c>), the order, the fields to return, the search text
/// and the filters; or every problem with them.
/// </summary>
public sealed record ListQuery(
    int Skip,
    int Limit,
    IReadOnlyList<ListSort> Sorts,
    IReadOnlyList<string>? Fields,
    string? Search,
    IReadOnlyList<ListFilter> Filters,
    IReadOnlyList<ErrorItem> Errors)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The furthest row a list can address: a window must end within 32 bits (the database's offset and EF's Skip).</summary>
    public const long MaxAddressableRow = int.MaxValue;

    public bool IsValid => Errors.Count == 0;

    public ApiMeta Meta(int total) => ApiMeta.Success(200) with
    {
        Skip = Skip,
        Limit = Limit,
        Total = total,
        Page = Skip / Limit + 1,
        TotalPages = (int)(((long)total + Limit - 1) / Limit),
    };
}
