using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReturningAi.Gateway.RateLimiting;
using ReturningAi.TestSupport;
using StackExchange.Redis;

namespace ReturningAi.Gateway.Tests;

/// <summary>
/// Rate limits on the real Redis: two gateway instances share a key's window, and a Redis that does not
/// answer leaves each instance serving with its own window and reporting Degraded. Each test uses fresh key
/// ids, so runs and parallel tests never share a window.
/// </summary>
public sealed class SharedRateLimitTests
{
    private const string ProbePath = "/apis/probe";

    [Fact]
    public async Task Two_gateways_on_one_Redis_allow_a_key_its_limit_once_then_both_answer_429_with_Retry_After()
    {
        const int limit = 6;
        await using var gateways = await TwoGateways.StartAsync(limit);
        var (community, replicas) = (gateways.Community, gateways.Clients);
        var token = community.AddKey("store");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3 * limit; i++) responses.Add(await ProbeAsync(replicas[i % 2], token));

        // The probe route is one no service owns: 404 with rate-limit headers is an accepted request.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, limit).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2 * limit)),
            responses.Select(r => r.StatusCode));
        Assert.Equal(Enumerable.Range(0, limit).Select(i => limit - 1 - i), responses.Take(limit).Select(r => HeaderInt(r, "X-RateLimit-Remaining")));
        foreach (var refused in responses.Skip(limit))
        {
            Assert.Equal(limit, HeaderInt(refused, "X-RateLimit-Limit"));
            Assert.Equal(0, HeaderInt(refused, "X-RateLimit-Remaining"));
            Assert.InRange(HeaderInt(refused, "X-RateLimit-Reset"), 1, 60);
            Assert.Equal(refused.Headers.GetValues("X-RateLimit-Reset").Single(), refused.Headers.GetValues("Retry-After").Single());
            Assert.Contains("\"rate_limited\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString);
        Assert.Equal(limit, await redis.GetDatabase().SortedSetLengthAsync(SlidingWindowScript.RedisKey(community.KeyIdOf(token))));
    }

    [Fact]
    public async Task Requests_sent_at_once_to_two_gateways_get_exactly_the_limit_between_them()
    {
        const int limit = 10;
        await using var gateways = await TwoGateways.StartAsync(limit);
        var (community, replicas) = (gateways.Community, gateways.Clients);
        var token = community.AddKey("store");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4 * limit).Select(i => ProbeAsync(replicas[i % 2], token)));

        Assert.Equal(limit, responses.Count(r => r.StatusCode == HttpStatusCode.NotFound));
        Assert.Equal(3 * limit, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests), r => Assert.True(r.Headers.RetryAfter is not null));
    }

    [Fact]
    public async Task Without_Redis_each_gateway_serves_with_its_own_limit_says_Degraded_and_logs_the_key_id_never_its_token()
    {
        const int limit = 3;
        var community = new StubCommunity();
        await using var gateway = new GatewayFactory(community, new Dictionary<string, string>
        {
            ["RateLimiting:PermitsPerWindow"] = limit.ToString(CultureInfo.InvariantCulture),
            ["ConnectionStrings:redis"] = $"127.0.0.1:{UnusedPort()}",
        });
        var client = await ReadyClientAsync(gateway);
        var token = community.AddKey("store");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < limit + 2; i++) responses.Add(await ProbeAsync(client, token));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            responses.Select(r => r.StatusCode));
        Assert.Equal([2, 1, 0, 0, 0], responses.Select(r => HeaderInt(r, "X-RateLimit-Remaining")));
        Assert.All(responses.Skip(limit), r => Assert.InRange(int.Parse(r.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 60));

        var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());

        var warning = Assert.Single(gateway.Logs.GetSnapshot(), r => r.Category == typeof(SharedApiKeyRateLimiter).FullName && r.Level == LogLevel.Warning);
        Assert.Contains(community.KeyIdOf(token), warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.Logs.GetSnapshot(), r => r.Message.Contains(token, StringComparison.Ordinal)
            || (r.Exception?.ToString().Contains(token, StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public async Task The_window_slides_a_permit_comes_back_once_the_oldest_request_is_a_window_old()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString);
        var options = Options.Create(new RateLimitOptions { PermitsPerWindow = 2, WindowSeconds = 1 });
        var limiter = new SharedApiKeyRateLimiter(redis, new ApiKeyRateLimiter(options, TimeProvider.System), options,
            TimeProvider.System, NullLogger<SharedApiKeyRateLimiter>.Instance);
        var keyId = Guid.NewGuid().ToString("N");

        var decisions = new[] { await limiter.AcquireAsync(keyId), await limiter.AcquireAsync(keyId), await limiter.AcquireAsync(keyId) };
        Assert.Equal([true, true, false], decisions.Select(d => d.Allowed));
        Assert.Equal(1, decisions[2].ResetSeconds);

        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        var later = await limiter.AcquireAsync(keyId);
        Assert.Equal((true, 1), (later.Allowed, later.Remaining));
        Assert.InRange((await redis.GetDatabase().KeyTimeToLiveAsync(SlidingWindowScript.RedisKey(keyId)))!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Two replicas of the gateway that know the same keys and share one Redis.</summary>
    private sealed class TwoGateways(StubCommunity community, GatewayFactory first, GatewayFactory second, HttpClient[] clients) : IAsyncDisposable
    {
        public StubCommunity Community => community;

        public HttpClient[] Clients => clients;

        public static async Task<TwoGateways> StartAsync(int limit)
        {
            var community = new StubCommunity();
            var settings = new Dictionary<string, string> { ["RateLimiting:PermitsPerWindow"] = limit.ToString(CultureInfo.InvariantCulture) };
            var first = new GatewayFactory(community, settings);
            var second = new GatewayFactory(community, settings);
            return new TwoGateways(community, first, second, [await ReadyClientAsync(first), await ReadyClientAsync(second)]);
        }

        public async ValueTask DisposeAsync()
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }

    private static async Task<HttpClient> ReadyClientAsync(GatewayFactory factory)
    {
        var client = factory.CreateClient();
        // Degraded is 200 too; the bus is connected once /health answers at all with success.
        await Eventually.Until(() => client.GetAsync(new Uri("/health", UriKind.Relative)), r => r.IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "the gateway's bus to connect to RabbitMQ");
        return client;
    }

    private static Task<HttpResponseMessage> ProbeAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ProbePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private static int HeaderInt(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);

    private static int UnusedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
