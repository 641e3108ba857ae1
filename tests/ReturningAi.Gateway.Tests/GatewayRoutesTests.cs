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

    [Theory]
    [InlineData("GET", "/apis/products/abc", "products")]
    [InlineData("GET", "/apis/api-keys/current", "api-keys-current")]
    [InlineData("DELETE", "/apis/api-keys/abc", "api-keys")]
    [InlineData("GET", "/apis/store/configuration", "store-configuration")]
    public void Partner_paths_find_their_route(string method, string path, string routeId) =>
        Assert.Equal(routeId, GatewayRoutes.Find(method, path)?.RouteId);
}
