using System.Net;
using System.Net.Http.Headers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReturningAi.Contracts.Events;
using ReturningAi.TestSupport;

namespace ReturningAi.Gateway.Tests;

/// <summary>
/// Authentication against a Community that can fail, and cache eviction over the real broker. The
/// probe route is one no service owns: a 404 with rate-limit headers proves the key was accepted.
/// </summary>
public sealed class GatewayAuthenticationIntegrationTests : IAsyncLifetime
{
    private const string ProbePath = "/apis/probe";
    private readonly GatewayFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        // The bus and this instance's event queue are ready once the health checks say so.
        await Eventually.Until(() => _client.GetAsync(new Uri("/health", UriKind.Relative)), r => r.IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "the gateway's bus to connect to RabbitMQ");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task<HttpResponseMessage> Probe(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ProbePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _client.SendAsync(request);
    }

    [Fact]
    public async Task A_cached_key_keeps_working_while_Community_is_down()
    {
        var token = _factory.Community.AddKey("store");
        Assert.Equal(HttpStatusCode.NotFound, (await Probe(token)).StatusCode);

        _factory.Community.Down = true;
        var response = await Probe(token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(response.Headers.Contains("X-RateLimit-Limit"));
        Assert.Equal(1, _factory.Community.Calls);
    }

    [Fact]
    public async Task An_uncached_key_gets_502_not_a_false_401_while_Community_is_down()
    {
        var token = _factory.Community.AddKey("store");
        _factory.Community.Down = true;

        var response = await Probe(token);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("upstream_unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task A_key_event_on_the_broker_evicts_the_cached_key()
    {
        var token = _factory.Community.AddKey("store");
        await Probe(token);
        await Probe(token);
        Assert.Equal(1, _factory.Community.Calls);

        var bus = _factory.Services.GetRequiredService<IBus>();
        await bus.Publish(new ApiKeyChanged(_factory.Community.KeyIdOf(token), "community", Revoked: false));

        // Once the event is consumed, the next request has to ask Community again.
        await Eventually.Until(async () => { await Probe(token); return _factory.Community.Calls; }, calls => calls >= 2,
            TimeSpan.FromSeconds(5), "the key event to evict the cached key");
    }

    [Fact]
    public async Task Community_is_asked_by_the_token_hash_only()
    {
        var token = _factory.Community.AddKey("store");
        var unknown = "rai_" + Guid.NewGuid().ToString("N");

        Assert.Equal(HttpStatusCode.NotFound, (await Probe(token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Probe(unknown)).StatusCode);

        // The stub resolves hashes only: had the gateway sent the token, the known key would have been refused.
        Assert.Equal(2, _factory.Community.Calls);
    }
}
