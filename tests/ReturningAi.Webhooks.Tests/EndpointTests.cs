using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.TestSupport;
using ReturningAi.Webhooks.Events;

namespace ReturningAi.Webhooks.Tests;

/// <summary>Endpoint management, filters and tenancy, the SSRF guard at create and at each attempt (events-and-jobs.md §1.1, §4 5–7).</summary>
[Collection(WebhooksCollection.Name)]
public sealed class EndpointTests(WebhooksFixture fixture)
{
    private static List<(string Code, string? Field)> Errors(JsonElement json) =>
        [.. json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString()!, e.GetProperty("field").GetString()))];

    [Fact]
    public async Task Every_problem_of_a_body_comes_back_together_and_nothing_is_created()
    {
        var community = WebhooksFixture.NewCommunity();
        var (status, json) = await fixture.Factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", community, new
        {
            url = "https://user:secret@partner.example/hook",
            events = new[] { "store.item_purchased", "store.item_bought" },
            channelIDs = new[] { "not-an-id" },
            description = new string('d', 501),
            encryption = new { isEnabled = true, mode = "ecb", key = "short" },
        });

        Assert.Equal(400, status);
        Assert.Equal(
            [("invalid_url", "url"), ("unknown_event_type", "events[1]"), ("invalid_id", "channelIDs[0]"), ("invalid_length", "description"),
                ("invalid_encryption_mode", "encryption.mode"), ("invalid_encryption_key", "encryption.key")],
            Errors(json));
        Assert.Equal(0, await fixture.Factory.ScalarAsync("SELECT count(*) FROM webhook_endpoints WHERE community_id = @c", ("c", community)));
    }

    [Theory]
    [InlineData("[]", "invalid_event_filter")]
    [InlineData("[\"*\", \"store.item_purchased\"]", "invalid_event_filter")]
    [InlineData("[\"webhook.test\"]", "unknown_event_type")]
    [InlineData("\"*\"", "invalid_type")]
    public async Task A_wrong_event_filter_is_refused(string events, string code)
    {
        var (status, json) = await fixture.Factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", WebhooksFixture.NewCommunity(),
            JsonDocument.Parse($$"""{"url": "{{fixture.Receiver.Url("/x")}}", "events": {{events}}}""").RootElement);

        Assert.Equal(400, status);
        Assert.Equal(code, Errors(json)[0].Code);
    }

    [Fact]
    public async Task Duplicated_event_types_are_dropped_and_defaults_are_filled()
    {
        var (status, json) = await fixture.Factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", WebhooksFixture.NewCommunity(),
            new { url = fixture.Receiver.Url("/x"), events = new[] { "store.item_purchased", "store.item_purchased", "community.user_joined" } });

        Assert.Equal(201, status);
        var data = json.GetProperty("data");
        Assert.Equal(["store.item_purchased", "community.user_joined"], data.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, data.GetProperty("channelIDs").GetArrayLength());
        Assert.Equal("", data.GetProperty("description").GetString());
        Assert.True(data.GetProperty("isEnabled").GetBoolean());
        Assert.False(data.GetProperty("encryption").GetProperty("isEnabled").GetBoolean());
        Assert.StartsWith("whsec_", data.GetProperty("secret").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_community_may_have_the_configured_number_of_endpoints_then_409()
    {
        var community = WebhooksFixture.NewCommunity();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fixture.Factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", community,
            new { url = fixture.Receiver.Url("/x"), events = new[] { "*" } })));

        Assert.Equal(5, answers.Count(a => a.Status == 201));
        Assert.All(answers.Where(a => a.Status != 201), a =>
        {
            Assert.Equal(409, a.Status);
            Assert.Equal("too_many_endpoints", Errors(a.Json)[0].Code);
        });
        Assert.Equal(5, await fixture.Factory.ScalarAsync("SELECT count(*) FROM webhook_endpoints WHERE community_id = @c", ("c", community)));
    }

    [Fact]
    public async Task A_replayed_create_shows_no_secret_and_no_record_keeps_one()
    {
        var community = WebhooksFixture.NewCommunity();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "create-" + Guid.NewGuid().ToString("N") };
        var body = new { url = fixture.Receiver.Url("/x"), events = new[] { "*" } };

        var (first, created) = await fixture.Factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", community, body, headers: headers);
        var (again, replayed) = await fixture.Factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", community, body, headers: headers);

        Assert.Equal(201, first);
        Assert.Equal(201, again);
        var secret = created.GetProperty("data").GetProperty("secret").GetString()!;
        Assert.Equal(created.GetProperty("data").GetProperty("_id").GetString(), replayed.GetProperty("data").GetProperty("_id").GetString());
        Assert.Equal(JsonValueKind.Null, replayed.GetProperty("data").GetProperty("secret").ValueKind);
        Assert.False(replayed.GetProperty("meta").GetProperty("secretShown").GetBoolean());
        Assert.Equal(0, await fixture.Factory.ScalarAsync("SELECT count(*) FROM idempotency_records WHERE convert_from(response_body, 'UTF8') LIKE '%' || @s || '%'", ("s", secret)));
        Assert.Equal(1, await fixture.Factory.ScalarAsync("SELECT count(*) FROM webhook_endpoints WHERE community_id = @c", ("c", community)));
    }

    [Fact]
    public async Task Another_communitys_endpoints_and_deliveries_are_404_everywhere_and_in_no_list()
    {
        var owner = WebhooksFixture.NewCommunity();
        var other = WebhooksFixture.NewCommunity();
        var (endpointId, _, _) = await fixture.CreateEndpointAsync(owner);
        var (_, test) = await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", owner);
        var deliveryId = test.GetProperty("data").GetProperty("_id").GetString();

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, $"/webhooks/endpoints/{endpointId}", null),
                     (HttpMethod.Put, $"/webhooks/endpoints/{endpointId}", new { description = "mine now" }),
                     (HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/rotate-secret", null),
                     (HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", null),
                     (HttpMethod.Get, $"/webhooks/endpoints/{endpointId}/deliveries", null),
                     (HttpMethod.Get, $"/webhooks/endpoints/{endpointId}/deliveries/{deliveryId}", null),
                     (HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/deliveries/{deliveryId}/redeliver", null),
                     (HttpMethod.Delete, $"/webhooks/endpoints/{endpointId}", null),
                 })
        {
            var (status, json) = await fixture.Factory.SendAsync(method, path, other, body);
            Assert.True(status == 404, $"{method} {path}: {status} {json}");
        }

        var (_, list) = await fixture.Factory.SendAsync(HttpMethod.Get, "/webhooks/endpoints", other);
        Assert.Equal(0, list.GetProperty("data").GetArrayLength());
        var (_, mine) = await fixture.Factory.SendAsync(HttpMethod.Get, $"/webhooks/endpoints/{endpointId}", owner);
        Assert.Equal("", mine.GetProperty("data").GetProperty("description").GetString());
    }

    [Fact]
    public async Task An_endpoint_gets_only_its_event_types_and_channels_and_never_another_communitys_events()
    {
        var community = WebhooksFixture.NewCommunity();
        var channel = ObjectIds.New();
        var (products, _, productsPath) = await fixture.CreateEndpointAsync(community, ["store.products_created"]);
        var (joins, _, joinsPath) = await fixture.CreateEndpointAsync(community, ["community.user_joined"]);
        var (inChannel, _, _) = await fixture.CreateEndpointAsync(community, ["channel.message_posted"], channelIds: [channel]);
        var (otherChannel, _, _) = await fixture.CreateEndpointAsync(community, ["channel.message_posted"], channelIds: [ObjectIds.New()]);
        var (elsewhere, _, elsewherePath) = await fixture.CreateEndpointAsync(WebhooksFixture.NewCommunity());

        await fixture.PublishProductsCreatedAsync(community);
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EventRecorder>().RecordAsync(ObjectIds.New(), community, EventTypes.MessagePosted,
                "{}", DateTimeOffset.UtcNow, channel, CancellationToken.None);
        }

        await fixture.SettledDeliveriesAsync(community, products);
        await fixture.SettledDeliveriesAsync(community, inChannel);
        Assert.Equal(0, (await fixture.DeliveriesAsync(community, joins)).GetArrayLength());
        Assert.Equal(0, (await fixture.DeliveriesAsync(community, otherChannel)).GetArrayLength());
        Assert.Single(fixture.Receiver.Received(productsPath));
        Assert.Empty(fixture.Receiver.Received(joinsPath));
        Assert.Empty(fixture.Receiver.Received(elsewherePath));
        Assert.Equal(0, await fixture.Factory.ScalarAsync("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = @e", ("e", elsewhere)));
    }

    [Fact]
    public async Task A_bus_event_delivered_twice_makes_one_event_and_one_delivery_per_matching_endpoint()
    {
        var community = WebhooksFixture.NewCommunity();
        var (first, _, firstPath) = await fixture.CreateEndpointAsync(community);
        var (second, _, secondPath) = await fixture.CreateEndpointAsync(community, ["store.products_created"]);
        var messageId = Guid.NewGuid();

        await fixture.PublishProductsCreatedAsync(community, messageId);
        await fixture.PublishProductsCreatedAsync(community, messageId);
        var delivered = await fixture.SettledDeliveriesAsync(community, first);
        await fixture.SettledDeliveriesAsync(community, second);
        var eventId = delivered[0].GetProperty("eventID").GetString()!;
        // Whichever copy came second, here it comes once more: it records nothing.
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<EventRecorder>().RecordAsync(eventId, community, EventTypes.ProductsCreated,
                "{}", DateTimeOffset.UtcNow, null, CancellationToken.None));
        }

        Assert.Equal(1, await fixture.Factory.ScalarAsync("SELECT count(*) FROM webhook_events WHERE community_id = @c", ("c", community)));
        Assert.Equal(2, await fixture.Factory.ScalarAsync("SELECT count(*) FROM webhook_deliveries WHERE community_id = @c", ("c", community)));
        Assert.Single(fixture.Receiver.Received(firstPath));
        Assert.Single(fixture.Receiver.Received(secondPath));
    }

    [Fact]
    public async Task A_name_re_pointed_to_a_private_address_gets_no_connection_and_the_log_says_unsafe_url()
    {
        var community = WebhooksFixture.NewCommunity();
        var host = "partner-" + Guid.NewGuid().ToString("N")[..8] + ".test";
        fixture.Factory.Resolver.Point(host, "127.0.0.1");
        var path = WebhookReceiver.NewPath();
        var (created, json) = await fixture.Factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", community,
            new { url = $"http://{host}:{fixture.Receiver.Port}{path}", events = new[] { "*" } });
        Assert.Equal(201, created);
        var endpointId = json.GetProperty("data").GetProperty("_id").GetString();
        await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", community);
        Assert.Single(fixture.Receiver.Received(path));

        fixture.Factory.Resolver.Point(host, "10.0.0.1");
        var (_, test) = await fixture.Factory.SendAsync(HttpMethod.Post, $"/webhooks/endpoints/{endpointId}/test", community);

        Assert.Equal("unsafe_url", test.GetProperty("data").GetProperty("lastError").GetProperty("code").GetString());
        Assert.Single(fixture.Receiver.Received(path));
        var (refused, error) = await fixture.Factory.SendAsync(HttpMethod.Put, $"/webhooks/endpoints/{endpointId}", community, new { isEnabled = true, url = $"http://127.0.0.2:{fixture.Receiver.Port}{path}" });
        Assert.Equal(400, refused);
        Assert.Equal(("unsafe_url", "url"), Errors(error)[0]);
    }

    [Fact]
    public async Task A_host_without_an_address_is_unresolvable()
    {
        var (status, json) = await fixture.Factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", WebhooksFixture.NewCommunity(),
            new { url = "https://nowhere.invalid/hook", events = new[] { "*" } });

        Assert.Equal(400, status);
        Assert.Equal(("unresolvable_host", "url"), Errors(json)[0]);
    }

    [Fact]
    public async Task Deleting_an_endpoint_drops_its_pending_deliveries_and_nothing_is_attempted_after_the_answer()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, _, path) = await fixture.CreateEndpointAsync(community);
        fixture.Receiver.Answer(path, ReceiverAnswer.Code(503, retryAfter: "1"));
        await fixture.PublishProductsCreatedAsync(community);
        await Eventually.Until(() => Task.FromResult(fixture.Receiver.Received(path).Count), n => n >= 1, WebhooksFixture.Patience, "the first attempt");

        var (status, json) = await fixture.Factory.SendAsync(HttpMethod.Delete, $"/webhooks/endpoints/{endpointId}", community);
        var afterDelete = fixture.Receiver.Received(path).Count;

        Assert.Equal(200, status);
        Assert.Equal(endpointId, json.GetProperty("data").GetProperty("_id").GetString());
        Assert.Equal(0, await fixture.Factory.ScalarAsync("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = @e", ("e", endpointId)));
        var (gone, _) = await fixture.Factory.SendAsync(HttpMethod.Get, $"/webhooks/endpoints/{endpointId}", community);
        Assert.Equal(404, gone);
        // The schedule would have tried again a second later; another event for the community shows the workers went on.
        var (other, _, _) = await fixture.CreateEndpointAsync(community);
        await fixture.PublishProductsCreatedAsync(community);
        await fixture.SettledDeliveriesAsync(community, other);
        Assert.Equal(afterDelete, fixture.Receiver.Received(path).Count);
    }
}

