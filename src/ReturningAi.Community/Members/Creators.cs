using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Community.Members;

internal static class Creators
{
    /// <summary>The API key making the request, as it is now: its id and name (the docs' <c>CreatorInfo</c>).</summary>
    public static Task<CreatorInfo> ForRequestAsync(HttpContext http, CommunityDbContext db, CancellationToken cancellationToken) =>
        ForApiKeyAsync(db, http.GetGatewayIdentity().ApiKeyId, cancellationToken);

    /// <summary>An API key by id, as it is now (a bulk job writes as the key that uploaded it).</summary>
    public static async Task<CreatorInfo> ForApiKeyAsync(CommunityDbContext db, string? apiKeyId, CancellationToken cancellationToken)
    {
        var name = apiKeyId is null
            ? null
            : await db.ApiKeys.AsNoTracking().Where(k => k.Id == apiKeyId).Select(k => k.Name).FirstOrDefaultAsync(cancellationToken);
        return new CreatorInfo(CreatorInfo.ApiKey, apiKeyId, null, name, null);
    }
}
