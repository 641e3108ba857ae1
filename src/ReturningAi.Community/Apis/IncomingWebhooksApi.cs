using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.Contracts.Requests;
using ReturningAi.Contracts.Webhooks;
using ReturningAi.Messaging;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Users;
using ReturningAi.Users.Fields;
using ReturningAi.Users.History;
using ReturningAi.Webhooks.Signing;

namespace ReturningAi.Community.Apis;

/// <summary>
/// The incoming webhook for custom user fields (events-and-jobs.md §2): a partner's system sets several values of one
/// user at once, all or none, each change one history item of source <c>webhook</c>.
/// </summary>
public static class IncomingWebhooksApi
{
    public const string UserFieldsPath = IncomingWebhookPaths.UserFields;
    public const int MaxFields = 100;
    public static readonly TimeSpan PreviousKeyLifetime = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapIncomingWebhooksApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/webhooks/incoming").RequireCommunity().RequirePermission(Permissions.Webhooks).WithTags("Incoming webhooks");
        settings.MapGet("/settings", GetSettings).WithName("getIncomingWebhookSettings").WithSummary("The community's incoming webhook settings")
            .WithDescription("Whether the incoming key is on (never the key itself) and the encryption the incoming calls must use (never its key).")
            .Returns<IncomingWebhookSettingsDto>().ResponseExample("Read incoming webhook settings success.", IncomingExamples.Settings);
        settings.MapPost("/api-key", CreateKey).WithName("createIncomingWebhookKey").WithSummary("Turn on or replace the incoming key (shown once)")
            .WithDescription("The key is generated and shown in this answer only (`key`); a key it replaces still works for 24 h "
                             + "(`apiKey.previousKeyExpiresAt`). Partners send it in `x-api-key` to the incoming webhook routes, and nowhere else.")
            .Returns<IncomingWebhookSettingsDto>(201).ResponseExample("Create incoming webhook key success.", IncomingExamples.SettingsWithKey, 201,
                ApiMeta.Success(201) with { SecretShown = true });
        settings.MapDelete("/api-key", RevokeKeys).WithName("deleteIncomingWebhookKey").WithSummary("Revoke the incoming key (and the one it replaced)")
            .Returns<IncomingWebhookSettingsDto>().ResponseExample("Delete incoming webhook key success.", IncomingExamples.Settings with
            {
                ApiKey = new IncomingApiKeyDto(false, null, null),
            });
        settings.MapPut("/encryption", UpdateEncryption).WithName("updateIncomingWebhookEncryption").WithSummary("Require encrypted incoming calls, or stop")
            .WithDescription("`{isEnabled, mode, key}` as an endpoint's `encryption`: `mode` `gcm` (default) or `cbc`, `key` 32 printable ASCII characters "
                             + "(400 `invalid_encryption_key`). While on, incoming calls must send `x-encrypted: true` and `{\"encrypted\": {alg, iv, "
                             + "ciphertext, tag}}` (GCM's additional data: the path after `/apis`); otherwise 400 `encryption_required`, "
                             + "`encryption_disabled` or `decryption_failed`.")
            .Body<IncomingEncryptionUpdate>().RequestExample(new { isEnabled = true, mode = "gcm", key = "0123456789abcdefghijklmnopqrstuv" })
            .Returns<IncomingWebhookSettingsDto>().ResponseExample("Update incoming webhook encryption success.", IncomingExamples.Settings).Errors(400);

        app.MapPost(UserFieldsPath, UpdateUserFields).RequireCommunity().RequireIncomingKeyOr(Permissions.Users).WithTags("Incoming webhooks")
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

    public static async Task<IResult> GetSettings(HttpContext http, CommunityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await db.IncomingWebhookSettings.AsNoTracking()
            .SingleOrDefaultAsync(s => s.CommunityId == http.GetGatewayIdentity().CommunityId, cancellationToken);
        return ApiResults.Success("Read incoming webhook settings success.", ToDto(found, time.GetUtcNow()));
    }

