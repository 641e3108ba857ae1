using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Webhooks;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Community.Apis;

/// <summary>Routes only the gateway calls; the gateway never proxies <c>/internal</c>.</summary>
public static class InternalApi
{

    public static IEndpointRouteBuilder MapInternalApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/api-keys/resolve", ResolveApiKey).ExcludeFromDescription();
        app.MapPost(OpenIncomingBodyRequest.Route, OpenIncomingBody).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> ResolveApiKey(ResolveApiKeyRequest request, HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        byte[] hash;
        try
        {
            hash = Convert.FromHexString(request.TokenHash);
        }
        catch (FormatException)
        {
            return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "invalid_hash", "tokenHash must be hex.");
        }

        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.TokenHash == hash, cancellationToken);
        if (key is not null) return TypedResults.Ok(new ResolvedApiKey(key.Id, key.CommunityId, key.Permissions, key.ExpiresAt));

        // A community's incoming webhook key: it holds only the incoming marker; a replaced one until its 24 h are over.
        var incoming = await db.IncomingWebhookSettings.AsNoTracking()
            .SingleOrDefaultAsync(s => s.KeyHash == hash || s.PreviousKeyHash == hash, cancellationToken);
        if (incoming is null) return ApiErrors.NotFound(http, "The API key");
        return incoming.KeyHash is not null && incoming.KeyHash.AsSpan().SequenceEqual(hash)
            ? TypedResults.Ok(new ResolvedApiKey(incoming.KeyId!, incoming.CommunityId, [Permissions.IncomingWebhooks], null))
            : TypedResults.Ok(new ResolvedApiKey(incoming.PreviousKeyId!, incoming.CommunityId, [Permissions.IncomingWebhooks], incoming.PreviousKeyExpiresAt));
    }

    /// <summary>
    /// Opens an incoming call's body for the gateway, for the incoming route Community does not serve (the Store's currency
    /// webhook); the key stays here. Only the two incoming paths: the body of any other route is no incoming call.
    /// </summary>
    public static async Task<IResult> OpenIncomingBody(OpenIncomingBodyRequest request, HttpContext http, IncomingBodyOpener opener,
        CancellationToken cancellationToken)
    {
        if (request.Path is not (IncomingWebhookPaths.Currency or IncomingWebhookPaths.UserFields) || !ObjectIds.IsValid(request.CommunityId))
        {
            return ApiErrors.Result(http, StatusCodes.Status400BadRequest, "invalid_request", "An incoming webhook path and a community id are required.");
        }

        using var body = new MemoryStream(request.Body ?? [], writable: false);
        return TypedResults.Ok(await opener.OpenAsync(request.CommunityId, request.Path, request.Flagged, body, cancellationToken));
    }
}
