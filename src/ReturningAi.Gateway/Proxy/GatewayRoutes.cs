using ReturningAi.Contracts.ApiKeys;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace ReturningAi.Gateway.Proxy;

/// <summary>
/// Every partner route the gateway forwards: its path under <c>/apis</c>, the owning service and
/// the authorization policy (a permission name, <see cref="AnyApiKey"/> or <see cref="PlatformAdminPolicy"/>).
/// A path that no route matches is a 404 from the gateway itself. The bulk product routes are not
/// forwarded: the gateway turns them into commands on the bus (see <c>Apis/</c>); only the bulk create
/// with <c>?async</c> goes to the Jobs service, which queues it as a products job.
/// </summary>
public static class GatewayRoutes
{
    public const string AnyApiKey = "api-key";
    public const string PlatformAdminPolicy = "platform-admin";

    /// <summary>The incoming user-fields webhook: a key with <c>users</c>, or the community's incoming webhook key.</summary>
    public const string UsersOrIncomingKey = "users-or-incoming-key";

    /// <summary>The incoming currency webhook: a key with <c>store</c>, or the community's incoming webhook key.</summary>
    public const string StoreOrIncomingKey = "store-or-incoming-key";

    /// <summary>The incoming webhook routes' policies and the permission a partner key needs beside the incoming key.</summary>
    public static IReadOnlyDictionary<string, string> IncomingKeyPolicies { get; } = new Dictionary<string, string>
    {
        [UsersOrIncomingKey] = Permissions.Users,
        [StoreOrIncomingKey] = Permissions.Store,
    };

