using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.ServiceDefaults.Identity;

public static class GatewayIdentityExtensions
{
    public static TBuilder AddGatewayTrust<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<GatewayTrustOptions>()
            .BindConfiguration(GatewayTrustOptions.SectionName)
            .Validate(o => o.Token.Length >= 16, $"{GatewayTrustOptions.SectionName}:Token must be set (at least 16 characters).")
            .ValidateOnStart();
        return builder;
    }

    public static IApplicationBuilder UseGatewayIdentity(this IApplicationBuilder app) =>
        app.UseMiddleware<GatewayIdentityMiddleware>();

    public static GatewayIdentity GetGatewayIdentity(this HttpContext context) =>
        context.Features.Get<GatewayIdentity>()
        ?? throw new InvalidOperationException("The gateway identity middleware did not run for this request.");

    /// <summary>Endpoints of a community: refuse a forwarded request that names no community.</summary>
    public static TBuilder RequireCommunity<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var identity = context.HttpContext.GetGatewayIdentity();
            return identity.CommunityId is null
                ? ApiErrors.Result(context.HttpContext, StatusCodes.Status401Unauthorized, "unauthenticated", "An API key is required.")
                : await next(context);
        });

    /// <summary>Defence in depth: the gateway checks the route's permission; the service checks again.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            Permissions.Covers(context.HttpContext.GetGatewayIdentity().Permissions, permission)
                ? await next(context)
                : ApiErrors.Result(context.HttpContext, StatusCodes.Status403Forbidden, "forbidden",
                    $"This API key lacks the '{permission}' permission."));

    /// <summary>The incoming webhook routes: the community's incoming key, or an API key with <paramref name="permission"/>.</summary>
    public static TBuilder RequireIncomingKeyOr<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var held = context.HttpContext.GetGatewayIdentity().Permissions;
            return held.Contains(Permissions.IncomingWebhooks, StringComparer.Ordinal) || Permissions.Covers(held, permission)
                ? await next(context)
                : ApiErrors.Result(context.HttpContext, StatusCodes.Status403Forbidden, "forbidden",
                    $"This API key lacks the '{permission}' permission, and is not the community's incoming webhook key.");
        });
}
