using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.Contracts.Requests;
using ReturningAi.Lists;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Users.History;

namespace ReturningAi.Community.Apis;

/// <summary>
/// The history of custom field values (users.md U7): reads newest first, paged and filtered, for the
/// community, a field, a user or both; and imports of dated past changes.
/// </summary>
public static class UserFieldHistoriesApi
{
    public static readonly ListDefinition<UserFieldHistoryItem, UserFieldHistoryItemDto> List =
        new ListDefinition<UserFieldHistoryItem, UserFieldHistoryItemDto>()
            .Sort("changedAt", h => h.ChangedAt).Sort("createdAt", h => h.CreatedAt)
            .Filter("source", h => h.Source).Filter("applied", h => h.Applied).Filter("field", h => h.Field)
            .OrderBy("changedAt", descending: true).Tiebreak(h => h.Id, descending: true);

    public static IEndpointRouteBuilder MapUserFieldHistoriesApi(this IEndpointRouteBuilder app)
    {
        var community = app.MapGroup("/user-field-histories").RequireCommunity().RequirePermission(Permissions.UserFields).WithTags("User field histories");
        community.MapGet("/", ListForCommunity).WithName("listUserFieldHistories").WithSummary("Get user field histories (all in the community)")
            .HistoryDocumentation();
        community.MapPost("/", ImportForCommunity).WithName("createUserFieldHistories").WithSummary("Create user field history (import dated changes)")
            .ImportDocumentation(withUser: true);

        var users = app.MapGroup("/users/{userId}").RequireCommunity().RequirePermission(Permissions.UserFields).WithTags("User field histories");
        users.MapGet("/field-histories", ListForUser).WithName("listUserFieldHistoriesForUser")
            .WithSummary("Get user field histories for a specific user").HistoryDocumentation();
        users.MapPost("/field-histories", ImportForUser).WithName("createUserFieldHistoriesForUser")
            .WithSummary("Create user field history for specific user").ImportDocumentation(withUser: false);
        users.MapGet("/fields/{field}/histories", ListForUserAndField).WithName("listUserFieldHistoriesForUserAndField")
            .WithSummary("Get user field histories of specific user field and user").HistoryDocumentation();
        return app;
    }

    internal static RouteHandlerBuilder HistoryDocumentation(this RouteHandlerBuilder endpoint) =>
        endpoint.ListParameters(List).Returns<IReadOnlyList<UserFieldHistoryItemDto>>()
            .ResponseExample("Get user field histories success.", new[] { MemberExamples.HistoryItem },
                meta: ApiMeta.Success(200) with { Skip = 0, Page = 1, Limit = 20, Total = 1, TotalPages = 1 })
            .Errors(400, 404);

    private static RouteHandlerBuilder ImportDocumentation(this RouteHandlerBuilder endpoint, bool withUser) =>
        endpoint.BodyArray<UserFieldHistoryImportItem>("UserFieldHistoryImport", HistoryImportReader.MaxItems)
            .RequestExample(withUser ? new object[] { new { email = "ada@example.com", field = "tier", newValue = "Gold", changedAt = "2025-06-01T09:00:00Z", reference = "crm-2" } }
                : MemberExamples.HistoryImportBody)
            .Returns<IReadOnlyList<UserFieldHistoryItemDto>>(201)
            .ResponseExample("Create user field history success.", new[] { MemberExamples.HistoryItem with { Source = "import" } }, 201,
                ApiMeta.Success(201) with { Created = 1, Skipped = 0, Applied = 1 })
            .Errors(400, 404, 409);

    public static Task<IResult> ListForCommunity(HttpContext http, CommunityDbContext db, string? field, string? userID, string? email, string? username,
        string? source, string? applied, string? from, string? to, CancellationToken cancellationToken) =>
        ListAsync(http, db, new HistoryFilter(field, userID, email, username, source, applied, from, to), cancellationToken);

    public static Task<IResult> ListForField(string field, HttpContext http, CommunityDbContext db, string? userID, string? email, string? username,
        string? source, string? applied, string? from, string? to, CancellationToken cancellationToken) =>
        ListAsync(http, db, new HistoryFilter(field, userID, email, username, source, applied, from, to), cancellationToken);

    public static Task<IResult> ListForUser(string userId, HttpContext http, CommunityDbContext db, string? field, string? source, string? applied,
        string? from, string? to, CancellationToken cancellationToken) =>
        ListAsync(http, db, new HistoryFilter(field, userId, null, null, source, applied, from, to), cancellationToken);

    public static Task<IResult> ListForUserAndField(string userId, string field, HttpContext http, CommunityDbContext db, string? source, string? applied,
        string? from, string? to, CancellationToken cancellationToken) =>
        ListAsync(http, db, new HistoryFilter(field, userId, null, null, source, applied, from, to), cancellationToken);

    private sealed record HistoryFilter(string? Field, string? UserId, string? Email, string? Username, string? Source, string? Applied,
        string? From, string? To);

