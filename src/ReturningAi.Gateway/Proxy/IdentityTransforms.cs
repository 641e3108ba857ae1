using ReturningAi.Contracts.Http;
using ReturningAi.Gateway.Authentication;
using ReturningAi.ServiceDefaults.Identity;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace ReturningAi.Gateway.Proxy;

/// <summary>
/// Forwarded requests lose the caller's token (either header) and any internal header the caller sent, and gain the
/// identity the gateway authenticated, next to the gateway's shared token.
/// </summary>
public static class IdentityTransforms
{
    public static void Apply(TransformBuilderContext context, GatewayTrustOptions trust)
    {
        context.AddPathRemovePrefix("/apis");
        context.AddRequestTransform(transform =>
        {
            var headers = transform.ProxyRequest.Headers;
            headers.Remove("Authorization");
            headers.Remove(ApiKeyHeaders.ApiKey);
            foreach (var name in headers.Select(h => h.Key).Where(IsInternal).ToList())
            {
                headers.Remove(name);
            }

            var user = transform.HttpContext.User;
            headers.TryAddWithoutValidation(InternalHeaders.GatewayToken, trust.Token);
            if (user.FindFirst(GatewayClaims.CommunityId)?.Value is { } communityId)
            {
                headers.TryAddWithoutValidation(InternalHeaders.CommunityId, communityId);
                headers.TryAddWithoutValidation(InternalHeaders.ApiKeyId, user.FindFirst(GatewayClaims.ApiKeyId)!.Value);
                headers.TryAddWithoutValidation(InternalHeaders.Permissions,
                    string.Join(',', user.FindAll(GatewayClaims.Permission).Select(c => c.Value)));
            }

            if (user.HasClaim(GatewayClaims.PlatformAdmin, "true"))
            {
                headers.TryAddWithoutValidation(InternalHeaders.PlatformAdmin, "true");
            }

            return ValueTask.CompletedTask;
        });
    }

    public static bool IsInternal(string headerName) =>
        headerName.StartsWith(InternalHeaders.Prefix, StringComparison.OrdinalIgnoreCase);
}
