using ReturningAi.Gateway.Proxy;

namespace ReturningAi.Gateway.Tests;

public sealed class GatewayRoutesTests
{
    [Fact]
    public void Every_service_behind_the_gateway_gets_a_silence_limit_shorter_than_a_clients_own_timeout()
    {
        // Zero would fail every forwarded request at once (a static initializer read too early did that);
        // YARP's default of 100 s equals HttpClient's default timeout, so the partner saw a hang, not a 502.
        Assert.All(GatewayRoutes.Clusters, cluster =>
        {
            var limit = cluster.HttpRequest?.ActivityTimeout;
            Assert.NotNull(limit);
            Assert.InRange(limit.Value, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
        });
    }

    [Fact]
    public void The_bulk_create_goes_to_the_Jobs_service_only_when_its_query_names_async_and_that_route_owns_no_path()
    {
        var route = Assert.Single(GatewayRoutes.Routes, r => r.Match.QueryParameters is not null);
        var query = Assert.Single(route.Match.QueryParameters!);

        Assert.Equal(("products-bulk-async", GatewayRoutes.JobsCluster, "/apis/products/bulk", "POST", "store"),
            (route.RouteId, route.ClusterId, route.Match.Path, Assert.Single(route.Match.Methods!), route.AuthorizationPolicy));
        Assert.Equal(("async", Yarp.ReverseProxy.Configuration.QueryParameterMatchMode.Exists), (query.Name, query.Mode));
        Assert.True(route.Order < 0, "The gateway's own bulk create (order 0) would answer first.");
        Assert.Equal("products", GatewayRoutes.Find("POST", "/apis/products/bulk")?.RouteId);
    }

    [Theory]
    [InlineData("GET", "/apis/products/abc", "products")]
    [InlineData("GET", "/apis/api-keys/current", "api-keys-current")]
    [InlineData("DELETE", "/apis/api-keys/abc", "api-keys")]
    [InlineData("GET", "/apis/store/configuration", "store-configuration")]
    [InlineData("POST", "/apis/users", "users-create")]
    [InlineData("GET", "/apis/users/{userId}", "users")]
    [InlineData("POST", "/apis/users/search", "users")]
    [InlineData("POST", "/apis/users/bulk-update", "users-bulk-update")]
    [InlineData("POST", "/apis/users/bulk-import", "users-bulk-import")]
    [InlineData("GET", "/apis/users/bulk-update", "users")]
    [InlineData("GET", "/apis/bulk/jobs/{jobId}/errors.csv", "bulk-jobs")]
    [InlineData("POST", "/apis/bulk/currency", "bulk-currency")]
    [InlineData("PUT", "/apis/users/6650ca1f14a3e564c5c09c11/fields/tier", "user-field-values")]
    [InlineData("GET", "/apis/users/{userId}/fields/{field}/histories", "user-field-values")]
    [InlineData("POST", "/apis/users/{userId}/field-histories", "user-field-histories-of-user")]
    [InlineData("GET", "/apis/users/{userId}/account-actions", "users")]
    [InlineData("DELETE", "/apis/user-fields/tier", "user-fields")]
    [InlineData("GET", "/apis/user-fields", "user-fields")]
    [InlineData("POST", "/apis/user-field-histories", "user-field-histories")]
    [InlineData("GET", "/apis/communities/{communityId}/user-fields/{field}/histories", "community-user-fields")]
    [InlineData("POST", "/apis/communities", "communities")]
    [InlineData("GET", "/apis/community", "community")]
    [InlineData("GET", "/apis/community/users/abc", "community-users")]
    [InlineData("PUT", "/apis/community/theme", "community-theme")]
    [InlineData("PUT", "/apis/community-bot", "community-bot")]
    [InlineData("PUT", "/apis/management/communities/{communityId}", "management-communities")]
    [InlineData("POST", "/apis/webhooks/endpoints", "webhook-endpoints")]
    [InlineData("POST", "/apis/webhooks/endpoints/abc/deliveries/def/redeliver", "webhook-endpoints")]
    [InlineData("GET", "/apis/webhooks/event-types", "webhook-event-types")]
    [InlineData("POST", "/apis/webhooks/incoming/currency", "webhooks-incoming-currency")]
    [InlineData("POST", "/apis/webhooks/incoming/user-fields", "webhooks-incoming-user-fields")]
    public void Partner_paths_find_their_route(string method, string path, string routeId) =>
        Assert.Equal(routeId, GatewayRoutes.Find(method, path)?.RouteId);

    [Theory]
    [InlineData("PUT", "/apis/community")]
    [InlineData("GET", "/apis/community/theme")]
    [InlineData("GET", "/apis/communities/abc")]
    [InlineData("GET", "/apis/usersx")]
    [InlineData("GET", "/apis/webhooks/incoming/currency")]
    public void Paths_no_route_forwards_find_none(string method, string path) => Assert.Null(GatewayRoutes.Find(method, path));

    [Fact]
    public void Each_incoming_webhook_route_takes_the_incoming_key_beside_its_own_permission()
    {
        Assert.Equal("store", GatewayRoutes.IncomingKeyPolicies[GatewayRoutes.Find("POST", "/apis/webhooks/incoming/currency")!.AuthorizationPolicy!]);
        Assert.Equal("users", GatewayRoutes.IncomingKeyPolicies[GatewayRoutes.Find("POST", "/apis/webhooks/incoming/user-fields")!.AuthorizationPolicy!]);
    }
}
