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
using ReturningAi.Users.Fields;

namespace ReturningAi.Community.Apis;

/// <summary>
/// Custom user field definitions (users.md U5), at <c>/user-fields</c> and at the docs' path
/// <c>/communities/{communityID}/user-fields</c> (another community's id there is 404).
/// </summary>
public static class UserFieldsApi
{
    public static readonly ListDefinition<UserField, UserFieldDto> List = new ListDefinition<UserField, UserFieldDto>()
        .Sort("createdAt", f => f.CreatedAt).Sort("field", f => f.NormalizedKey).Sort("name", f => f.Name).Sort("updatedAt", f => f.UpdatedAt)
        .Filter("type", f => f.Type).Filter("required", f => f.Required).Filter("isUnique", f => f.IsUnique).Filter("isVisible", f => f.IsVisible)
        .Search(f => f.Name)
        .OrderBy("createdAt").Tiebreak(f => f.Id);

    public static IEndpointRouteBuilder MapUserFieldsApi(this IEndpointRouteBuilder app)
    {
        MapFields(app.MapGroup("/user-fields"), "");
        MapFields(app.MapGroup("/communities/{communityId}/user-fields").AddEndpointFilter(CommunityPath.Filter).CommunityPathParameter(), "ForCommunity");
        return app;
    }

    private static void MapFields(RouteGroupBuilder group, string suffix)
    {
        var fields = group.RequireCommunity().RequirePermission(Permissions.UserFields).WithTags("User fields");
        fields.MapGet("/", ListFields).WithName("listUserFields" + suffix).WithSummary("Get All User Fields (oldest first)")
            .ListParameters(List).Returns<IReadOnlyList<UserFieldDto>>().ResponseExample("Get user fields success.", new[] { MemberExamples.Field })
            .Errors(400);
        fields.MapPost("/", CreateField).WithName("createUserField" + suffix).WithSummary("Create Custom User Field")
            .Body<UserFieldCreate>().RequestExample(MemberExamples.FieldBody)
            .Returns<UserFieldDto>(201).ResponseExample("Create user field successful", MemberExamples.Field, 201).Errors(400, 409);
        fields.MapGet("/{field}", GetField).WithName("getUserField" + suffix).WithSummary("Get Specific User Field (by _id or key)")
            .Returns<UserFieldDto>().ResponseExample("Get user field success.", MemberExamples.Field).Errors(404);
        fields.MapPut("/{field}", UpdateField).WithName("updateUserField" + suffix).WithSummary("Update Custom User Field (name and type required)")
            .Body<UserFieldUpdate>().RequestExample(MemberExamples.FieldUpdateBody)
            .Returns<UserFieldDto>().ResponseExample("Updated user field", MemberExamples.Field).Errors(400, 404, 409);
        fields.MapDelete("/{field}", DeleteField).WithName("deleteUserField" + suffix).WithSummary("Delete Custom User Field, its values and history")
            .Returns<UserFieldDto>().ResponseExample("Delete user field success.", MemberExamples.Field,
                meta: ApiMeta.Success(200) with { ValuesDeleted = 120, HistoryDeleted = 310 }).Errors(404);
        fields.MapGet("/{field}/histories", UserFieldHistoriesApi.ListForField).WithName("listUserFieldHistoriesForField" + suffix)
            .WithSummary("Get user field histories for a specific field").HistoryDocumentation();
    }

    public static Task<IResult> ListFields(HttpContext http, CommunityDbContext db, string? type, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var query = db.UserFields.AsNoTracking().Where(f => f.CommunityId == communityId);
        if (type is not null)
        {
            if (UserFieldTypes.Canonical(type) is not { } canonical)
            {
                return Task.FromResult(ApiErrors.Result(http, StatusCodes.Status400BadRequest, "invalid_field_type",
                    $"type must be one of {string.Join(", ", UserFieldTypes.AcceptedNames)}.", "type"));
            }

            query = query.Where(f => f.Type == canonical);
        }

        return List.ListAsync(http, query, "Get user fields success.", UserFields.ToDto, cancellationToken);
    }

    public static async Task<IResult> CreateField(HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var communityId = http.GetGatewayIdentity().CommunityId!;
        var creator = await Creators.ForRequestAsync(http, db, cancellationToken);
        var body = document!.RootElement;
        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var field = await UserFieldDefinitions.CreateAsync(db, communityId, body, creator, cancellationToken);
            return ApiResults.Success("Create user field successful", UserFields.ToDto(field), StatusCodes.Status201Created);
        }, cancellationToken);
    }

    public static async Task<IResult> GetField(string field, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var found = await UserFields.FindAsync(db, http.GetGatewayIdentity().CommunityId!, field, cancellationToken);
        return found is null ? ApiErrors.NotFound(http, "The user field") : ApiResults.Success("Get user field success.", UserFields.ToDto(found));
    }

    public static async Task<IResult> UpdateField(string field, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var found = await UserFields.FindAsync(db, http.GetGatewayIdentity().CommunityId!, field, cancellationToken);
        if (found is null) return ApiErrors.NotFound(http, "The user field");

        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var body = document!.RootElement;
        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var updated = await UserFieldDefinitions.UpdateAsync(db, found.Id, body, cancellationToken);
            return ApiResults.Success("Updated user field", UserFields.ToDto(updated));
        }, cancellationToken);
    }

    public static async Task<IResult> DeleteField(string field, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var found = await UserFields.FindAsync(db, http.GetGatewayIdentity().CommunityId!, field, cancellationToken);
        if (found is null) return ApiErrors.NotFound(http, "The user field");

        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var (deleted, values, history) = await UserFieldDefinitions.DeleteAsync(db, found.Id, cancellationToken);
            var meta = ApiMeta.Success(StatusCodes.Status200OK) with { ValuesDeleted = values, HistoryDeleted = history };
            return ApiResults.Success(meta, "Delete user field success.", UserFields.ToDto(deleted));
        }, cancellationToken);
    }
}