/// <summary>
/// The URL rules of production (https, public addresses only), on an instance of their own. In the collection, so not
/// beside its other tests: each instance consumes the products-created queue too, and took their events while it ran.
/// </summary>
[Collection(WebhooksCollection.Name)]
public sealed class StrictUrlTests : IAsyncLifetime
{
    private readonly WebhooksFactory _factory = new(new Dictionary<string, string?>
    {
        ["Webhooks:AllowHttp"] = null,
        ["Webhooks:AllowedNetworks:0"] = null,
    });

    public Task InitializeAsync() => WebhooksFixture.WaitHealthyAsync(_factory);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("http://partner.test/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://intranet.partner.test/hook")]
    public async Task Unsafe_URLs_are_400_unsafe_url(string url)
    {
        _factory.Resolver.Point("partner.test", "8.8.8.8");
        _factory.Resolver.Point("intranet.partner.test", "192.168.1.10");

        var (status, json) = await _factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", WebhooksFixture.NewCommunity(), new { url, events = new[] { "*" } });

        Assert.Equal(400, status);
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("unsafe_url", error.GetProperty("code").GetString());
        Assert.Equal("url", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_metadata_address_stays_unsafe_even_inside_an_allowed_network()
    {
        await using var factory = new WebhooksFactory(new Dictionary<string, string?> { ["Webhooks:AllowedNetworks:0"] = "169.254.0.0/16" },
            database: _factory.Database);
        await WebhooksFixture.WaitHealthyAsync(factory);

        var (status, json) = await factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", WebhooksFixture.NewCommunity(),
            new { url = "http://169.254.169.254/latest/meta-data", events = new[] { "*" } });

        Assert.Equal(400, status);
        Assert.Equal("unsafe_url", json.GetProperty("errors")[0].GetProperty("code").GetString());
    }
}
