using System.Data;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
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
    /// <summary>The page as the response writes it: a <see cref="UserSearchPage"/>, or its whole-user form (<see cref="WholeUsersPage"/>).</summary>
    public static async Task<object> RunAsync(CommunityDbContext db, string communityId, UserSearchRequest request, JsonSerializerOptions json,
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
        // The count and the page in one transaction that reads one snapshot, so the total and the page agree (a read-only
        // transaction never fails to serialize).
        await using var transaction = await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginTransactionAsync(IsolationLevel.RepeatableRead,
            cancellationToken);
        var (total, ids) = await UserSearchCount.ReadAsync(transaction, countSql, countParameters, cancellationToken);
        var (pageSql, pageParameters) = query.Page(ids, manyMatch: total > options.PageFromIdsUpTo);
        var (users, lastSortValue) = await UserSearchHits.ReadAsync(transaction, pageSql, pageParameters, request.Sort.Column, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var page = request.Page;
        var pages = (total + UserSearchRequest.PageSize - 1) / UserSearchRequest.PageSize;
        var next = users.Count == UserSearchRequest.PageSize && page < pages
            ? new SearchCursor(page + 1, lastSortValue, users[^1].Id, request.Fingerprint).Encode()
            : null;

        var meta = new UserSearchMeta("success", StatusCodes.Status200OK, page, UserSearchRequest.PageSize, total, pages, next);
        const string Message = "Get users success.";
        return request.Fields is null
            ? new WholeUsersPage(meta, Message, users)
            : new UserSearchPage(meta, Message, [.. users.Select(user => Project(user, request.Fields, json))]);
    }

    /// <summary>
    /// <see cref="UserSearchPage"/> when every column is shown: the users serialized as they are read, not first as one
    /// <c>JsonObject</c> each (the documented type keeps <c>JsonObject</c> for the projected form).
    /// </summary>
    private sealed record WholeUsersPage(UserSearchMeta Meta, string Message, IReadOnlyList<UserDto> Data);

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
}
