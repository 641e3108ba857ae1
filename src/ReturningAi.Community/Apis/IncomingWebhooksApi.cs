using System.Text.Json;
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
using ReturningAi.Users;
using ReturningAi.Users.Fields;
using ReturningAi.Users.History;

namespace ReturningAi.Community.Apis;

/// <summary>
/// The incoming webhook for custom user fields (events-and-jobs.md §2): a partner's system sets several values of one
/// user at once, all or none, each change one history item of source <c>webhook</c>.
/// </summary>
public static class IncomingWebhooksApi
{
    public const string UserFieldsPath = "/webhooks/incoming/user-fields";
    public const int MaxFields = 100;

    public static IEndpointRouteBuilder MapIncomingWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(UserFieldsPath, UpdateUserFields).RequireCommunity().RequirePermission(Permissions.Users).WithTags("Incoming webhooks")
            .WithName("incomingUserFields").WithSummary("Incoming webhook: set a user's custom fields")
            .WithDescription("The user by `userID` or `email` (else 400 `user_identifier_required`; unknown: 404 `user_not_found`); `fields` holds "
                             + "1–100 values by field key, `null` clears one; all or none (400 `unknown_user_field`, `invalid_field_value` at "
                             + "`fields.<name>`). Each change writes one history item of source `webhook`. The answer holds all the user's values after.")
            .Body<IncomingUserFieldsUpdate>().RequestExample(new { email = "ada@example.com", fields = new Dictionary<string, object?> { ["tier"] = "Gold", ["deposit-amount"] = 250 } })
            .Returns<IncomingUserFieldsDto>().ResponseExample("Update user fields success.", MemberExamples.IncomingUserFields).Errors(400, 404, 409);
        return app;
    }

    public static async Task<IResult> UpdateUserFields(HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var body = new JsonFields(document!.RootElement, errors);
        var userId = body.ReadString("userID", required: false, maxLength: 24);
        var email = body.ReadString("email", required: false, maxLength: UserRules.MaxEmailLength);
        if (userId is null && email is null && !body.Has("userID") && !body.Has("email"))
        {
            errors.Add(new ErrorItem("user_identifier_required", "Name the user by userID or email.", "userID"));
        }

        var assignments = ReadFields(document.RootElement, errors);
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var communityId = http.GetGatewayIdentity().CommunityId!;
        var user = userId is not null
            ? await UserFinder.FindAsync(db, communityId, userId, cancellationToken)
            : await UserFinder.FindLiveByEmailAsync(db, communityId, email!, cancellationToken);
        if (user is null) return ApiErrors.Result(http, StatusCodes.Status404NotFound, "user_not_found", "No user of this community has this userID or email.");

        var creator = await Creators.ForRequestAsync(http, db, cancellationToken);
        return await MemberTransactions.RunAsync(http, db, async () =>
        {
            var updated = await UserEdits.ApplyAsync(db, communityId, user.Id, new UserInput { CustomFields = assignments }, creator,
                HistorySources.Webhook, cancellationToken);
            var values = await UserViews.CustomFieldsAsync(db, [updated.Id], cancellationToken);
            return ApiResults.Success("Update user fields success.",
                new IncomingUserFieldsDto(updated.Id, values.TryGetValue(updated.Id, out var fields) ? fields : []));
        }, cancellationToken);
    }

    /// <summary><c>fields</c>: an object of 1–100 values by field key, each checked where it is named (<c>fields.&lt;name&gt;</c>).</summary>
    private static List<FieldAssignment> ReadFields(JsonElement body, List<ErrorItem> errors)
    {
        if (!body.TryGetProperty("fields", out var fields) || fields.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new ErrorItem("required", "fields is required: an object of values by field key.", "fields"));
            return [];
        }

        if (fields.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ErrorItem("invalid_type", "fields must be an object of values by field key.", "fields"));
            return [];
        }

        var assignments = fields.EnumerateObject().Select(p => new FieldAssignment(p.Name, p.Value.Clone(), $"fields.{p.Name}", $"fields.{p.Name}")).ToList();
        if (assignments.Count is 0 or > MaxFields)
        {
            errors.Add(new ErrorItem(assignments.Count == 0 ? "invalid_length" : "too_many_items",
                $"fields must hold 1–{MaxFields} values; it has {assignments.Count}.", "fields"));
            return [];
        }

        return assignments;
    }
}
