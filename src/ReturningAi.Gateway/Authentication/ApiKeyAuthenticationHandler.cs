using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Gateway.Authentication;

/// <summary>
/// Authenticates a community API key (<c>Authorization: Bearer</c> or <c>x-api-key</c>): hash the token, find the key in the cache or ask
/// Community, refuse expired keys. Refusals are 401 in the error envelope; a Community that cannot
/// answer is 502, so a partner never sees a false 401.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyCache cache,
    CommunityKeyClient community,
    AuthenticationThrottle throttle,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The platform admin's route has its own credential: it is no API key, so it is not looked up as one.
        var policy = Context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>()?.Policy;
        if (policy == Proxy.GatewayRoutes.PlatformAdminPolicy) return AuthenticateResult.NoResult();

        switch (ApiKeyHeaders.TryRead(Request.Headers, out var token, out var fromBearer, out var fromApiKey))
        {
            case ApiKeyHeaders.Outcome.Missing:
                return AuthenticateResult.NoResult();
            case ApiKeyHeaders.Outcome.Malformed:
                return AuthenticateResult.Fail(ApiKeyRejectedException.Malformed());
            case ApiKeyHeaders.Outcome.Conflicting when policy is not null && Proxy.GatewayRoutes.IncomingKeyPolicies.ContainsKey(policy):
                return await IncomingKeyBesideBearerAsync(fromApiKey, fromBearer);
            case ApiKeyHeaders.Outcome.Conflicting:
                return AuthenticateResult.Fail(ApiKeyRejectedException.Conflicting());
        }

        var (key, failure) = await ResolveAsync(token);
        return failure ?? Authenticated(key!);
    }

    /// <summary>
    /// On the incoming webhook routes, x-api-key is first tried as the community's incoming key, and a Bearer key beside it
    /// must be a valid key of the same community (events-and-jobs.md §2); the request then acts as the incoming key.
    /// </summary>
    private async Task<AuthenticateResult> IncomingKeyBesideBearerAsync(string fromApiKey, string fromBearer)
    {
        var (incoming, failure) = await ResolveAsync(fromApiKey);
        if (failure is not null) return failure;
        if (!incoming!.Permissions.Contains(Permissions.IncomingWebhooks, StringComparer.Ordinal))
        {
            return AuthenticateResult.Fail(ApiKeyRejectedException.Conflicting());
        }

        var (partner, partnerFailure) = await ResolveAsync(fromBearer);
        if (partnerFailure is not null) return partnerFailure;
        return partner!.CommunityId == incoming.CommunityId
            ? Authenticated(incoming)
            : AuthenticateResult.Fail(ApiKeyRejectedException.Conflicting());
    }

    /// <summary>The valid key of a token, or the refusal (unknown, throttled, expired, Community unavailable).</summary>
    private async Task<(ResolvedApiKey? Key, AuthenticateResult? Failure)> ResolveAsync(string token)
    {
        var tokenHash = ApiKeyTokens.HashHex(token);
        if (!cache.TryGet(tokenHash, out var key))
        {
            var generation = cache.Generation;
            ResolvedApiKey? resolved;
            try
            {
                resolved = await community.ResolveAsync(tokenHash, Context.RequestAborted);
            }
            catch (CommunityUnavailableException exception)
            {
                return (null, AuthenticateResult.Fail(exception));
            }

            if (resolved is null)
            {
                return (null, AuthenticateResult.Fail(throttle.UnknownApiKey(Context.Connection.RemoteIpAddress) is { } wait
                    ? new AuthenticationThrottledException(wait)
                    : ApiKeyRejectedException.Invalid()));
            }

            cache.Add(tokenHash, resolved, generation);
            key = resolved;
        }

        return key.ExpiresAt is { } expiresAt && expiresAt <= time.GetUtcNow()
            ? (null, AuthenticateResult.Fail(ApiKeyRejectedException.Expired()))
            : (key, null);
    }

    private static AuthenticateResult Authenticated(ResolvedApiKey key)
    {
        var claims = new List<Claim>
        {
            new(GatewayClaims.ApiKeyId, key.KeyId),
            new(GatewayClaims.CommunityId, key.CommunityId),
        };
        claims.AddRange(key.Permissions.Select(p => new Claim(GatewayClaims.Permission, p)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is AuthenticationThrottledException throttled)
        {
            await AuthenticationThrottle.WriteThrottledAsync(Context, throttled);
            return;
        }

        if (result.Failure is CommunityUnavailableException)
        {
            await ApiErrors.WriteAsync(Context, StatusCodes.Status502BadGateway, "upstream_unavailable",
                "The API key could not be checked right now. Try again shortly.");
            return;
        }

        var rejection = result.Failure as ApiKeyRejectedException ?? ApiKeyRejectedException.Missing();
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, rejection.Code, rejection.Message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var policy = Context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>()?.Policy;
        var message = policy is null
            ? "This API key may not call this route."
            : Proxy.GatewayRoutes.IncomingKeyPolicies.TryGetValue(policy, out var permission)
                ? $"This API key lacks the '{permission}' permission, and is not the community's incoming webhook key."
                : $"This API key lacks the '{policy}' permission.";
        return ApiErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", message);
    }
}
