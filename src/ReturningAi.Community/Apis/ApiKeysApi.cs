using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Lists;
using ReturningAi.Messaging;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Contracts.Requests;
using ReturningAi.ServiceDefaults.OpenApi;

namespace ReturningAi.Community.Apis;

public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api-keys").RequireCommunity().WithTags("API keys");

        keys.MapGet("/current", GetCurrentKey).WithName("getCurrentApiKey").WithSummary("The key making this request").Returns<ApiKeyDto>().Errors(404);

        var managed = keys.MapGroup("").RequirePermission(Permissions.ApiKeys);
        managed.MapPost("/", CreateKey).WithName("createApiKey").WithSummary("Create an API key (its token is shown once)")
            .WithDescription("The new key may hold only permissions the calling key holds (else 403 `permission_escalation`).")
            .Body<ApiKeyCreate>().Returns<ApiKeyDto>(201).Errors(400, 403);
        managed.MapGet("/", ListKeys).WithName("listApiKeys").WithSummary("List the community's API keys").ListParameters(List).Returns<IReadOnlyList<ApiKeyDto>>().Errors(400);
        managed.MapPut("/{apiKeyId}", UpdateKey).WithName("updateApiKey").WithSummary("Update an API key")
            .WithDescription("Permissions sent must be held by the calling key (403 `permission_escalation`); a key cannot change its own "
                             + "permissions or expiry (403 `self_modification`); an expired key cannot be updated (409 `api_key_expired`); the "
                             + "community's last unexpired key holding `api-keys` cannot lose it (409 `last_admin_key`).")
            .Body<ApiKeyUpdate>().Returns<ApiKeyDto>().Errors(400, 403, 404, 409);
        managed.MapDelete("/{apiKeyId}", RevokeKey).WithName("deleteApiKey").WithSummary("Revoke an API key")
            .WithDescription("A key may revoke itself; the community's last unexpired key holding `api-keys` cannot be revoked (409 `last_admin_key`).")
            .Returns<ApiKeyDto>().Errors(404, 409);
        return app;
    }

    public static async Task<IResult> GetCurrentKey(HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var identity = http.GetGatewayIdentity();
        var key = await FindKey(db, identity.CommunityId!, identity.ApiKeyId, cancellationToken);
        return key is null
            ? ApiErrors.NotFound(http, "The API key")
            : ApiResults.Success("Get current API key success.", key.ToDto());
    }

    public static async Task<IResult> CreateKey(HttpContext http, CommunityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var (input, errors) = ApiKeyInput.Parse(document!.RootElement, isUpdate: false, time.GetUtcNow());
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);
        if (ApiKeyRules.Escalation(http, input.Permissions!) is { } escalation) return escalation;

        var token = ApiKeyTokens.Generate();
        var key = new ApiKey
        {
            Id = ObjectIds.New(time),
            CommunityId = http.GetGatewayIdentity().CommunityId!,
            Name = input.Name!,
            Permissions = [.. input.Permissions!],
            TokenHash = ApiKeyTokens.Hash(token),
            ExpiresAt = input.ExpiresAt,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);

        SecretFields.Mark(http, "data.token");
        return ApiResults.Success(ApiMeta.Success(StatusCodes.Status201Created) with { SecretShown = true }, "Create API key success.", key.ToDto(token));
    }

    public static readonly ListDefinition<ApiKey, ApiKeyDto> List = new ListDefinition<ApiKey, ApiKeyDto>()
        .Sort("name", k => k.Name).Sort("createdAt", k => k.CreatedAt).Sort("expiresAt", k => k.ExpiresAt)
        .Search(k => k.Name)
        .OrderBy("createdAt", descending: true).Tiebreak(k => k.Id, descending: true);

    public static Task<IResult> ListKeys(HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return List.ListAsync(http, db.ApiKeys.AsNoTracking().Where(k => k.CommunityId == communityId), "Read API keys success.",
            k => k.ToDto(), cancellationToken);
    }

    public static async Task<IResult> UpdateKey(
        string apiKeyId, HttpContext http, CommunityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsValid(apiKeyId)) return ApiErrors.NotFound(http, "The API key");
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var (result, changed) = await ApiKeyRules.UnderLockAsync(db, http.GetGatewayIdentity().CommunityId!, apiKeyId, async key =>
        {
            var now = time.GetUtcNow();
            if (key is null) return ApiErrors.NotFound(http, "The API key");
            if (ApiKeyRules.IsExpired(key, now)) return ApiKeyRules.Expired(http);

            var (input, errors) = ApiKeyInput.Parse(document!.RootElement, isUpdate: true, now);
            if (errors.Count > 0) return ApiErrors.Validation(http, errors);
            var refused = ApiKeyRules.SelfModification(http, key, input) ?? (input.Permissions is { } sent ? ApiKeyRules.Escalation(http, sent) : null);
            if (refused is not null) return refused;
            if (input.Permissions is { } permissions && !ApiKeyRules.IsAdmin(permissions) && await ApiKeyRules.IsLastAdminAsync(db, key, now, cancellationToken))
            {
                return ApiKeyRules.LastAdminKey(http, "permissions");
            }

            if (input.Name is not null) key.Name = input.Name;
            if (input.Permissions is not null) key.Permissions = [.. input.Permissions];
            if (input.ExpiresAtSent) key.ExpiresAt = input.ExpiresAt;
            AddChange(db, key, revoked: false);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }, cancellationToken);
        if (result is not null) return result;

        return ApiResults.Success("Update API key success.", changed!.ToDto());
    }

    public static async Task<IResult> RevokeKey(
        string apiKeyId, HttpContext http, CommunityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsValid(apiKeyId)) return ApiErrors.NotFound(http, "The API key");
        var (result, revoked) = await ApiKeyRules.UnderLockAsync(db, http.GetGatewayIdentity().CommunityId!, apiKeyId, async key =>
        {
            if (key is null) return ApiErrors.NotFound(http, "The API key");
            if (await ApiKeyRules.IsLastAdminAsync(db, key, time.GetUtcNow(), cancellationToken)) return ApiKeyRules.LastAdminKey(http, null);
            db.ApiKeys.Remove(key);
            AddChange(db, key, revoked: true);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }, cancellationToken);
        if (result is not null) return result;

        return ApiResults.Success("Delete API key success.", revoked!.ToDto());
    }

    private static Task<ApiKey?> FindKey(CommunityDbContext db, string communityId, string? keyId, CancellationToken cancellationToken) =>
        ObjectIds.IsValid(keyId)
            ? db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.CommunityId == communityId, cancellationToken)
            : Task.FromResult<ApiKey?>(null);

    /// <summary>
    /// Gateways learn of the change from this event, sent with it through the outbox: while the broker is
    /// away it waits, and their cache lifetime bounds how long the old key works meanwhile.
    /// </summary>
    private static void AddChange(CommunityDbContext db, ApiKey key, bool revoked) =>
        db.AddEvent(new ApiKeyChanged(key.Id, key.CommunityId, revoked), $"api-key:{key.Id}");
}