    private static async Task<IResult> ListAsync(HttpContext http, CommunityDbContext db, HistoryFilter filter, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var list = List.Read(http.Request);
        var errors = new List<ErrorItem>(list.Errors);
        var from = ReadMoment(filter.From, "from", errors);
        var to = ReadMoment(filter.To, "to", errors);
        if (from is not null && to is not null && from >= to) errors.Add(new ErrorItem("invalid_range", "from must be before to.", "to"));
        if (filter.Source is not null && !HistorySources.All.Contains(filter.Source))
        {
            errors.Add(new ErrorItem("invalid_query", $"source must be one of {string.Join(", ", HistorySources.All)}.", "source"));
        }

        bool? applied = filter.Applied is null ? null : bool.TryParse(filter.Applied, out var flag) ? flag : null;
        if (filter.Applied is not null && applied is null) errors.Add(new ErrorItem("invalid_query", "applied must be true or false.", "applied"));

        var (query, filterErrors) = List.Where(db.UserFieldHistory.AsNoTracking().Where(h => h.CommunityId == communityId), list);
        errors.AddRange(filterErrors);
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        if (filter.Field is not null)
        {
            var field = await UserFields.FindAsync(db, communityId, filter.Field, cancellationToken);
            if (field is null) return ApiErrors.NotFound(http, "The user field");
            query = query.Where(h => h.FieldId == field.Id);
        }

        if (filter.UserId is not null || filter.Email is not null || filter.Username is not null)
        {
            var user = filter.UserId is not null ? await UserFinder.FindAsync(db, communityId, filter.UserId, cancellationToken)
                : filter.Email is not null ? await UserFinder.FindLiveByEmailAsync(db, communityId, filter.Email, cancellationToken)
                : await UserFinder.FindLiveByUsernameAsync(db, communityId, filter.Username!, cancellationToken);
            if (user is null) return ApiErrors.NotFound(http, "The user");
            query = query.Where(h => h.UserId == user.Id);
        }

        if (filter.Source is not null) query = query.Where(h => h.Source == filter.Source);
        if (applied is not null) query = query.Where(h => h.Applied == applied);
        if (from is not null) query = query.Where(h => h.ChangedAt >= from);
        if (to is not null) query = query.Where(h => h.ChangedAt < to);

        var total = await query.CountAsync(cancellationToken);
        var sort = list.Sorts.Count > 0 ? list.Sorts[0] : null;
        var ascending = sort is { Descending: false };
        var ordered = sort?.Field == "createdAt"
            ? (ascending ? query.OrderBy(h => h.CreatedAt).ThenBy(h => h.Id) : query.OrderByDescending(h => h.CreatedAt).ThenByDescending(h => h.Id))
            : (ascending ? query.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id) : query.OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id));
        var items = await ordered.Skip(list.Skip).Take(list.Limit).ToListAsync(cancellationToken);
        var meta = list.Meta(total) with { From = from, To = to };
        var data = items.Select(ToDto).ToList();
        return list.Fields is null
            ? ApiResults.Success(meta, "Get user field histories success.", data)
            : ApiResults.Success(meta, "Get user field histories success.", FieldProjection.ProjectAll(http, data, list.Fields));
    }

    public static Task<IResult> ImportForCommunity(HttpContext http, CommunityDbContext db, CancellationToken cancellationToken) =>
        ImportAsync(http, db, null, cancellationToken);

    public static async Task<IResult> ImportForUser(string userId, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        if (await UserFinder.FindAsync(db, http.GetGatewayIdentity().CommunityId!, userId, cancellationToken) is null)
        {
            return ApiErrors.NotFound(http, "The user");
        }

        return await ImportAsync(http, db, userId, cancellationToken);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, CommunityDbContext db, string? userId, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var now = await DatabaseClock.NowAsync(db, cancellationToken);
        var errors = new List<ErrorItem>();
        var items = HistoryImportReader.Read(document!.RootElement, namesUser: userId is null, now, errors);
        if (items is null) return ApiErrors.Validation(http, errors);

        var communityId = http.GetGatewayIdentity().CommunityId!;
        var creator = await Creators.ForRequestAsync(http, db, cancellationToken);
        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var outcome = await HistoryImport.RunAsync(db, communityId, userId, items, creator, cancellationToken);
            var meta = ApiMeta.Success(StatusCodes.Status201Created) with { Created = outcome.Created, Skipped = outcome.Skipped, Applied = outcome.Applied };
            return ApiResults.Success(meta, "Create user field history success.", outcome.Items.Select(ToDto).ToList());
        }, cancellationToken);
    }

    public static UserFieldHistoryItemDto ToDto(UserFieldHistoryItem h) => new(h.Id, h.CommunityId, h.UserId, h.FieldId, h.Field,
        FieldValueColumns.Json(h.OldValue), FieldValueColumns.Json(h.NewValue), h.Source, h.Reference, h.Note, h.Applied, h.CreatedBy, h.ChangedAt, h.CreatedAt);

    private static DateTimeOffset? ReadMoment(string? text, string name, List<ErrorItem> errors)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            return moment;
        }

        errors.Add(new ErrorItem("invalid_date", $"{name} must be an ISO-8601 date or date-time.", name));
        return null;
    }
}
