using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.ServiceDefaults.Identity;

/// <summary>
/// Refuses every request that did not come through the gateway: the internal headers count only
/// next to the gateway's shared token, compared in constant time. Health probes stay open.
/// </summary>
public sealed class GatewayIdentityMiddleware(RequestDelegate next, IOptions<GatewayTrustOptions> options)
{
    private readonly byte[] _expectedToken = Encoding.UTF8.GetBytes(options.Value.Token);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
        {
            await next(context);
            return;
        }

        var presented = Encoding.UTF8.GetBytes(context.Request.Headers[InternalHeaders.GatewayToken].ToString());
        if (_expectedToken.Length == 0 || !CryptographicOperations.FixedTimeEquals(presented, _expectedToken))
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "gateway_required",
                "This service accepts requests only through the gateway.");
            return;
        }

        context.Features.Set(GatewayIdentity.FromHeaders(context.Request.Headers));
        await next(context);
    }
}
