using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// Owners' events reaching a partner's receiver through the whole stack (events-and-jobs.md §1.4): a purchase made through the
/// gateway arrives as <c>store.item_purchased</c>, verified by the stock Standard Webhooks library with the endpoint's secret;
/// a users job's end arrives once as <c>bulk.job_completed</c>, with the totals <c>GET /bulk/jobs/{jobID}</c> shows (invariant 15).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class PartnerEventsEndToEndTests(StackFixture stack) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private WebhookReceiver _receiver = null!;

    private PartnerApi Api => stack.Api;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static Dictionary<string, string> Key() => new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

    [Fact]
    public async Task A_purchase_through_the_gateway_reaches_the_receiver_as_store_item_purchased_signed_for_the_endpoints_secret()
    {
        // The README's rewards loop: a category, a user, a product with vouchers, points, a purchase.
        var community = await Api.BootstrapCommunityAsync();
        var token = community.Token;
        var (endpointId, path, secret) = await EndpointAsync(token, "store.item_purchased");
        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/apis/categories", token, new { name = "Gift cards" })).Status);
        var user = await Api.SendAsync(HttpMethod.Post, "/apis/users", token, new { username = "alex", email = "alex@example.com" });
        Assert.Equal(HttpStatusCode.Created, user.Status);
        var alex = user.Json.GetProperty("data").GetProperty("_id").GetString()!;
        await StoreDatabase.UserCopiedAsync(alex);
        var product = Catalogue.Product("Gift card", "Gift cards", "GIFT-0001", "GIFT-0002");
        product["price"] = 150;
        var created = await Api.SendAsync(HttpMethod.Post, "/apis/products", token, product);
        Assert.True(created.Status == HttpStatusCode.Created, created.Body);
        var productId = created.Json.GetProperty("data").GetProperty("_id").GetString()!;
        var credit = await Api.SendAsync(HttpMethod.Post, "/apis/wallet/transactions", token,
            new { email = "alex@example.com", operation = "add", amount = 500, reason = "Season reward", reference = "season-12" }, Key());
        Assert.True(credit.Status == HttpStatusCode.Created, credit.Body);

        var bought = await Api.SendAsync(HttpMethod.Post, "/apis/store/purchases", token, new { productID = productId, email = "alex@example.com", expectedPrice = 150 }, Key());
        Assert.True(bought.Status == HttpStatusCode.Created, bought.Body);
        var order = bought.Json.GetProperty("data").GetProperty("order");

        var received = await Eventually.Until(() => Task.FromResult(_receiver.Received(path)), r => r.Count >= 1, Patience, "the purchase's delivery");
        var request = Assert.Single(received);
        Assert.True(StandardWebhookCheck.Verify(secret, request), "The stock Standard Webhooks library refused the delivery with the endpoint's secret.");
        Assert.False(StandardWebhookCheck.Verify(secret, request, request.BodyText.Replace("GIFT-0001", "GIFT-0009", StringComparison.Ordinal)));
        Assert.False(StandardWebhookCheck.Verify("whsec_" + Convert.ToBase64String(new byte[32]), request));

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(("store.item_purchased", community.CommunityId, request.WebhookId), (root.GetProperty("type").GetString(),
            root.GetProperty("communityID").GetString(), root.GetProperty("id").GetString()));
        var data = root.GetProperty("data");
        Assert.Equal(order.GetProperty("_id").GetString(), data.GetProperty("orderID").GetString());
        Assert.Equal((productId, "Gift card", "Gift cards"), (data.GetProperty("product").GetProperty("_id").GetString(),
            data.GetProperty("product").GetProperty("name").GetString(), data.GetProperty("product").GetProperty("category").GetString()));
        Assert.Equal((alex, "alex@example.com", "alex"), (data.GetProperty("user").GetProperty("_id").GetString(),
            data.GetProperty("user").GetProperty("email").GetString(), data.GetProperty("user").GetProperty("username").GetString()));
        Assert.Equal((1, 150m, "GIFT-0001", "Pending"), (data.GetProperty("quantity").GetInt32(), data.GetProperty("pricePaid").GetDecimal(),
            data.GetProperty("voucher").GetProperty("code").GetString(), data.GetProperty("status").GetString()));
        Assert.Equal(order.GetProperty("currencyName").GetString(), data.GetProperty("currencyName").GetString());
        Assert.Equal(order.GetProperty("createdAt").GetDateTimeOffset(), data.GetProperty("purchasedAt").GetDateTimeOffset());

        var log = await Eventually.Until(() => Api.SendAsync(HttpMethod.Get, $"/apis/webhooks/endpoints/{endpointId}/deliveries", token),
            r => r.Json.GetProperty("data").GetArrayLength() == 1 && r.Json.GetProperty("data")[0].GetProperty("state").GetString() == "succeeded",
            Patience, "the delivery log to say succeeded");
        Assert.Equal(request.WebhookId, log.Json.GetProperty("data")[0].GetProperty("eventID").GetString());
    }

    [Fact]
    public async Task A_users_job_arrives_once_as_bulk_job_completed_with_the_totals_of_its_job()
    {
        var community = await Api.BootstrapCommunityAsync();
        var token = community.Token;
        var (_, path, secret) = await EndpointAsync(token, "bulk.job_completed");

        var first = await FinishedJobAsync(token, "email,username\nada@example.com,ada\nnot-an-email,bad\ngrace@example.com,grace\n");
        var second = await FinishedJobAsync(token, "email,username\nlinus@example.com,linus\n");

        // The second job's event arriving means the first one's had its chance to come twice.
        var received = await Eventually.Until(() => Task.FromResult(_receiver.Received(path)), r => r.Count >= 2, Patience, "both jobs' events");
        await Task.Delay(TimeSpan.FromSeconds(2));
        received = _receiver.Received(path);
        Assert.Equal(2, received.Count);
        Assert.Equal(2, received.Select(r => r.WebhookId).Distinct().Count());
        foreach (var job in new[] { first, second })
        {
            var request = Assert.Single(received, r => JsonNode.Parse(r.Body)!["data"]!["_id"]!.GetValue<string>() == job["_id"]!.GetValue<string>());
            Assert.True(StandardWebhookCheck.Verify(secret, request), "The stock Standard Webhooks library refused the delivery.");
            var body = JsonNode.Parse(request.Body)!;
            Assert.Equal("bulk.job_completed", body["type"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(job, body["data"]), $"The event's job {body["data"]!.ToJsonString()} is not the API's {job.ToJsonString()}");
        }

        Assert.Equal("partially_succeeded", first["state"]!.GetValue<string>());
        Assert.Equal((3, 2, 1), (first["rows"]!["total"]!.GetValue<int>(), first["rows"]!["succeeded"]!.GetValue<int>(), first["rows"]!["failed"]!.GetValue<int>()));
        Assert.Equal("succeeded", second["state"]!.GetValue<string>());
    }

    /// <summary>An endpoint of the receiver for one event type: its id, the receiver's path and the endpoint's secret.</summary>
    private async Task<(string Id, string Path, string Secret)> EndpointAsync(string token, string eventType)
    {
        var path = WebhookReceiver.NewPath();
        var created = await Api.SendAsync(HttpMethod.Post, "/apis/webhooks/endpoints", token, new { url = _receiver.Url(path), events = new[] { eventType } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var endpoint = created.Json.GetProperty("data");
        return (endpoint.GetProperty("_id").GetString()!, path, endpoint.GetProperty("secret").GetString()!);
    }

    /// <summary>A users job of this CSV, run to its end; the job as <c>GET /bulk/jobs/{jobID}</c> shows it.</summary>
    private async Task<JsonNode> FinishedJobAsync(string token, string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        var upload = await Api.SendRawAsync(HttpMethod.Post, "/apis/users/bulk-update", token, new MultipartFormDataContent { { file, "file", "users.csv" } });
        Assert.True(upload.Status == HttpStatusCode.OK, upload.Body);
        var jobId = upload.Json.GetProperty("data").GetProperty("_id").GetString()!;
        var finished = await Eventually.Until(() => Api.SendAsync(HttpMethod.Get, $"/apis/bulk/jobs/{jobId}", token),
            r => r.Json.GetProperty("data").GetProperty("finishedAt").ValueKind != JsonValueKind.Null, Patience, $"job {jobId} to finish");
        return JsonNode.Parse(finished.Json.GetProperty("data").GetRawText())!;
    }
}
