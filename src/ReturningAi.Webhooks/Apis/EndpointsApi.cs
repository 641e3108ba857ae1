using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Webhooks;
using ReturningAi.Lists;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Idempotency;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.OpenApi;
using ReturningAi.Webhooks.Deliveries;
using ReturningAi.Webhooks.Endpoints;
using ReturningAi.Webhooks.Infrastructure;
using ReturningAi.Webhooks.Model;
using ReturningAi.Webhooks.Signing;

namespace ReturningAi.Webhooks.Apis;

/// <summary>Outgoing webhook endpoints (events-and-jobs.md §1.1): create, list, read, update, delete, rotate the secret.</summary>
public static class EndpointsApi
{
    public static readonly TimeSpan PreviousSecretLifetime = TimeSpan.FromHours(24);

    public static readonly ListDefinition<WebhookEndpoint, WebhookEndpointDto> List = new ListDefinition<WebhookEndpoint, WebhookEndpointDto>()
        .Sort("createdAt", e => e.CreatedAt).Sort("updatedAt", e => e.UpdatedAt).Sort("url", e => e.Url).Sort("isEnabled", e => e.IsEnabled)
        .Filter("isEnabled", e => e.IsEnabled)
        .Search(e => e.Url)
        .OrderBy("createdAt", descending: true).Tiebreak(e => e.Id, descending: true);

    public static IEndpointRouteBuilder MapEndpointsApi(this IEndpointRouteBuilder app)
    {
        var endpoints = app.MapGroup("/webhooks/endpoints").RequireCommunity().RequirePermission(Permissions.Webhooks).WithTags("Webhooks");
        endpoints.MapPost("/", CreateEndpoint).WithName("createWebhookEndpoint").WithSummary("Create a webhook endpoint")
            .WithDescription("The answer shows the signing `secret` once (an `Idempotency-Key` replay shows it as null).")
            .Body<WebhookEndpointCreate>().RequestExample(WebhookExamples.EndpointCreate)
            .Returns<WebhookEndpointDto>(201).ResponseExample("Create webhook endpoint success.", WebhookExamples.EndpointWithSecret, 201,
                ApiMeta.Success(201) with { SecretShown = true })
            .Errors(400, 409);
        endpoints.MapGet("/", ListEndpoints).WithName("listWebhookEndpoints").WithSummary("List webhook endpoints, newest first")
            .ListParameters(List).Returns<IReadOnlyList<WebhookEndpointDto>>().ResponseExample("Read webhook endpoints success.", new[] { WebhookExamples.Endpoint })
            .Errors(400);
        endpoints.MapGet("/{endpointId}", GetEndpoint).WithName("getWebhookEndpoint").WithSummary("Read a webhook endpoint")
            .Returns<WebhookEndpointDto>().ResponseExample("Read webhook endpoint success.", WebhookExamples.Endpoint).Errors(404);
        endpoints.MapPut("/{endpointId}", UpdateEndpoint).WithName("updateWebhookEndpoint").WithSummary("Update a webhook endpoint")
            .WithDescription("Partial: only the fields sent change. A new `url`, or `isEnabled: true`, re-checks the URL; enabling clears `disabledReason` and `failingSince`.")
            .Body<WebhookEndpointUpdate>().RequestExample(WebhookExamples.EndpointUpdate)
            .Returns<WebhookEndpointDto>().ResponseExample("Update webhook endpoint success.", WebhookExamples.Endpoint).Errors(400, 404);
        endpoints.MapDelete("/{endpointId}", DeleteEndpoint).WithName("deleteWebhookEndpoint").WithSummary("Delete a webhook endpoint")
            .WithDescription("Its pending deliveries are dropped; an attempt under way finishes first, and none starts after the answer.")
            .Returns<WebhookEndpointDto>().ResponseExample("Delete webhook endpoint success.", WebhookExamples.Endpoint).Errors(404);
        endpoints.MapPost("/{endpointId}/rotate-secret", RotateSecret).WithName("rotateWebhookSecret").WithSummary("Rotate an endpoint's signing secret")
            .WithDescription("The answer shows the new `secret` once; for 24 h (`previousSecretExpiresAt`) deliveries carry a signature with each secret, the new one first.")
            .Returns<WebhookEndpointDto>().ResponseExample("Rotate webhook secret success.", WebhookExamples.EndpointWithSecret, 200,
                ApiMeta.Success(200) with { SecretShown = true })
            .Errors(404);
        return app;
    }

