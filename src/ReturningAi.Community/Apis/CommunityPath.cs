using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Community.Apis;

/// <summary>
/// The docs' paths name the community (<c>/communities/{communityID}/…</c>); the key decides it. Another
/// community's id, or a malformed one, is 404 (CONTRACT §1: never 403).
/// </summary>
internal static class CommunityPath
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var named = http.Request.RouteValues.TryGetValue("communityId", out var value) ? value as string : null;
        return named is not null && named == http.GetGatewayIdentity().CommunityId
            ? await next(context)
            : ApiErrors.NotFound(http, "The community");
    }
}
