using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Contracts.Members;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Community.Members;

internal static class Creators
{
    /// <summary>The API key making the request, as it is now: its id and name (the docs' <c>CreatorInfo</c>).</summary>
    public static async Task<CreatorInfo> ForRequestAsync(HttpContext http, CommunityDbContext db, CancellationToken cancellationToken)
    {
        var identity = http.GetGatewayIdentity();
        var name = identity.ApiKeyId is null
            ? null
            : await db.ApiKeys.AsNoTracking().Where(k => k.Id == identity.ApiKeyId).Select(k => k.Name).FirstOrDefaultAsync(cancellationToken);
        return new CreatorInfo(CreatorInfo.ApiKey, identity.ApiKeyId, null, name, null);
    }
}
