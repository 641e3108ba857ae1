using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.Contracts.Requests;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Users.Fields;
using ReturningAi.Users.History;

namespace ReturningAi.Community.Apis;

/// <summary>One user's value of one custom field (users.md U6): read, set (source <c>api</c>), clear.</summary>
public static class UserFieldValuesApi
{
    public static IEndpointRouteBuilder MapUserFieldValuesApi(this IEndpointRouteBuilder app)
    {
        var values = app.MapGroup("/users/{userId}/fields/{field}").RequireCommunity().RequirePermission(Permissions.UserFields)
            .WithTags("User field values");
        values.MapGet("/", GetValue).WithName("getUserFieldValue").WithSummary("A user's value of a field")
            .Returns<UserFieldValueDto>().ResponseExample("Get user field value success.", MemberExamples.Value).Errors(404);
        values.MapPut("/", SetValue).WithName("setUserFieldValue").WithSummary("Set a user's value of a field (one history item)")
            .Body<UserFieldValueUpdate>().RequestExample(new { value = "Gold", reference = "crm-change-8812", note = "Upgraded after the May campaign" })
            .Returns<UserFieldValueDto>().ResponseExample("Update user field value success.", MemberExamples.Value).Errors(400, 404, 409);
        values.MapDelete("/", ClearValue).WithName("clearUserFieldValue").WithSummary("Clear a user's value of a field")
            .Returns<UserFieldValueDto>().ResponseExample("Update user field value success.", MemberExamples.Value with { Value = null })
            .Errors(400, 404, 409);
        return app;
    }

    public static async Task<IResult> GetValue(string userId, string field, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        var user = await UserFinder.FindAsync(db, communityId, userId, cancellationToken);
        if (user is null) return ApiErrors.NotFound(http, "The user");
        var found = await UserFields.FindAsync(db, communityId, field, cancellationToken);
        if (found is null) return ApiErrors.NotFound(http, "The user field");
        return ApiResults.Success("Get user field value success.", await ToDtoAsync(db, user.Id, found, cancellationToken));
    }

    public static async Task<IResult> SetValue(string userId, string field, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var write = ValueWriteReader.Read(document!.RootElement, errors);
        return write is null ? ApiErrors.Validation(http, errors) : await WriteAsync(http, db, userId, field, write, cancellationToken);
    }

    public static Task<IResult> ClearValue(string userId, string field, string? reference, string? note, HttpContext http, CommunityDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new List<ErrorItem>();
        var changeNote = ChangeNote.FromQuery(reference, note, errors);
        return errors.Count > 0
            ? Task.FromResult(ApiErrors.Validation(http, errors))
            : WriteAsync(http, db, userId, field, new ValueWrite(default, changeNote), cancellationToken);
    }

    private static async Task<IResult> WriteAsync(HttpContext http, CommunityDbContext db, string userId, string field, ValueWrite write,
        CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        if (await UserFinder.FindAsync(db, communityId, userId, cancellationToken) is null) return ApiErrors.NotFound(http, "The user");
        var found = await UserFields.FindAsync(db, communityId, field, cancellationToken);
        if (found is null) return ApiErrors.NotFound(http, "The user field");

        var creator = await Creators.ForRequestAsync(http, db, cancellationToken);
        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var user = await UserFinder.LockAsync(db, communityId, userId, cancellationToken) ?? throw RefusedException.NotFound("The user");
            if (user.IsDeleted) throw UserEdits.UserDeleted();
            var fields = await LockedFields.ResolveAsync(db, communityId, [new FieldAssignment(found.Id, write.Value, "field", "value")], null,
                cancellationToken);
            var value = fields.Values.Count == 0 ? throw RefusedException.NotFound("The user field") : fields.Values[0];
            if (value.Value is null && value.Field.Required)
            {
                throw RefusedException.Invalid("field_required", $"'{value.Field.Key}' is a required field: it cannot be cleared.", "value");
            }

            var conflicts = await UniqueValues.ConflictsAsync(db, user.Id, fields.Values, cancellationToken);
            if (conflicts.Count > 0) throw RefusedException.Conflict(conflicts);
            if (write.Note.Reference is { } reference
                && await db.UserFieldHistory.AnyAsync(h => h.UserId == user.Id && h.FieldId == value.Field.Id && h.Reference == reference, cancellationToken))
            {
                throw RefusedException.Conflict("duplicate_reference", $"reference '{reference}' was already used for this user and field.", "reference");
            }

            var now = await DatabaseClock.NowAsync(db, cancellationToken);
            var item = await FieldValueWriter.WriteAsync(db, user, value.Field, value.Value, write.Note, HistorySources.Api, creator, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var meta = ApiMeta.Success(StatusCodes.Status200OK) with { Changed = item is not null };
            return ApiResults.Success(meta, "Update user field value success.", await ToDtoAsync(db, user.Id, value.Field, cancellationToken));
        }, cancellationToken);
    }

    private static async Task<UserFieldValueDto> ToDtoAsync(CommunityDbContext db, string userId, UserField field, CancellationToken cancellationToken)
    {
        var row = await db.UserFieldValues.AsNoTracking().SingleOrDefaultAsync(v => v.UserId == userId && v.FieldId == field.Id, cancellationToken);
        var lastChange = await db.UserFieldHistory.Where(h => h.UserId == userId && h.FieldId == field.Id && h.Applied)
            .MaxAsync(h => (DateTimeOffset?)h.ChangedAt, cancellationToken);
        return new UserFieldValueDto(userId, field.Id, field.Key, field.Type, FieldValueColumns.Json(row?.Value), lastChange);
    }
}
