using System.Net;
using System.Net.Http.Headers;
using System.Text;
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
    private const string IncomingCurrencyPath = "/apis/webhooks/incoming/currency";
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

    private Task<HttpResponseMessage> IncomingCurrencyAsync(string incomingKey, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, IncomingCurrencyPath) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", incomingKey);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return _client.SendAsync(request);
    }

    // The incoming currency webhook: the gateway has Community open the body before the Store sees it (Apis/IncomingCurrencyDecryptionMiddleware);
    // the stub plays the key look-up only, so the body's opening finds no Community at all.
    [Fact]
    public async Task Without_Community_to_open_the_body_the_call_is_502_and_never_forwarded()
    {
        var incoming = _factory.Community.AddKey("incoming-webhooks");

        var response = await IncomingCurrencyAsync(incoming, """{"email":"ada@example.com","operation":"add","amount":5,"reason":"Win"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("upstream_unavailable", body, StringComparison.Ordinal);
        Assert.Contains("nothing was written", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413_before_Community_is_asked()
    {
        var incoming = _factory.Community.AddKey("incoming-webhooks");

        var response = await IncomingCurrencyAsync(incoming, $$"""{"email":"ada@example.com","reason":"{{new string('r', 70_000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("body_too_large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_without_store_or_the_incoming_marker_is_403_and_no_body_is_read()
    {
        var usersOnly = _factory.Community.AddKey("users");

        var response = await IncomingCurrencyAsync(usersOnly, """{"email":"ada@example.com","operation":"add","amount":5,"reason":"Win"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("lacks the 'store' permission, and is not the community's incoming webhook key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
