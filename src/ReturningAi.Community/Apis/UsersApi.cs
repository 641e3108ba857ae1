using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.Contracts.Requests;
using ReturningAi.Lists;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Users;
using ReturningAi.Users.Accounts;
using ReturningAi.Users.Fields;
using ReturningAi.Users.History;
using ReturningAi.Users.Search;

namespace ReturningAi.Community.Apis;

/// <summary>The user directory (users.md U3, U4): users, their look-up and search, their account, roles and tags.</summary>
public static class UsersApi
{
    public static readonly ListDefinition<AccountAction, AccountActionDto> AccountActionList = new ListDefinition<AccountAction, AccountActionDto>()
        .Sort("createdAt", a => a.CreatedAt).Sort("action", a => a.Action).Filter("action", a => a.Action)
        .OrderBy("createdAt", descending: true).Tiebreak(a => a.Id, descending: true);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/users").RequireCommunity().WithTags("Users");
        users.MapPost("/", CreateUser).RequirePermission(Permissions.CreateUser).WithName("createUser").WithSummary("Create New User")
            .Body<UserCreate>().RequestExample(MemberExamples.UserCreate)
            .Returns<UserDto>(201).ResponseExample("Create user success.", MemberExamples.User, 201).Errors(400, 409);

        var read = users.MapGroup("").RequirePermission(Permissions.Users);
        read.MapGet("/{userId}", GetUser).WithName("getUser").WithSummary("Get user")
            .Returns<UserDto>().ResponseExample("Get user success.", MemberExamples.User).Errors(404);
        read.MapPut("/{userId}", UpdateUser).WithName("updateUser").WithSummary("Update a user (partial)")
            .Body<UserUpdate>().RequestExample(MemberExamples.UserUpdate)
            .Returns<UserDto>().ResponseExample("Update user success.", MemberExamples.User).Errors(400, 404, 409);
        read.MapDelete("/{userId}", DeleteUser).WithName("deleteUser").WithSummary("Delete a user (soft; as manage action delete)")
            .Returns<ManageResultDto>().ResponseExample("Manage user account success.", MemberExamples.ManageResult with { Action = "delete" }).Errors(400, 404);
        read.MapPost("/info", GetUserData).IgnoresIdempotencyKey().WithName("getUserData").WithSummary("Get User Data")
            .Body<UserLookup>().RequestExample(new { idOrEmail = "ada@example.com" })
            .Returns<UserDto>().ResponseExample("Get user data success.", MemberExamples.User).Errors(400, 404);
        read.MapPost("/search", SearchUsers).IgnoresIdempotencyKey().WithName("searchUsers").WithSummary("Get Users with Filters")
            .Body<UserQuery>().RequestExample(MemberExamples.SearchBody)
            .Produces<UserSearchPage>(200, EndpointDocumentation.Json).SearchExample().Errors(400);
        read.MapPost("/manage", ManageUser).WithName("manageUserAccount").WithSummary("Manage User Account (ban, unban, delete, restore)")
            .Body<UserManage>().RequestExample(new { action = "ban", user = "ada_lovelace_123", reason = "Spam in the lobby" })
            .Returns<ManageResultDto>().ResponseExample("Manage user account success.", MemberExamples.ManageResult).Errors(400, 404, 409);
        read.MapGet("/{userId}/account-actions", ListAccountActions).WithName("listAccountActions").WithSummary("A user's account actions, newest first")
            .ListParameters(AccountActionList).Returns<IReadOnlyList<AccountActionDto>>()
            .ResponseExample("Get account actions success.", new[] { MemberExamples.AccountAction }).Errors(400, 404);
        MapLabels(read, "roles", ReferenceDataChanged.Role);
        MapLabels(read, "tags", ReferenceDataChanged.Tag);
        return app;
    }

    private static void MapLabels(RouteGroupBuilder users, string noun, string kind)
    {
        var title = noun == "roles" ? "Roles" : "Tags";
        users.MapGet($"/{{userId}}/{noun}", (string userId, HttpContext http, CommunityDbContext db, CancellationToken ct) =>
                ListUserLabels(userId, http, db, kind, ct))
            .WithName($"listUser{title}").WithSummary($"The {noun} a user holds")
            .Returns<IReadOnlyList<LabelRefDto>>().ResponseExample($"Get user {noun} success.", new[] { new LabelRefDto("6650c9f014a3e564c5c09c0c", "VIP") })
            .Errors(404);
        users.MapPost($"/{{userId}}/{noun}", (string userId, HttpContext http, CommunityDbContext db, CancellationToken ct) =>
                ChangeUserLabels(userId, http, db, kind, noun, ct))
            .WithName($"changeUser{title}").WithSummary($"Add and remove a user's {noun}, or set them")
            .Body<UserLabelsChange>().RequestExample(MemberExamples.UserLabelsChange)
            .Returns<UserDto>().ResponseExample($"Update user {noun} success.", MemberExamples.User).Errors(400, 404, 409);
    }

    public static async Task<IResult> CreateUser(HttpContext http, CommunityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var input = UserInputReader.ReadCreate(document!.RootElement, time.GetUtcNow(), errors);
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var communityId = http.GetGatewayIdentity().CommunityId!;
        var creator = await Creators.ForRequestAsync(http, db, cancellationToken);
        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var user = await UserCreation.CreateAsync(db, communityId, input, creator, HistorySources.Api, cancellationToken);
            return ApiResults.Success("Create user success.", await UserViews.ToDtoAsync(db, user, cancellationToken), StatusCodes.Status201Created);
        }, cancellationToken);
    }

    public static async Task<IResult> GetUser(string userId, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var user = await UserFinder.FindAsync(db, http.GetGatewayIdentity().CommunityId!, userId, cancellationToken);
        return user is null
            ? ApiErrors.NotFound(http, "The user")
            : FieldProjection.Success(http, "Get user success.", await UserViews.ToDtoAsync(db, user, cancellationToken));
    }

    public static async Task<IResult> UpdateUser(string userId, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        if (await UserFinder.FindAsync(db, communityId, userId, cancellationToken) is null) return ApiErrors.NotFound(http, "The user");

        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var input = UserInputReader.ReadUpdate(document!.RootElement, errors);
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var creator = await Creators.ForRequestAsync(http, db, cancellationToken);
        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var user = await UserEdits.ApplyAsync(db, communityId, userId, input, creator, HistorySources.Api, cancellationToken);
            return ApiResults.Success("Update user success.", await UserViews.ToDtoAsync(db, user, cancellationToken));
        }, cancellationToken);
    }

    public static Task<IResult> DeleteUser(string userId, string? reason, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var errors = new List<ErrorItem>();
        if (reason is not null && (!TextCharacters.AreAllowed(reason) || reason.Trim().Length is 0 or > UserRules.MaxReasonLength))
        {
            errors.Add(new ErrorItem("invalid_length", $"reason must be 1–{UserRules.MaxReasonLength} characters without control characters.", "reason"));
        }

        if (!ObjectIds.IsValid(userId)) return Task.FromResult(ApiErrors.NotFound(http, "The user"));
        return errors.Count > 0
            ? Task.FromResult(ApiErrors.Validation(http, errors))
            : ManageAsync(http, db, new ManageRequest(AccountActions.Delete, userId, reason?.Trim(), null, null), cancellationToken);
    }

    public static async Task<IResult> ManageUser(HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var request = ManageRequestReader.Read(document!.RootElement, errors);
        return request is null ? ApiErrors.Validation(http, errors) : await ManageAsync(http, db, request, cancellationToken);
    }

    private static async Task<IResult> ManageAsync(HttpContext http, CommunityDbContext db, ManageRequest request, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var creator = await Creators.ForRequestAsync(http, db, cancellationToken);
        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var (result, changed) = await AccountManagement.ApplyAsync(db, communityId, request, creator, cancellationToken);
            return ApiResults.Success(ApiMeta.Success(StatusCodes.Status200OK) with { Changed = changed }, "Manage user account success.", result);
        }, cancellationToken);
    }

    public static async Task<IResult> GetUserData(HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var communityId = http.GetGatewayIdentity().CommunityId!;
        var body = document!.RootElement;
        var errors = new List<ErrorItem>();
        var fields = new JsonFields(body, errors);
        User? user;
        if (fields.Has("idOrEmail"))
        {
            var idOrEmail = fields.ReadString("idOrEmail", required: true, minLength: 1, maxLength: UserRules.MaxEmailLength);
            if (errors.Count > 0) return ApiErrors.Validation(http, errors);
            user = ObjectIds.IsValid(idOrEmail)
                ? await UserFinder.FindAsync(db, communityId, idOrEmail, cancellationToken)
                : await UserFinder.FindLiveByEmailAsync(db, communityId, idOrEmail!, cancellationToken);
        }
        else if (fields.Has("username"))
        {
            var username = fields.ReadString("username", required: true, minLength: 1, maxLength: UserRules.MaxUsernameLength);
            if (errors.Count > 0) return ApiErrors.Validation(http, errors);
            user = await UserFinder.FindLiveByUsernameAsync(db, communityId, username!, cancellationToken);
        }
        else if (fields.Has("field"))
        {
            var reference = fields.ReadString("field", required: true, minLength: 1, maxLength: 100);
            if (errors.Count > 0) return ApiErrors.Validation(http, errors);
            var field = await UserFields.FindAsync(db, communityId, reference!, cancellationToken);
            if (field is null || !field.IsUnique)
            {
                return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "invalid_lookup",
                    $"'{reference}' is not a unique user field of this community; look users up by a unique field only.", "field");
            }

            if (!UserFieldValueRules.TryRead(new UserFieldShape(field.Key, field.Type, field.Options), fields.ReadRaw("value"), out var value, out var problem)
                || value?.UniqueKey is null)
            {
                return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "invalid_field_value", value is null && problem.Length == 0 ? "value is required." : problem, "value");
            }

            var key = value.UniqueKey;
            user = await (from v in db.UserFieldValues
                          join u in db.Users on v.UserId equals u.Id
                          where v.FieldId == field.Id && v.UniqueKey == key && v.UserLive
                          select u).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        }
        else
        {
            return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "invalid_lookup",
                "Name the user by idOrEmail (its _id or email), by username, or by field and value of a unique field.", null);
        }

        return user is null
            ? ApiErrors.NotFound(http, "The user")
            : ApiResults.Success("Get user data success.", await UserViews.ToDtoAsync(db, user, cancellationToken));
    }

    public static async Task<IResult> SearchUsers(HttpContext http, CommunityDbContext db, IOptions<JsonOptions> json, IOptions<UserSearchOptions> options,
        CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var communityId = http.GetGatewayIdentity().CommunityId!;
        var fields = await UserFields.AllAsync(db, communityId, cancellationToken);
        var errors = new List<ErrorItem>();
        var request = UserSearchReader.Read(document!.RootElement, [.. fields.Select(UserFields.Known)], errors);
        if (request is null) return ApiErrors.Validation(http, errors);

        try
        {
            return TypedResults.Json(await UserSearch.RunAsync(db, communityId, request, json.Value.SerializerOptions, options.Value, cancellationToken));
        }
        catch (RefusedException refused)
        {
            return ApiErrors.Result(http, refused.StatusCode, refused.Message, refused.Errors);
        }
    }

    public static async Task<IResult> ListAccountActions(string userId, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        if (await UserFinder.FindAsync(db, communityId, userId, cancellationToken) is null) return ApiErrors.NotFound(http, "The user");
        return await AccountActionList.ListAsync(http, db.AccountActions.AsNoTracking().Where(a => a.UserId == userId && a.CommunityId == communityId),
            "Get account actions success.", AccountManagement.ToDto, cancellationToken);
    }

    private static async Task<IResult> ListUserLabels(string userId, HttpContext http, CommunityDbContext db, string kind, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        if (await UserFinder.FindAsync(db, communityId, userId, cancellationToken) is null) return ApiErrors.NotFound(http, "The user");
        var noun = kind == ReferenceDataChanged.Role ? "roles" : "tags";
        return ApiResults.Success($"Get user {noun} success.", await UserViews.LabelRefsAsync(db, userId, kind, cancellationToken));
    }

    private static async Task<IResult> ChangeUserLabels(string userId, HttpContext http, CommunityDbContext db, string kind, string noun,
        CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        if (await UserFinder.FindAsync(db, communityId, userId, cancellationToken) is null) return ApiErrors.NotFound(http, "The user");

        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var change = LabelChangeReader.Read(document!.RootElement, errors);
        if (change is null) return ApiErrors.Validation(http, errors);

        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var user = await LabelChanges.ApplyAsync(db, communityId, userId, kind, change, cancellationToken);
            return ApiResults.Success($"Update user {noun} success.", await UserViews.ToDtoAsync(db, user, cancellationToken));
        }, cancellationToken);
    }

    private static RouteHandlerBuilder SearchExample(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var response) == true
                && response.Content?.TryGetValue(EndpointDocumentation.Json, out var media) == true)
            {
                media.Example = OpenApiExamples.Node(MemberExamples.SearchPage);
            }

            return Task.CompletedTask;
        });
}
