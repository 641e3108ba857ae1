using ReturningAi.ClaimCheck;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MassTransit;
using Polly;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.Contracts.Commands;
using ReturningAi.Gateway.ApiReference;
using ReturningAi.Gateway.Apis;
using ReturningAi.Gateway.Authentication;
using ReturningAi.Gateway.Consumers;
using ReturningAi.Gateway.Errors;
using ReturningAi.Gateway.Proxy;
using ReturningAi.Gateway.RateLimiting;
using ReturningAi.Gateway.Security;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.ServiceDefaults.Messaging;

namespace ReturningAi.Gateway;

public static class GatewayServiceExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddGatewayTrust();
        services.AddSingleton(TimeProvider.System);

        // Above the contract's 32 KiB so that RequestLimitsMiddleware answers in the envelope.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * RequestLimitsMiddleware.MaxHeadBytes;
            kestrel.Limits.MaxRequestBodySize = RequestLimitsMiddleware.MaxBodyBytes;
        });

        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName);
        services.AddOptions<PlatformAdminOptions>().BindConfiguration(PlatformAdminOptions.SectionName)
            .Validate(o => o.Token.Length >= 16, $"{PlatformAdminOptions.SectionName}:Token must be set (at least 16 characters).")
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .Validate(o => o.PermitsPerWindow > 0 && o.WindowSeconds > 0 && o.RedisTimeoutMilliseconds > 0 && o.RedisRetrySeconds > 0,
                "Rate limits and their Redis time-outs must be positive.");

        services.AddOptions<AuthenticationThrottleOptions>().BindConfiguration(AuthenticationThrottleOptions.SectionName)
            .Validate(o => o.PlatformAdminFailuresPerWindow > 0 && o.UnknownApiKeysPerWindow > 0 && o.WindowSeconds > 0, "Throttling limits must be positive.");
        services.AddSingleton<AuthenticationThrottle>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<ApiKeyRateLimiter>();
        builder.AddSharedRateLimits();
        // Key look-ups sit on every uncached request, incoming bodies on every incoming currency call: fail fast (502)
        // rather than hold the caller for the default pipeline's 30 s.
        services.AddHttpClient<CommunityKeyClient>(http => http.BaseAddress = new Uri("http://community")).FailFast("community-keys");
        services.AddHttpClient<IncomingBodyClient>(http => http.BaseAddress = new Uri("http://community")).FailFast("community-incoming-bodies");

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, PlatformAdminAuthenticationHandler>(
                PlatformAdminAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(GatewayRoutes.AnyApiKey, ApiKeyPolicy())
            .AddPolicy(GatewayRoutes.PlatformAdminPolicy, policy => policy
                .AddAuthenticationSchemes(PlatformAdminAuthenticationHandler.SchemeName)
                .RequireClaim(GatewayClaims.PlatformAdmin, "true"));
        foreach (var (policy, permission) in GatewayRoutes.IncomingKeyPolicies)
        {
            services.AddAuthorizationBuilder().AddPolicy(policy, ApiKeyPolicy(permission, incomingKeyToo: true));
        }

        foreach (var permission in Permissions.All)
        {
            services.AddAuthorizationBuilder().AddPolicy(permission, ApiKeyPolicy(permission));
        }

        services.AddReverseProxy()
            .LoadFromMemory(GatewayRoutes.Routes, GatewayRoutes.Clusters)
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(context => IdentityTransforms.Apply(
                context, context.Services.GetRequiredService<IOptions<GatewayTrustOptions>>().Value));

        services.AddOptions<BulkOptions>().BindConfiguration(BulkOptions.SectionName);
        services.AddSingleton<StoreCommandSender>();
        services.AddSingleton<ProductsCheckIn>();
        builder.AddClaimCheck();
        services.AddSingleton<GatewayMetrics>();
        services.AddApiReference();
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<ApiKeyChangedConsumer>(typeof(ApiKeyChangedConsumerDefinition));
            // Sent to the store's queue, which carries the command's name.
            bus.AddRequestClient<CreateProducts>(new Uri($"queue:{CreateProducts.EntityName}"));
            bus.AddRequestClient<UpdateProducts>(new Uri($"queue:{UpdateProducts.EntityName}"));
            bus.AddRequestClient<UpdatePurchaseHistory>(new Uri($"queue:{UpdatePurchaseHistory.EntityName}"));
        });
        return builder;
    }

#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental; it is the documented way to replace the default pipeline.
    private static void FailFast(this IHttpClientBuilder client, string name) => client
        .RemoveAllResilienceHandlers()
        .AddResilienceHandler(name, pipeline => pipeline
            .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.FromMilliseconds(100) })
            .AddTimeout(TimeSpan.FromSeconds(3)));
#pragma warning restore EXTEXP0001

    public const string RedisConnectionName = "redis";

    /// <summary>
    /// Rate-limit counters in Redis (connection string <c>redis</c>). The client never throws for a Redis
    /// that is down (no abort on connect, no backlog): the limiter falls back at once and the health check
    /// says Degraded, where Aspire's own check would say Unhealthy and take the gateway out of service.
    /// </summary>
    private static void AddSharedRateLimits(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString(RedisConnectionName)))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{RedisConnectionName} is not set. Run the gateway from the AppHost, or start Redis with eng/infra.sh start.");
        }

        builder.AddRedisClient(RedisConnectionName, settings => settings.DisableHealthChecks = true, redis =>
        {
            redis.AbortOnConnectFail = false;
            redis.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
            redis.ConnectTimeout = 2000;
        });
        builder.Services.AddSingleton<SharedApiKeyRateLimiter>();
        builder.Services.AddHealthChecks().AddCheck<RedisRateLimitHealthCheck>(RedisRateLimitHealthCheck.Name);
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRequestIds();
        app.UseApiErrors();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<RateLimitingMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<IncomingCurrencyDecryptionMiddleware>();
        return app;
    }

    public static WebApplication MapGatewayRoutes(this WebApplication app)
    {
        app.MapProductsBulkApi();
        app.MapPurchaseHistoryApi();
        app.MapApiReference();
        app.MapReverseProxy(proxy => proxy.Use(ProxyErrorMiddleware.InvokeAsync));
        // Every /apis request is authenticated, even one that matches no route.
        app.MapFallback("/apis/{**path}", RouteNotFound).RequireAuthorization(GatewayRoutes.AnyApiKey).ExcludeFromDescription();
        app.MapFallback(RouteNotFound).ExcludeFromDescription();
        return app;
    }

    private static Task RouteNotFound(HttpContext context) =>
        ApiErrors.WriteAsync(context, StatusCodes.Status404NotFound, "route_not_found", "No route matches this method and path.");

    private static AuthorizationPolicy ApiKeyPolicy(string? permission = null, bool incomingKeyToo = false) =>
        new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireAssertion(context =>
            {
                var held = context.User.FindAll(GatewayClaims.Permission).Select(claim => claim.Value).ToList();
                // A community's incoming webhook key opens the incoming webhook routes and nothing else.
                if (held.Contains(Permissions.IncomingWebhooks, StringComparer.Ordinal)) return incomingKeyToo;
                return permission is null || Permissions.Covers(held, permission);
            })
            .Build();
}
