using ReturningAi.Contracts.ApiKeys;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace ReturningAi.Gateway.Proxy;

/// <summary>
/// Every partner route the gateway forwards: its path under <c>/apis</c>, the owning service and
/// the authorization policy (a permission name, <see cref="AnyApiKey"/> or <see cref="PlatformAdminPolicy"/>).
/// A path that no route matches is a 404 from the gateway itself. The bulk product routes are not
/// forwarded: the gateway turns them into commands on the bus (see <c>Apis/</c>).
/// </summary>
public static class GatewayRoutes
{
    public const string AnyApiKey = "api-key";
    public const string PlatformAdminPolicy = "platform-admin";
    public const string CommunityCluster = "community";
    public const string StoreCluster = "store";

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        Route("communities", CommunityCluster, PlatformAdminPolicy, "/apis/communities", "POST"),
        // More specific than the api-keys catch-all: any valid key may read itself.
        Route("api-keys-current", CommunityCluster, AnyApiKey, "/apis/api-keys/current", "GET", order: -1),
        Route("api-keys", CommunityCluster, Permissions.ApiKeys, "/apis/api-keys/{**rest}"),
        Route("roles", CommunityCluster, Permissions.Users, "/apis/roles/{**rest}"),
        Route("tags", CommunityCluster, Permissions.Users, "/apis/tags/{**rest}"),
        // Creating users is a permission of its own, which users also grants.
        Route("users-create", CommunityCluster, Permissions.CreateUser, "/apis/users", "POST", order: -1),
        Route("users", CommunityCluster, Permissions.Users, "/apis/users/{**rest}"),
        Route("categories", StoreCluster, Permissions.Store, "/apis/categories/{**rest}"),
        Route("redemption-statuses", StoreCluster, Permissions.Store, "/apis/redemption-statuses/{**rest}"),
        Route("products", StoreCluster, Permissions.Store, "/apis/products/{**rest}"),
        Route("stores", StoreCluster, Permissions.Store, "/apis/stores"),
        Route("store-configuration", StoreCluster, Permissions.Store, "/apis/store/configuration"),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } =
    [
        Cluster(CommunityCluster),
        Cluster(StoreCluster),
    ];

    /// <summary>The route that forwards this method and path (as the partner sends it, under <c>/apis</c>), if any.</summary>
    public static RouteConfig? Find(string method, string path) => Routes
        .OrderBy(route => route.Order)
        .FirstOrDefault(route =>
            (route.Match.Methods is null || route.Match.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            && Matches(route.Match.Path!, path));

    private static bool Matches(string template, string path)
    {
        const string CatchAll = "/{**rest}";
        if (!template.EndsWith(CatchAll, StringComparison.Ordinal)) return string.Equals(template, path, StringComparison.OrdinalIgnoreCase);
        var prefix = template[..^CatchAll.Length];
        return string.Equals(prefix, path, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
    }

    private static RouteConfig Route(string id, string cluster, string policy, string path, string? method = null, int order = 0) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        AuthorizationPolicy = policy,
        Order = order,
        Match = new RouteMatch { Path = path, Methods = method is null ? null : [method] },
    };

    /// <summary>
    /// How long a service may stay silent on a forwarded request before the partner gets 502: YARP's
    /// default is 100 s, as long as a typical client's own timeout, so a stuck service looked like a hang.
    /// </summary>
    public const int ServiceSilenceLimitSeconds = 30; // a constant: Clusters, initialized above, reads it

    // Service discovery resolves "http://<name>" to the service's endpoint, from the AppHost's references.
    private static ClusterConfig Cluster(string name) => new()
    {
        ClusterId = name,
        Destinations = new Dictionary<string, DestinationConfig> { [name] = new() { Address = $"http://{name}" } },
        HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(ServiceSilenceLimitSeconds) },
    };
}
