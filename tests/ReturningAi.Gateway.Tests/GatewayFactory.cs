using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ReturningAi.Gateway.Authentication;
using ReturningAi.TestSupport;

namespace ReturningAi.Gateway.Tests;

/// <summary>
/// The gateway in process, on the real RabbitMQ and Redis, with Community's key look-up played by
/// <see cref="StubCommunity"/>. Two factories given one stub are two replicas that know the same keys.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    public GatewayFactory()
        : this(new StubCommunity(), new Dictionary<string, string>())
    {
    }

    public GatewayFactory(StubCommunity community, IReadOnlyDictionary<string, string> settings)
    {
        TestServers.EnsureReachable();
        TestServers.EnsureRedisReachable();
        Community = community;
        _settings = settings;
    }

    public StubCommunity Community { get; }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMqConnectionString);
        builder.UseSetting("ConnectionStrings:redis", TestServers.RedisConnectionString);
        // No bulk create here needs the claim check: the database is never made (its sweep only logs that it is missing).
        builder.UseSetting("ConnectionStrings:messagedatadb", TestServers.PostgresConnectionString("gateway_tests_messagedata"));
        builder.UseSetting("GatewayTrust:Token", "gateway-tests-internal-token");
        builder.UseSetting("PlatformAdmin:Token", "gateway-tests-platform-admin-token");
        builder.UseSetting("services:community:http:0", "http://community.invalid");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddFakeLogging());
        builder.ConfigureTestServices(services =>
            services.AddHttpClient<CommunityKeyClient>().ConfigurePrimaryHttpMessageHandler(() => Community));
    }
}