    public static async Task<IResult> CreateEndpoint(HttpContext http, WebhooksDbContext db, EndpointWriter writer, StoredSecrets secrets,
        IOptions<WebhookOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        var errors = new List<ErrorItem>();
        var draft = EndpointFields.Read(document!.RootElement, isCreate: true, errors);
        var now = time.GetUtcNow();
        var secret = WebhookSecret.Generate();
        var endpoint = new WebhookEndpoint
        {
            Id = ObjectIds.New(time), CommunityId = http.GetGatewayIdentity().CommunityId!, Url = draft.Url ?? "", ProtectedSecret = secrets.Protect(secret),
            CreatedAt = now, UpdatedAt = now,
        };
        if (errors.Count == 0) errors.AddRange(await writer.ApplyAsync(endpoint, draft with { IsEnabled = draft.IsEnabled ?? true }, isCreate: true, cancellationToken));
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        // Creates of one community take turns, so that two at once cannot pass the limit together.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"webhook-endpoints:" + endpoint.CommunityId}, 0))", cancellationToken);
        var limit = options.Value.MaxEndpointsPerCommunity;
        if (await db.Endpoints.CountAsync(e => e.CommunityId == endpoint.CommunityId, cancellationToken) >= limit)
        {
            return ApiErrors.Result(http, StatusCodes.Status409Conflict, "too_many_endpoints", $"A community may have at most {limit} webhook endpoints.");
        }

        db.Endpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        SecretFields.Mark(http, "data.secret");
        return ApiResults.Success(ApiMeta.Success(StatusCodes.Status201Created) with { SecretShown = true }, "Create webhook endpoint success.",
            endpoint.ToDto(secret));
    }

    public static Task<IResult> ListEndpoints(HttpContext http, WebhooksDbContext db, CancellationToken cancellationToken)
    {
        var communityId = http.GetGatewayIdentity().CommunityId!;
        return List.ListAsync(http, db.Endpoints.AsNoTracking().Where(e => e.CommunityId == communityId), "Read webhook endpoints success.",
            e => e.ToDto(), cancellationToken);
    }

    public static async Task<IResult> GetEndpoint(string endpointId, HttpContext http, WebhooksDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(db, http, endpointId, tracked: false, cancellationToken);
        return endpoint is null ? NotFound(http) : ApiResults.Success("Read webhook endpoint success.", endpoint.ToDto());
    }

    public static async Task<IResult> UpdateEndpoint(string endpointId, HttpContext http, WebhooksDbContext db, EndpointWriter writer,
        CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http);
        if (error is not null) return error;
        using var _ = document;

        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        var endpoint = await FindAsync(db, http, endpointId, tracked: true, cancellationToken);
        if (endpoint is null) return NotFound(http);

        var errors = new List<ErrorItem>();
        var draft = EndpointFields.Read(document!.RootElement, isCreate: false, errors);
        var wasEnabled = endpoint.IsEnabled;
        if (errors.Count == 0) errors.AddRange(await writer.ApplyAsync(endpoint, draft, isCreate: false, cancellationToken));
        if (errors.Count > 0) return ApiErrors.Validation(http, errors);

        await db.SaveChangesAsync(cancellationToken);
        if (wasEnabled && !endpoint.IsEnabled) await DeliveryAttempts.FailPendingAsync(db, endpoint.Id, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ApiResults.Success("Update webhook endpoint success.", endpoint.ToDto());
    }

    public static async Task<IResult> DeleteEndpoint(string endpointId, HttpContext http, WebhooksDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(db, http, endpointId, tracked: false, cancellationToken);
        if (endpoint is null) return NotFound(http);

        // Waits for an attempt under way (it holds the endpoint's key-share lock); its deliveries go with it.
        var communityId = endpoint.CommunityId;
        var deleted = await db.Endpoints.Where(e => e.Id == endpoint.Id && e.CommunityId == communityId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(http) : ApiResults.Success("Delete webhook endpoint success.", endpoint.ToDto());
    }

    public static async Task<IResult> RotateSecret(string endpointId, HttpContext http, WebhooksDbContext db, StoredSecrets secrets, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var transaction = await NestedTransaction.BeginAsync(db, cancellationToken);
        var endpoint = await FindAsync(db, http, endpointId, tracked: true, cancellationToken);
        if (endpoint is null) return NotFound(http);

        var now = time.GetUtcNow();
        var secret = WebhookSecret.Generate();
        endpoint.ProtectedPreviousSecret = endpoint.ProtectedSecret;
        endpoint.PreviousSecretExpiresAt = now + PreviousSecretLifetime;
        endpoint.ProtectedSecret = secrets.Protect(secret);
        endpoint.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        SecretFields.Mark(http, "data.secret");
        return ApiResults.Success(ApiMeta.Success(StatusCodes.Status200OK) with { SecretShown = true }, "Rotate webhook secret success.",
            endpoint.ToDto(secret));
    }

    /// <summary>The caller's community's endpoint; a tracked one is locked for the update's transaction.</summary>
    internal static async Task<WebhookEndpoint?> FindAsync(WebhooksDbContext db, HttpContext http, string id, bool tracked, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsValid(id)) return null;
        var communityId = http.GetGatewayIdentity().CommunityId!;
        if (!tracked) return await db.Endpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.CommunityId == communityId, cancellationToken);
        return (await db.Endpoints.FromSql($"SELECT * FROM webhook_endpoints WHERE id = {id} AND community_id = {communityId} FOR NO KEY UPDATE")
            .ToListAsync(cancellationToken)).SingleOrDefault();
    }

    internal static IResult NotFound(HttpContext http) => ApiErrors.NotFound(http, "The webhook endpoint");
}
