using System.Net;
using System.Text.Json;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// Outgoing webhooks through the gateway on the AppHost: a product created through the API reaches a local
/// receiver as <c>store.products_created</c>, signed so that the stock Standard Webhooks library verifies it,
/// retried after a 500 with the same id, and a 410 disables the endpoint (events-and-jobs.md §1).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class WebhookTests(StackFixture stack) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_created_product_reaches_the_receiver_signed_is_retried_after_a_500_and_a_410_disables_the_endpoint()
    {
        var api = stack.Api;
        var community = await Catalogue.CommunityWithPageNamesAsync(api);
        var path = WebhookReceiver.NewPath();
        _receiver.Script(path, ReceiverAnswer.Code(500));
        var created = await api.SendAsync(HttpMethod.Post, "/apis/webhooks/endpoints", community.Token,
            new { url = _receiver.Url(path), events = new[] { "store.products_created" }, description = "Fulfilment" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var endpointId = created.Json.GetProperty("data").GetProperty("_id").GetString()!;
        var secret = created.Json.GetProperty("data").GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        var product = await api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, Catalogue.Product("Webhook Gift Card"));
        Assert.Equal(HttpStatusCode.Created, product.Status);
        var productId = product.Json.GetProperty("data").GetProperty("_id").GetString()!;

        // The first attempt gets the 500; the schedule's second (1 s later here) the default 200.
        var attempts = await Eventually.Until(() => Task.FromResult(_receiver.Received(path)), r => r.Count >= 2, Patience, "the retried delivery");
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, request => Assert.True(StandardWebhookCheck.Verify(secret, request), "The stock library refused the signature."));
        Assert.Single(attempts.Select(r => r.WebhookId).Distinct());
        using var body = JsonDocument.Parse(attempts[1].Body);
        Assert.Equal(attempts[1].WebhookId, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("store.products_created", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(community.CommunityId, body.RootElement.GetProperty("communityID").GetString());
        var announced = Assert.Single(body.RootElement.GetProperty("data").GetProperty("products").EnumerateArray());
        Assert.Equal(productId, announced.GetProperty("_id").GetString());
        Assert.Equal("Webhook Gift Card", announced.GetProperty("name").GetString());
        Assert.Equal("Premium Rewards", announced.GetProperty("category").GetString());
        Assert.False(StandardWebhookCheck.Verify(secret, attempts[1], attempts[1].BodyText.Replace("Gift", "Gilt", StringComparison.Ordinal)));

        var log = await Eventually.Until(() => api.SendAsync(HttpMethod.Get, $"/apis/webhooks/endpoints/{endpointId}/deliveries", community.Token),
            r => r.Json.GetProperty("data")[0].GetProperty("state").GetString() == "succeeded", Patience, "the delivery log to say succeeded");
        var delivery = Assert.Single(log.Json.GetProperty("data").EnumerateArray());
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(attempts[0].WebhookId, delivery.GetProperty("eventID").GetString());

        // A receiver that is gone for good: 410 disables the endpoint at once.
        _receiver.Answer(path, ReceiverAnswer.Code(410));
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, Catalogue.Product("Second Card"))).Status);
        var disabled = await Eventually.Until(() => api.SendAsync(HttpMethod.Get, $"/apis/webhooks/endpoints/{endpointId}", community.Token),
            r => !r.Json.GetProperty("data").GetProperty("isEnabled").GetBoolean(), Patience, "the 410 to disable the endpoint");
        Assert.Equal("gone", disabled.Json.GetProperty("data").GetProperty("disabledReason").GetString());
        Assert.Equal(3, _receiver.Received(path).Count);

        // A later event reaches an enabled witness endpoint, and nothing more reaches the disabled one.
        var witnessPath = WebhookReceiver.NewPath();
        var witness = await api.SendAsync(HttpMethod.Post, "/apis/webhooks/endpoints", community.Token,
            new { url = _receiver.Url(witnessPath), events = new[] { "*" } });
        Assert.Equal(HttpStatusCode.Created, witness.Status);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, Catalogue.Product("Third Card"))).Status);
        await Eventually.Until(() => Task.FromResult(_receiver.Received(witnessPath).Count), n => n == 1, Patience, "the witness's delivery");
        Assert.Equal(3, _receiver.Received(path).Count);
        var afterwards = await api.SendAsync(HttpMethod.Get, $"/apis/webhooks/endpoints/{endpointId}/deliveries", community.Token);
        Assert.Equal(2, afterwards.Json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Webhook_routes_need_the_webhooks_permission_and_never_show_the_secret_again()
    {
        var api = stack.Api;
        var community = await api.BootstrapCommunityAsync();
        var (_, storeOnly) = await api.CreateKeyAsync(community.Token, ["store"]);
        var refused = await api.SendAsync(HttpMethod.Get, "/apis/webhooks/endpoints", storeOnly);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Get, "/apis/webhooks/event-types", storeOnly)).Status);

        var (_, webhooksOnly) = await api.CreateKeyAsync(community.Token, ["webhooks"]);
        var created = await api.SendAsync(HttpMethod.Post, "/apis/webhooks/endpoints", webhooksOnly,
            new { url = _receiver.Url(WebhookReceiver.NewPath()), events = new[] { "*" } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var secret = created.Json.GetProperty("data").GetProperty("secret").GetString()!;
        var types = await api.SendAsync(HttpMethod.Get, "/apis/webhooks/event-types", webhooksOnly);
        Assert.Equal(HttpStatusCode.OK, types.Status);
        Assert.Contains(types.Json.GetProperty("data").EnumerateArray(), t => t.GetProperty("type").GetString() == "store.products_created");
        var list = await api.SendAsync(HttpMethod.Get, "/apis/webhooks/endpoints", webhooksOnly);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.DoesNotContain(secret, list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"secret\"", list.Body, StringComparison.Ordinal);

        var unsafeUrl = await api.SendAsync(HttpMethod.Post, "/apis/webhooks/endpoints", webhooksOnly,
            new { url = "http://169.254.169.254/latest/meta-data", events = new[] { "*" } });
        Assert.Equal(HttpStatusCode.BadRequest, unsafeUrl.Status);
        Assert.Equal("unsafe_url", unsafeUrl.ErrorCode());
    }
}
