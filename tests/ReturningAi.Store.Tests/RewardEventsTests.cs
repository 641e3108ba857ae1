using System.Net;
using System.Text.Json;
using ReturningAi.Contracts.Events;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

/// <summary>
/// rewards.md §8 against the real database and broker: the purchase and status events leave through the
/// outbox with the fields P13's webhooks deliver, one per change, none for a refusal, a no-op or a replay.
/// </summary>
public sealed class RewardEventsTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly StoreFactory _factory = fixture.Factory;
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Shop NewShop() => new(_factory, _client);

    private static JsonElement Message(JsonElement envelope) => envelope.GetProperty("message");

    private static bool Of(JsonElement envelope, string communityId) => Message(envelope).GetProperty("communityID").GetString() == communityId;

    /// <summary>An amount as the bus carries it (MassTransit writes decimals as strings, to keep them exact).</summary>
    private static decimal Amount(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? decimal.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : value.GetDecimal();

    private Task<long> OutboxRowsAsync(string orderId) =>
        _factory.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE source = 'order:' || @c", orderId);

    [Fact]
    public async Task A_purchase_publishes_one_item_purchased_with_the_webhook_fields_and_a_replay_or_refusal_publishes_none()
    {
        await using var probe = await BrokerProbe.BindAsync(ItemPurchased.EntityName);
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var product = await shop.ProductAsync("Card", 30, vouchers: 1, new { userInformation = new { isEnabled = true, shouldCollectName = true, shouldCollectPhone = false, shouldCollectAddress = false } });
        await shop.CreditAsync(alex, 100);

        var key = Guid.NewGuid().ToString();
        var bought = await shop.BuyAsync(alex, product, key, new { userInformation = new { name = " Alex A. ", phone = "555" } });
        Assert.True(bought.Status == HttpStatusCode.Created, bought.Json.ToString());
        var replayed = await shop.BuyAsync(alex, product, key, new { userInformation = new { name = " Alex A. ", phone = "555" } });
        var refused = await shop.BuyAsync(alex, product, extra: new { userInformation = new { name = "Alex" } });
        Assert.Equal(HttpStatusCode.Created, replayed.Status);
        Assert.Equal((HttpStatusCode.Conflict, "out_of_stock"), (refused.Status, StoreApi.ErrorCode(refused.Json)));

        var order = bought.Json.GetProperty("data").GetProperty("order");
        var orderId = order.GetProperty("_id").GetString()!;
        var envelope = await probe.NextMessageAsync(m => Of(m, shop.CommunityId), Patience);
        var data = Message(envelope);
        Assert.Matches("^[0-9a-f]{24}$", data.GetProperty("eventID").GetString());
        Assert.Equal(orderId, data.GetProperty("orderID").GetString());
        Assert.Equal(order.GetProperty("orderNumber").GetString(), data.GetProperty("orderNumber").GetString());
        Assert.Equal((product, "Card", "Cards"), (data.GetProperty("product").GetProperty("_id").GetString(),
            data.GetProperty("product").GetProperty("name").GetString(), data.GetProperty("product").GetProperty("category").GetString()));
        Assert.Equal((alex, "alex@example.com", "alex"), (data.GetProperty("user").GetProperty("_id").GetString(),
            data.GetProperty("user").GetProperty("email").GetString(), data.GetProperty("user").GetProperty("username").GetString()));
        Assert.Equal(1, data.GetProperty("quantity").GetInt32());
        Assert.Equal(30m, Amount(data.GetProperty("pricePaid")));
        Assert.Equal("regular", data.GetProperty("priceSource").GetString());
        Assert.Equal(order.GetProperty("currencyName").GetString(), data.GetProperty("currencyName").GetString());
        Assert.Equal("Card-00001", data.GetProperty("voucher").GetProperty("code").GetString());
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), data.GetProperty("voucher").GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("Pending", data.GetProperty("status").GetString());
        Assert.Equal("Alex A.", data.GetProperty("userInformation").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("userInformation").GetProperty("phone").ValueKind);
        Assert.Equal(order.GetProperty("createdAt").GetDateTimeOffset(), data.GetProperty("purchasedAt").GetDateTimeOffset());
        Assert.Equal("000000000000000000000000", data.GetProperty("apiKeyID").GetString());

        // The replay and the refusal wrote no event: the outbox holds the purchase's row alone, and nothing else arrives.
        Assert.Equal(1, await OutboxRowsAsync(orderId));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(probe.Received, m => Of(m, shop.CommunityId));
    }

    [Fact]
    public async Task A_status_change_publishes_its_names_note_and_refund_and_the_current_status_again_publishes_nothing()
    {
        await using var probe = await BrokerProbe.BindAsync(OrderStatusChanged.EntityName);
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var product = await shop.ProductAsync("Card", 25, vouchers: 2);
        await shop.CreditAsync(alex, 25);
        var bought = await shop.BuyAsync(alex, product);
        var orderId = bought.Json.GetProperty("data").GetProperty("order").GetProperty("_id").GetString()!;
        await shop.Api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Shipped" });
        await shop.Api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Cancelled", refundsPoints = true });

        Assert.Equal(HttpStatusCode.OK, (await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{orderId}/status", new { statusName = "Shipped", note = "By post" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{orderId}/status", new { statusName = "Shipped" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{orderId}/status", new { statusName = "Cancelled" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{orderId}/status", new { statusName = "Shipped" })).Status);

        var received = await probe.WaitForAsync(r => r.Count(m => Of(m, shop.CommunityId)) >= 2, Patience, "two status changes");
        var changes = received.Where(m => Of(m, shop.CommunityId)).Select(Message).ToList();
        var shipped = changes.Single(c => c.GetProperty("status").GetString() == "Shipped");
        Assert.Equal((orderId, product, alex), (shipped.GetProperty("orderID").GetString(), shipped.GetProperty("productID").GetString(), shipped.GetProperty("userID").GetString()));
        Assert.Equal(("Pending", "By post", false, 0m), (shipped.GetProperty("previousStatus").GetString(), shipped.GetProperty("note").GetString(),
            shipped.GetProperty("refunded").GetBoolean(), Amount(shipped.GetProperty("refundAmount"))));
        Assert.Equal(bought.Json.GetProperty("data").GetProperty("order").GetProperty("orderNumber").GetString(), shipped.GetProperty("orderNumber").GetString());
        var cancelled = changes.Single(c => c.GetProperty("status").GetString() == "Cancelled");
        Assert.Equal(("Shipped", true, 25m), (cancelled.GetProperty("previousStatus").GetString(), cancelled.GetProperty("refunded").GetBoolean(),
            Amount(cancelled.GetProperty("refundAmount"))));
        Assert.True(cancelled.GetProperty("changedAt").GetDateTimeOffset() >= shipped.GetProperty("changedAt").GetDateTimeOffset());

        // The purchase and the two changes; the same status again and the refused move wrote none.
        Assert.Equal(3, await OutboxRowsAsync(orderId));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, probe.Received.Count(m => Of(m, shop.CommunityId)));
    }
}
