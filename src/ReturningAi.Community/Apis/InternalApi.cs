using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Community.Apis;

/// <summary>Routes only the gateway calls; the gateway never proxies <c>/internal</c>.</summary>
public static class InternalApi
{
    public static IEndpointRouteBuilder MapInternalApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/api-keys/resolve", ResolveApiKey).ExcludeFromDescription();
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
}
