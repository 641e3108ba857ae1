using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ReturningAi.Gateway.Authentication;
using ReturningAi.TestSupport;

namespace ReturningAi.Gateway.Tests;

/// <summary>The gateway in process, on the real RabbitMQ, with Community's key look-up played by <see cref="StubCommunity"/>.</summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public StubCommunity Community { get; } = new();

    public GatewayFactory() => TestServers.EnsureReachable();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMqConnectionString);
        builder.UseSetting("GatewayTrust:Token", "gateway-tests-internal-token");
        builder.UseSetting("PlatformAdmin:Token", "gateway-tests-platform-admin-token");
        builder.UseSetting("services:community:http:0", "http://community.invalid");
        builder.ConfigureTestServices(services =>
            services.AddHttpClient<CommunityKeyClient>().ConfigurePrimaryHttpMessageHandler(() => Community));
    }
}
