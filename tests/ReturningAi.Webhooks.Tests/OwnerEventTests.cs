using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Jobs;
using ReturningAi.Contracts.Members;
using ReturningAi.Contracts.Rewards;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.TestSupport;

namespace ReturningAi.Webhooks.Tests;

/// <summary>
/// The owners' bus events as partners receive them (events-and-jobs.md §1.4): each published as its outbox would, delivered
/// signed to an endpoint of exactly its type, with exactly the contract's <c>data</c>; one delivery per message however often it comes.
/// </summary>
[Collection(WebhooksCollection.Name)]
public sealed class OwnerEventTests(WebhooksFixture fixture)
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-30T10:11:12.345Z", CultureInfo.InvariantCulture);

    [Fact]
    public async Task STORE_EVENTS_ITEM_PURCHASED_is_delivered_as_store_item_purchased_with_the_contracts_data()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, secret, path) = await fixture.CreateEndpointAsync(community, ["store.item_purchased"]);
        var purchase = Purchase(community) with
        {
            Voucher = new EventVoucherDto("VOUCHER-001", At.AddDays(30)),
            UserInformation = new CollectedInformationDto("Ada Lovelace", "+44 20 7946 0000", null),
        };

        await fixture.PublishAsync(purchase);

        var body = await DeliveredAsync(community, endpointId, path, secret);
        AssertEnvelope(body, purchase.EventId, "store.item_purchased", community);
        var data = body.GetProperty("data");
        AssertNames(data, ["orderID", "product", "user", "quantity", "pricePaid", "currencyName", "voucher", "status", "userInformation", "purchasedAt"]);
        Assert.Equal(purchase.OrderId, data.GetProperty("orderID").GetString());
        AssertObject(data.GetProperty("product"), ("_id", purchase.Product.Id), ("name", "Amazon Gift Card"), ("category", "Gift cards"));
        AssertObject(data.GetProperty("user"), ("_id", purchase.User.Id), ("email", "ada@example.com"), ("username", "ada"));
        Assert.Equal(1, data.GetProperty("quantity").GetInt32());
        Assert.Equal(450.5m, data.GetProperty("pricePaid").GetDecimal());
        Assert.Equal("Points", data.GetProperty("currencyName").GetString());
        AssertObject(data.GetProperty("voucher"), ("code", "VOUCHER-001"), ("expiresAt", "2026-12-30T10:11:12.345Z"));
        Assert.Equal("Pending", data.GetProperty("status").GetString());
        AssertObject(data.GetProperty("userInformation"), ("name", "Ada Lovelace"), ("phone", "+44 20 7946 0000"), ("address", null));
        Assert.Equal("2026-11-30T10:11:12.345Z", data.GetProperty("purchasedAt").GetString());
    }

    [Fact]
    public async Task An_item_purchased_without_voucher_or_collected_information_sends_both_as_null()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, secret, path) = await fixture.CreateEndpointAsync(community, ["store.item_purchased"]);

        await fixture.PublishAsync(Purchase(community));

        var data = (await DeliveredAsync(community, endpointId, path, secret)).GetProperty("data");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("voucher").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("userInformation").ValueKind);
    }

    [Fact]
    public async Task REDEMPTION_EVENTS_ORDER_STATUS_CHANGED_is_delivered_as_redemption_order_status_changed_with_the_contracts_data()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, secret, path) = await fixture.CreateEndpointAsync(community, ["redemption.order_status_changed"]);
        var change = StatusChange(community);

        await fixture.PublishAsync(change);

        var body = await DeliveredAsync(community, endpointId, path, secret);
        AssertEnvelope(body, change.EventId, "redemption.order_status_changed", community);
        var data = body.GetProperty("data");
        AssertNames(data, ["orderID", "productID", "userID", "previousStatus", "status", "changedAt"]);
        Assert.Equal(change.OrderId, data.GetProperty("orderID").GetString());
        Assert.Equal(change.ProductId, data.GetProperty("productID").GetString());
        Assert.Equal(change.UserId, data.GetProperty("userID").GetString());
        Assert.Equal("Pending", data.GetProperty("previousStatus").GetString());
        Assert.Equal("Refunded", data.GetProperty("status").GetString());
        Assert.Equal("2026-11-30T10:11:12.345Z", data.GetProperty("changedAt").GetString());
    }

    [Fact]
    public async Task COMMUNITY_EVENTS_USER_JOINED_is_delivered_as_community_user_joined_with_the_contracts_data()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, secret, path) = await fixture.CreateEndpointAsync(community, ["community.user_joined"]);
        var joined = Joined(community);

        await fixture.PublishAsync(joined);

        var body = await DeliveredAsync(community, endpointId, path, secret);
        var deliveryEventId = (await fixture.DeliveriesAsync(community, endpointId))[0].GetProperty("eventID").GetString()!;
        Assert.True(ObjectIds.IsValid(deliveryEventId));
        AssertEnvelope(body, deliveryEventId, "community.user_joined", community);
        var data = body.GetProperty("data");
        AssertNames(data, ["user", "roles", "tags", "source", "joinedAt"]);
        AssertObject(data.GetProperty("user"), ("_id", joined.UserId), ("email", "grace@example.com"), ("username", "grace"));
        var role = Assert.Single(data.GetProperty("roles").EnumerateArray());
        AssertObject(role, ("_id", joined.Roles[0].Id), ("name", "Moderator"));
        var tags = data.GetProperty("tags");
        Assert.Equal(2, tags.GetArrayLength());
        AssertObject(tags[0], ("_id", joined.Tags[0].Id), ("name", "VIP"));
        AssertObject(tags[1], ("_id", joined.Tags[1].Id), ("name", "Beta"));
        Assert.Equal("bulk", data.GetProperty("source").GetString());
        Assert.Equal("2026-11-30T10:11:12.345Z", data.GetProperty("joinedAt").GetString());
    }

    [Fact]
    public async Task BULK_EVENTS_JOB_COMPLETED_is_delivered_as_bulk_job_completed_with_the_job_as_the_api_shows_it()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, secret, path) = await fixture.CreateEndpointAsync(community, ["bulk.job_completed"]);
        var completed = Completed(community);

        await fixture.PublishAsync(completed);

        var body = await DeliveredAsync(community, endpointId, path, secret);
        var deliveryEventId = (await fixture.DeliveriesAsync(community, endpointId))[0].GetProperty("eventID").GetString()!;
        AssertEnvelope(body, deliveryEventId, "bulk.job_completed", community);
        var data = body.GetProperty("data");
        AssertNames(data, ["_id", "communityID", "type", "state", "fileName", "options", "rows", "progress", "apiKeyID", "error", "createdAt", "startedAt", "finishedAt"]);
        foreach (var (name, value) in new[] { ("_id", completed.Job.Id), ("communityID", community), ("type", "users"), ("state", "partially_succeeded"),
                     ("fileName", "users.csv"), ("apiKeyID", completed.Job.ApiKeyId), ("createdAt", "2026-11-30T10:11:12.345Z"),
                     ("startedAt", "2026-11-30T10:11:13.345Z"), ("finishedAt", "2026-11-30T10:11:22.345Z") })
        {
            Assert.Equal(value, data.GetProperty(name).GetString());
        }

        Assert.Equal("{}", data.GetProperty("options").GetRawText());
        Assert.Equal((3, 3, 2, 1), (data.GetProperty("rows").GetProperty("total").GetInt32(), data.GetProperty("rows").GetProperty("processed").GetInt32(),
            data.GetProperty("rows").GetProperty("succeeded").GetInt32(), data.GetProperty("rows").GetProperty("failed").GetInt32()));
        Assert.Equal(100, data.GetProperty("progress").GetInt32());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("error").ValueKind);
    }

    [Theory]
    [InlineData("store.item_purchased")]
    [InlineData("redemption.order_status_changed")]
    [InlineData("community.user_joined")]
    [InlineData("bulk.job_completed")]
    public async Task One_bus_message_delivered_twice_makes_one_event_and_one_delivery(string type)
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, secret, path) = await fixture.CreateEndpointAsync(community, [type]);
        var messageId = Guid.NewGuid();
        Func<object> make = type switch
        {
            "store.item_purchased" => () => Purchase(community),
            "redemption.order_status_changed" => () => StatusChange(community),
            "bulk.job_completed" => () => Completed(community),
            _ => () => Joined(community),
        };
        // The same message twice, as the outbox sends it again when a publish was not confirmed.
        var message = make();

        await fixture.PublishAsync(message, messageId);
        var first = await DeliveredAsync(community, endpointId, path, secret);
        await fixture.PublishAsync(message, messageId);
        // Another message of the same queue, published after the copy: once it is delivered, the copy has been consumed too.
        await fixture.PublishAsync(make());

        var deliveries = await fixture.SettledDeliveriesAsync(community, endpointId, count: 2);
        Assert.Equal(2, deliveries.EnumerateArray().Select(d => d.GetProperty("eventID").GetString()).Distinct().Count());
        var received = fixture.Receiver.Received(path);
        Assert.Equal(2, received.Count);
        Assert.Single(received, r => r.WebhookId == first.GetProperty("id").GetString());
        Assert.Equal(2, await fixture.Factory.ScalarAsync("SELECT count(*) FROM webhook_events WHERE community_id = @c", ("c", community)));
    }

    private async Task<JsonElement> DeliveredAsync(string community, string endpointId, string path, string secret)
    {
        var delivery = (await fixture.SettledDeliveriesAsync(community, endpointId))[0];
        Assert.Equal("succeeded", delivery.GetProperty("state").GetString());
        var request = Assert.Single(fixture.Receiver.Received(path));
        Assert.True(StandardWebhookCheck.Verify(secret, request));
        Assert.Equal(delivery.GetProperty("eventID").GetString(), request.WebhookId);
        // Compact, as §1.2 says, though data is kept as jsonb (which prints ", " and ": ").
        Assert.DoesNotContain("\": ", request.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain(", \"", request.BodyText, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.Clone();
    }

    private static void AssertEnvelope(JsonElement body, string eventId, string type, string community)
    {
        Assert.Equal(["id", "type", "communityID", "createdAt", "data"], Names(body));
        Assert.Equal(eventId, body.GetProperty("id").GetString());
        Assert.Equal(type, body.GetProperty("type").GetString());
        Assert.Equal(community, body.GetProperty("communityID").GetString());
        // When the owner's transaction wrote the event (the outbox's header).
        Assert.Equal(WebhooksFixture.WrittenAt, body.GetProperty("createdAt").GetDateTimeOffset());
    }

    private static void AssertObject(JsonElement actual, params (string Name, string? Value)[] expected)
    {
        AssertNames(actual, [.. expected.Select(e => e.Name)]);
        foreach (var (name, value) in expected) Assert.Equal(value, actual.GetProperty(name).GetString());
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>Exactly these properties, in any order: <c>data</c> is kept as jsonb, which orders keys its own way.</summary>
    private static void AssertNames(JsonElement element, string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), Names(element).Order(StringComparer.Ordinal));

    /// <summary>A purchase as the store writes it, the store's own fields set (they must not reach partners).</summary>
    private static ItemPurchased Purchase(string community) => new()
    {
        EventId = ObjectIds.New(),
        CommunityId = community,
        RequestId = "req-purchase",
        OrderId = ObjectIds.New(),
        OrderNumber = "20261130-ABCDEF12",
        Product = new EventProductDto(ObjectIds.New(), "Amazon Gift Card", "Gift cards"),
        User = new EventUserDto(ObjectIds.New(), "ada@example.com", "ada"),
        PricePaid = 450.5m,
        PriceSource = "discount",
        CurrencyName = "Points",
        Status = "Pending",
        PurchasedAt = At,
        ApiKeyId = ObjectIds.New(),
    };

    private static OrderStatusChanged StatusChange(string community) => new()
    {
        EventId = ObjectIds.New(),
        CommunityId = community,
        RequestId = "req-status",
        OrderId = ObjectIds.New(),
        OrderNumber = "20261130-ABCDEF12",
        ProductId = ObjectIds.New(),
        UserId = ObjectIds.New(),
        PreviousStatus = "Pending",
        Status = "Refunded",
        Note = "Out of stock at the partner",
        Refunded = true,
        RefundAmount = 450.5m,
        ChangedAt = At,
        ApiKeyId = ObjectIds.New(),
    };

    private static JobCompleted Completed(string community) => new(community, new JobDto(ObjectIds.New(), community, "users", "partially_succeeded",
        "users.csv", [], new JobRowsDto(3, 3, 2, 1), 100, ObjectIds.New(), null, At, At.AddSeconds(1), At.AddSeconds(10)));

    private static UserJoined Joined(string community) => new()
    {
        CommunityId = community,
        UserId = ObjectIds.New(),
        Username = "grace",
        Email = "grace@example.com",
        DisplayName = "Grace Hopper",
        Status = "active",
        Roles = [new LabelRefDto(ObjectIds.New(), "Moderator")],
        Tags = [new LabelRefDto(ObjectIds.New(), "VIP"), new LabelRefDto(ObjectIds.New(), "Beta")],
        JoinedAt = At,
        Version = 1,
        OccurredAt = At,
        CustomFields = new Dictionary<string, JsonNode?> { ["level"] = 3 },
        Source = "bulk",
    };
}
