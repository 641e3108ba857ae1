using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.Users.Fields;
using ReturningAi.Users.Search;

namespace ReturningAi.Community.Members;

/// <summary>Runs a checked user search: one count and one page statement, which also reads the page's values and labels.</summary>
internal static class UserSearch
{
    public static async Task<UserSearchPage> RunAsync(CommunityDbContext db, string communityId, UserSearchRequest request, JsonSerializerOptions json,
        UserSearchOptions options, CancellationToken cancellationToken)
    {
        // One connection for the search's five to seven statements, instead of one from the pool (and its reset) for each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var errors = new List<ErrorItem>();
        var roles = await ResolveAsync(db, communityId, ReferenceDataChanged.Role, request.Roles, "roles", errors, cancellationToken);
        var tags = await ResolveAsync(db, communityId, ReferenceDataChanged.Tag, request.Tags, "tags", errors, cancellationToken);
        if (errors.Count > 0) throw RefusedException.Invalid(errors);

        var query = new UserSearchQuery(communityId, request, roles, tags);
        var (countSql, countParameters) = query.Count(options.PageFromIdsUpTo);
        var (total, ids) = await db.Database.SqlQueryRaw<SearchCount>(countSql, countParameters).SingleAsync(cancellationToken);
        var (pageSql, pageParameters) = query.Page(ids, manyMatch: total > options.PageFromIdsUpTo);
        var (users, lastSortValue) = await UserSearchHits.ReadAsync(db.Database.GetDbConnection(), pageSql, pageParameters, request.Sort.Column, cancellationToken);

        var page = request.Page;
        var pages = (total + UserSearchRequest.PageSize - 1) / UserSearchRequest.PageSize;
        var next = users.Count == UserSearchRequest.PageSize && page < pages
            ? new SearchCursor(page + 1, lastSortValue, users[^1].Id, request.Fingerprint).Encode()
            : null;

        var data = users.Select(user => request.Fields is null
            ? JsonSerializer.SerializeToNode(user, json)!.AsObject()
            : Project(user, request.Fields, json)).ToList();
        return new UserSearchPage(new UserSearchMeta("success", StatusCodes.Status200OK, page, UserSearchRequest.PageSize, total, pages, next),
            "Get users success.", data);
    }

    /// <summary><c>_id</c> and the asked columns, by the docs' column names; an unset custom value is null.</summary>
    private static JsonObject Project(UserDto user, IReadOnlyList<SearchColumn> columns, JsonSerializerOptions json)
    {
        var projected = new JsonObject { ["_id"] = user.Id };
        foreach (var column in columns)
        {
            projected[column.Name] = column.Field is not null
                ? user.CustomFields.GetValueOrDefault(column.Field.Key)?.DeepClone()
                : column.Name switch
                {
                    SearchColumns.Email => user.Email,
                    SearchColumns.Username => user.Username,
                    SearchColumns.FirstName => user.FirstName,
                    SearchColumns.LastName => user.LastName,
                    SearchColumns.DisplayName => user.DisplayName,
                    SearchColumns.JoinDate => JsonSerializer.SerializeToNode(user.JoinedAt, json),
                    SearchColumns.LastLogin => JsonSerializer.SerializeToNode(user.LastLogin, json),
                    SearchColumns.CreatedAt => JsonSerializer.SerializeToNode(user.CreatedAt, json),
                    _ => JsonSerializer.SerializeToNode(user.UpdatedAt, json),
                };
        }

        return projected;
    }

    private static async Task<LabelIds> ResolveAsync(CommunityDbContext db, string communityId, string kind, LabelFilter? filter, string path,
        List<ErrorItem> errors, CancellationToken cancellationToken)
    {
        if (filter is null) return LabelIds.Empty;
        async Task<IReadOnlyList<string>> Ids(IReadOnlyList<string> names, string op) =>
            [.. (await Memberships.ResolveAsync(db, communityId, kind, names, $"{path}.{op}", errors, cancellationToken)).Select(l => l.Id)];
        return new LabelIds(await Ids(filter.Any, "any"), await Ids(filter.All, "all"), await Ids(filter.None, "none"));
    }

    /// <summary>The count's row: the total, and the matching ids when few.</summary>
    private sealed record SearchCount(int Total, string[]? Ids);
}