    public const string CommunityCluster = "community";
    public const string StoreCluster = "store";
    public const string WebhooksCluster = "webhooks";
    public const string JobsCluster = "jobs";

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
        // A user's custom values and their history belong to userFields (which users also grants).
        Route("user-field-values", CommunityCluster, Permissions.UserFields, "/apis/users/{userId}/fields/{**rest}", order: -1),
        Route("user-field-histories-of-user", CommunityCluster, Permissions.UserFields, "/apis/users/{userId}/field-histories", order: -1),
        // Bulk user uploads become jobs of the Jobs service, ahead of the users catch-all.
        Route("users-bulk-update", JobsCluster, Permissions.Users, "/apis/users/bulk-update", "POST", order: -1),
        Route("users-bulk-import", JobsCluster, Permissions.Users, "/apis/users/bulk-import", "POST", order: -1),
        Route("users", CommunityCluster, Permissions.Users, "/apis/users/{**rest}"),
        Route("user-fields", CommunityCluster, Permissions.UserFields, "/apis/user-fields/{**rest}"),
        Route("user-field-histories", CommunityCluster, Permissions.UserFields, "/apis/user-field-histories"),
        // The docs' paths name the community; Community answers another community's id with 404.
        Route("community-user-fields", CommunityCluster, Permissions.UserFields, "/apis/communities/{communityId}/user-fields/{**rest}"),
        Route("community", CommunityCluster, AnyApiKey, "/apis/community", "GET"),
        Route("community-users", CommunityCluster, Permissions.Users, "/apis/community/users/{**rest}"),
        Route("community-theme", CommunityCluster, Permissions.Appearance, "/apis/community/theme", "PUT"),
        Route("community-metadata", CommunityCluster, Permissions.Appearance, "/apis/community/metadata", "PUT"),
        Route("community-bot", CommunityCluster, Permissions.Appearance, "/apis/community-bot", "PUT"),
        Route("management-communities", CommunityCluster, Permissions.Appearance, "/apis/management/communities/{communityId}", "PUT"),
        Route("categories", StoreCluster, Permissions.Store, "/apis/categories/{**rest}"),
        Route("redemption-statuses", StoreCluster, Permissions.Store, "/apis/redemption-statuses/{**rest}"),
        Route("products", StoreCluster, Permissions.Store, "/apis/products/{**rest}"),
        Route("stores", StoreCluster, Permissions.Store, "/apis/stores"),
        Route("store-configuration", StoreCluster, Permissions.Store, "/apis/store/configuration"),
        // Rewards (rewards.md): wallets, purchases, redemption orders. Purchase-history edits are the gateway's own (Apis/).
        Route("wallet", StoreCluster, Permissions.Store, "/apis/wallet/{**rest}"),
        Route("store-purchases", StoreCluster, Permissions.Store, "/apis/store/purchases", "POST"),
        Route("redemption-orders", StoreCluster, Permissions.Store, "/apis/redemption-orders/{**rest}"),
        Route("redemption-transactions", StoreCluster, Permissions.Store, "/apis/redemption-transactions/{**rest}"),
        Route("webhook-endpoints", WebhooksCluster, Permissions.Webhooks, "/apis/webhooks/endpoints/{**rest}"),
        Route("webhook-event-types", WebhooksCluster, Permissions.Webhooks, "/apis/webhooks/event-types", "GET"),
        // Incoming webhooks: Community keeps the users (and the incoming key and encryption settings).
        Route("webhooks-incoming-user-fields", CommunityCluster, UsersOrIncomingKey, "/apis/webhooks/incoming/user-fields", "POST"),
        // The Store keeps the wallet; the gateway has Community open an encrypted body first (Apis/IncomingCurrencyDecryptionMiddleware).
        Route("webhooks-incoming-currency", StoreCluster, StoreOrIncomingKey, "/apis/webhooks/incoming/currency", "POST"),
        Route("webhooks-incoming-settings", CommunityCluster, Permissions.Webhooks, "/apis/webhooks/incoming/settings", "GET"),
        Route("webhooks-incoming-api-key", CommunityCluster, Permissions.Webhooks, "/apis/webhooks/incoming/api-key"),
        Route("webhooks-incoming-encryption", CommunityCluster, Permissions.Webhooks, "/apis/webhooks/incoming/encryption", "PUT"),
        // Each job is visible by its type (users: users, others: store); the Jobs service decides from the forwarded permissions.
        Route("bulk-jobs", JobsCluster, AnyApiKey, "/apis/bulk/jobs/{**rest}", "GET"),
        Route("bulk-currency", JobsCluster, Permissions.Store, "/apis/bulk/currency", "POST"),
        // Ahead of the gateway's own bulk create (order 0) whenever the query names async; the Jobs service judges its value.
        Route("products-bulk-async", JobsCluster, Permissions.Store, "/apis/products/bulk", "POST", order: -2) with
        {
            Match = new RouteMatch
            {
                Path = "/apis/products/bulk",
                Methods = ["POST"],
                QueryParameters = [new RouteQueryParameter { Name = "async", Mode = QueryParameterMatchMode.Exists }],
            },
        },
    ];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } =
    [
        Cluster(CommunityCluster),
        Cluster(StoreCluster),
        Cluster(WebhooksCluster),
        Cluster(JobsCluster),
    ];

    /// <summary>
    /// The route that forwards this method and path (as the partner sends it, under <c>/apis</c>), if any; a route that
    /// takes a path only for some queries (the async bulk create) does not own it.
    /// </summary>
    public static RouteConfig? Find(string method, string path) => Routes
        .OrderBy(route => route.Order)
        .FirstOrDefault(route => route.Match.QueryParameters is null
            && (route.Match.Methods is null || route.Match.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            && Matches(route.Match.Path!, path));

    /// <summary>Segment by segment: a literal matches itself (any case), <c>{name}</c> one segment, <c>{**rest}</c> what remains.</summary>
    private static bool Matches(string template, string path)
    {
        var expected = template.Split('/');
        var actual = path.TrimEnd('/').Split('/');
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i].StartsWith("{**", StringComparison.Ordinal)) return true;
            if (i >= actual.Length) return false;
            var isParameter = expected[i].StartsWith('{') && expected[i].EndsWith('}');
            if (isParameter ? actual[i].Length == 0 : !string.Equals(expected[i], actual[i], StringComparison.OrdinalIgnoreCase)) return false;
        }

        return expected.Length == actual.Length;
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