    public static async Task<IResult> CreateKey(HttpContext http, CommunityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = ApiKeyTokens.Generate();
        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        var settings = await LockAsync(db, http, now, cancellationToken);
        if (settings.KeyId is not null)
        {
            // The replaced key works 24 h more; a key replaced before it is dropped now.
            if (settings.PreviousKeyId is not null) db.AddEvent(new ApiKeyChanged(settings.PreviousKeyId, settings.CommunityId, Revoked: true), Source(settings));
            settings.PreviousKeyId = settings.KeyId;
            settings.PreviousKeyHash = settings.KeyHash;
            settings.PreviousKeyExpiresAt = now + PreviousKeyLifetime;
            db.AddEvent(new ApiKeyChanged(settings.KeyId, settings.CommunityId, Revoked: false), Source(settings));
        }

        settings.KeyId = ObjectIds.New(time);
        settings.KeyHash = ApiKeyTokens.Hash(token);
        settings.KeyCreatedAt = now;
        settings.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        SecretFields.Mark(http, "data.key");
        return ApiResults.Success(ApiMeta.Success(StatusCodes.Status201Created) with { SecretShown = true }, "Create incoming webhook key success.",
            ToDto(settings, now) with { Key = token });
    }

    public static async Task<IResult> RevokeKeys(HttpContext http, CommunityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        var settings = await LockAsync(db, http, now, cancellationToken);
        foreach (var keyId in new[] { settings.KeyId, settings.PreviousKeyId }.OfType<string>())
        {
            db.AddEvent(new ApiKeyChanged(keyId, settings.CommunityId, Revoked: true), Source(settings));
        }

        settings.KeyId = settings.PreviousKeyId = null;
        settings.KeyHash = settings.PreviousKeyHash = null;
        settings.KeyCreatedAt = settings.PreviousKeyExpiresAt = null;
        settings.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ApiResults.Success("Delete incoming webhook key success.", ToDto(settings, now));
    }

    public static async Task<IResult> UpdateEncryption(HttpContext http, CommunityDbContext db, StoredSecrets secrets, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var draft = EncryptionSettingsReader.Read(new JsonFields(document!.RootElement, errors));
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        var now = time.GetUtcNow();
        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        var settings = await LockAsync(db, http, now, cancellationToken);
        if (!draft.IsEnabled)
        {
            settings.EncryptionMode = null;
            settings.ProtectedEncryptionKey = null;
        }
        else if (draft.Key is null && settings.ProtectedEncryptionKey is null)
        {
            return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "invalid_encryption_key",
                "key is required to turn encryption on: 32 printable ASCII characters.", "key");
        }
        else
        {
            settings.EncryptionMode = draft.Mode ?? settings.EncryptionMode ?? EncryptionModes.Gcm;
            if (draft.Key is not null) settings.ProtectedEncryptionKey = secrets.Protect(draft.Key);
        }

        settings.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ApiResults.Success("Update incoming webhook encryption success.", ToDto(settings, now));
    }

    /// <summary>The caller's community's settings, locked for the request's transaction; made (off) on first use.</summary>
    private static async Task<IncomingWebhookSettings> LockAsync(CommunityDbContext db, HttpContext http, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO incoming_webhook_settings (community_id, updated_at) VALUES ({communityId}, {now}) ON CONFLICT (community_id) DO NOTHING
            """, cancellationToken);
        return await db.IncomingWebhookSettings.FromSqlInterpolated(
                $"SELECT * FROM incoming_webhook_settings WHERE community_id = {communityId}::bpchar FOR UPDATE")
            .SingleAsync(cancellationToken);
    }

    private static string Source(IncomingWebhookSettings settings) => $"incoming-webhook-key:{settings.CommunityId}";

    private static IncomingWebhookSettingsDto ToDto(IncomingWebhookSettings? settings, DateTimeOffset now) => new(
        new IncomingApiKeyDto(settings?.KeyId is not null, settings?.KeyCreatedAt,
            settings?.PreviousKeyExpiresAt > now ? settings.PreviousKeyExpiresAt : null),
        new WebhookEncryptionDto(settings?.EncryptionMode is not null, settings?.EncryptionMode));
}
