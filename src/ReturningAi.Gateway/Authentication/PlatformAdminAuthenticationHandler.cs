using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Gateway.Authentication;

/// <summary>
/// Accepts the platform admin token, the one credential of <c>POST /communities</c>. Both sides are
/// hashed before the constant-time comparison so that not even the token's length leaks.
/// </summary>
public sealed class PlatformAdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<PlatformAdminOptions> admin,
    AuthenticationThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PlatformAdmin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var address = Context.Connection.RemoteIpAddress;
        // Once an address has failed too often, even the right token is refused until the window ends.
        if (throttle.PlatformAdminBlocked(address) is { } wait) return Task.FromResult(AuthenticateResult.Fail(new AuthenticationThrottledException(wait)));

        switch (BearerToken.TryRead(Request.Headers.Authorization, out var token))
        {
            case BearerToken.Outcome.Missing:
                return Task.FromResult(AuthenticateResult.NoResult());
            case BearerToken.Outcome.Malformed:
                throttle.PlatformAdminFailed(address);
                return Task.FromResult(AuthenticateResult.Fail(ApiKeyRejectedException.Malformed()));
        }

        var expected = admin.Value.Token;
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(ApiKeyTokens.Hash(token), ApiKeyTokens.Hash(expected)))
        {
            throttle.PlatformAdminFailed(address);
            return Task.FromResult(AuthenticateResult.Fail(
                new ApiKeyRejectedException("invalid_admin_token", "The platform admin token is not valid.")));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(GatewayClaims.PlatformAdmin, "true")], SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is AuthenticationThrottledException throttled)
        {
            await AuthenticationThrottle.WriteThrottledAsync(Context, throttled);
            return;
        }

        var rejection = result.Failure as ApiKeyRejectedException
            ?? new ApiKeyRejectedException("missing_admin_token", "This route needs the platform admin token: send 'Authorization: Bearer <token>'.");
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, rejection.Code, rejection.Message);
    }
}
