using System.Net;
using System.Text.Json;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// The rewards loop through the gateway on the AppHost (rewards.md, the README's walk-through): credit a user,
/// buy a product for them, move the order to Delivered, read its history; the routes' permissions and the
/// purchase-history edit over the bus.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RewardsTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    private static Dictionary<string, string> Key() => new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

    private async Task<(Bootstrapped Community, string UserId, string ProductId)> ShopAsync()
    {
        var community = await Api.BootstrapCommunityAsync();
        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, new { name = "Gift cards" })).Status);
        var user = await Api.SendAsync(HttpMethod.Post, "/apis/users", community.Token, new { username = "alex", email = "alex@example.com" });
        Assert.Equal(HttpStatusCode.Created, user.Status);
        var userId = user.Json.GetProperty("data").GetProperty("_id").GetString()!;
        await StoreDatabase.UserCopiedAsync(userId); // USER_CREATED, through Community's outbox
        var product = Catalogue.Product("Gift card", "Gift cards", "GIFT-0001", "GIFT-0002");
        product["price"] = 150;
        var created = await Api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, product);
        Assert.True(created.Status == HttpStatusCode.Created, created.Body);
        return (community, userId, created.Json.GetProperty("data").GetProperty("_id").GetString()!);
    }

    [Fact]
    public async Task Credit_a_user_buy_a_product_for_them_move_the_order_to_Delivered_and_read_its_history()
    {
        var (community, alex, product) = await ShopAsync();
        var token = community.Token;

        var credit = await Api.SendAsync(HttpMethod.Post, "/apis/wallet/transactions", token,
            new { userID = alex, operation = "add", amount = 500, reason = "Season reward", reference = "season-12" }, Key());
        Assert.True(credit.Status == HttpStatusCode.Created, credit.Body);
        Assert.Equal(("credit", 500m, 500m), (credit.Json.GetProperty("data").GetProperty("operation").GetString(),
            credit.Json.GetProperty("data").GetProperty("delta").GetDecimal(), credit.Json.GetProperty("data").GetProperty("balance").GetDecimal()));

        var purchaseKey = Key();
        var bought = await Api.SendAsync(HttpMethod.Post, "/apis/store/purchases", token, new { productID = product, email = "alex@example.com", expectedPrice = 150 },
            purchaseKey);
        Assert.True(bought.Status == HttpStatusCode.Created, bought.Body);
        var order = bought.Json.GetProperty("data").GetProperty("order");
        var orderNumber = order.GetProperty("orderNumber").GetString()!;
        Assert.Equal(("GIFT-0001", "Pending", 150m), (order.GetProperty("voucherCode").GetString(), order.GetProperty("status").GetProperty("name").GetString(),
            order.GetProperty("pricePaid").GetDecimal()));
        Assert.Equal(350m, bought.Json.GetProperty("data").GetProperty("wallet").GetProperty("balance").GetDecimal());
        Assert.Equal(-150m, bought.Json.GetProperty("data").GetProperty("transaction").GetProperty("delta").GetDecimal());

        var replayed = await Api.SendAsync(HttpMethod.Post, "/apis/store/purchases", token, new { productID = product, email = "alex@example.com", expectedPrice = 150 },
            purchaseKey);
        Assert.Equal((HttpStatusCode.Created, orderNumber), (replayed.Status,
            replayed.Json.GetProperty("data").GetProperty("order").GetProperty("orderNumber").GetString()));

        var status = await Api.SendAsync(HttpMethod.Post, "/apis/redemption-statuses", token, new { name = "Delivered", category = "complete", color = "#22AA55" });
        Assert.True(status.Status == HttpStatusCode.Created, status.Body);
        var delivered = await Api.SendAsync(HttpMethod.Put, $"/apis/redemption-orders/{orderNumber}/status", token,
            new { statusName = "Delivered", note = "Code sent by email" });
        Assert.True(delivered.Status == HttpStatusCode.OK, delivered.Body);
        Assert.Equal("Delivered", delivered.Json.GetProperty("data").GetProperty("status").GetProperty("name").GetString());

        var history = await Api.SendAsync(HttpMethod.Get, $"/apis/redemption-orders/{order.GetProperty("_id").GetString()}/history", token);
        Assert.Equal(HttpStatusCode.OK, history.Status);
        Assert.Equal(["null>Pending:", "Pending>Delivered:Code sent by email"], history.Json.GetProperty("data").EnumerateArray().Select(h =>
            $"{(h.GetProperty("fromStatus").ValueKind == JsonValueKind.Null ? "null" : h.GetProperty("fromStatus").GetProperty("name").GetString())}"
            + $">{h.GetProperty("toStatus").GetProperty("name").GetString()}:{h.GetProperty("note").GetString()}"));

        var wallet = await Api.SendAsync(HttpMethod.Get, "/apis/wallet?email=alex@example.com", token);
        Assert.Equal((350m, alex), (wallet.Json.GetProperty("data").GetProperty("balance").GetDecimal(), wallet.Json.GetProperty("data").GetProperty("userID").GetString()));
        var ledger = await Api.SendAsync(HttpMethod.Get, $"/apis/wallet/ledger?userID={alex}", token);
        Assert.Equal(["debit", "credit"], ledger.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("operation").GetString()));
        var orders = await Api.SendAsync(HttpMethod.Get, "/apis/redemption-orders?statusName=Delivered", token);
        Assert.Equal([orderNumber], orders.Json.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("orderNumber").GetString()));
        var stocks = await Api.SendAsync(HttpMethod.Get, $"/apis/products/{product}", token);
        Assert.Equal((1, 1), (stocks.Json.GetProperty("data").GetProperty("stocks").GetInt32(), stocks.Json.GetProperty("data").GetProperty("totalOrders").GetInt32()));
    }

    [Fact]
    public async Task The_demo_user_reaches_the_store_by_USER_CREATED_so_the_READMEs_walk_through_runs_against_the_demo_community()
    {
        // The README's loop, word for word, with the demo key of a fresh stack: no user is written by hand.
        var token = stack.DemoApiKey;
        var wallet = await Eventually.Until(() => Api.SendAsync(HttpMethod.Get, "/apis/wallet?email=alex@example.com", token),
            r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the store to know the demo user");
        Assert.Equal("alex", wallet.Json.GetProperty("data").GetProperty("username").GetString());

        var product = await Api.SendAsync(HttpMethod.Post, "/apis/products", token, new
        {
            name = "Gift card", price = 150, categoryName = "Premium Rewards", vouchers = new[] { "GIFT-0001", "GIFT-0002" },
            voucherExpireDate = "2027-06-30T00:00:00Z",
        });
        Assert.True(product.Status == HttpStatusCode.Created, product.Body);
        var credit = await Api.SendAsync(HttpMethod.Post, "/apis/wallet/transactions", token,
            new { email = "alex@example.com", operation = "add", amount = 500, reason = "Season reward", reference = "season-12" },
            new Dictionary<string, string> { ["Idempotency-Key"] = "season-12-alex" });
        Assert.True(credit.Status == HttpStatusCode.Created, credit.Body);
        var bought = await Api.SendAsync(HttpMethod.Post, "/apis/store/purchases", token,
            new { productID = product.Json.GetProperty("data").GetProperty("_id").GetString(), email = "alex@example.com", expectedPrice = 150 },
            new Dictionary<string, string> { ["Idempotency-Key"] = "order-alex-1" });
        Assert.True(bought.Status == HttpStatusCode.Created, bought.Body);
        var order = bought.Json.GetProperty("data").GetProperty("order");
        Assert.Equal(("GIFT-0001", "Pending"), (order.GetProperty("voucherCode").GetString(), order.GetProperty("status").GetProperty("name").GetString()));

        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/apis/redemption-statuses", token,
            new { name = "Delivered", category = "complete", color = "#22AA55" })).Status);
        var moved = await Api.SendAsync(HttpMethod.Put, $"/apis/redemption-orders/{order.GetProperty("orderNumber").GetString()}/status", token,
            new { statusName = "Delivered", note = "Code sent by email" });
        Assert.True(moved.Status == HttpStatusCode.OK, moved.Body);
        var history = await Api.SendAsync(HttpMethod.Get, $"/apis/redemption-orders/{order.GetProperty("_id").GetString()}/history", token);
        Assert.Equal(["Pending", "Delivered"], history.Json.GetProperty("data").EnumerateArray().Select(h => h.GetProperty("toStatus").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_purchase_history_edit_goes_to_the_store_over_the_bus_and_refusals_come_back_in_the_envelope()
    {
        var (community, alex, product) = await ShopAsync();
        var token = community.Token;
        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/apis/wallet/transactions", token,
            new { userID = alex, operation = "credit", amount = 300, reason = "Points" }, Key())).Status);
        var bought = await Api.SendAsync(HttpMethod.Post, "/apis/store/purchases", token, new { productID = product, userID = alex }, Key());
        var orderId = bought.Json.GetProperty("data").GetProperty("order").GetProperty("_id").GetString()!;

        var edited = await Api.SendAsync(HttpMethod.Patch, $"/apis/purchase-histories/{orderId}", token,
            new { redemptionInstructions = "Show this code at the till.", voucherCode = "GIFT-0001-B", voucherExpiryDate = "30/06/2031" });
        Assert.True(edited.Status == HttpStatusCode.OK, edited.Body);
        Assert.Equal("Update purchase history success.", edited.Json.GetProperty("message").GetString());
        var order = edited.Json.GetProperty("data");
        Assert.Equal(("GIFT-0001-B", new DateTimeOffset(2031, 6, 30, 0, 0, 0, TimeSpan.Zero), "Show this code at the till."),
            (order.GetProperty("voucherCode").GetString(), order.GetProperty("voucherExpiryDate").GetDateTimeOffset(),
             order.GetProperty("product").GetProperty("redemptionInstructions").GetString()));

        var taken = await Api.SendAsync(HttpMethod.Put, $"/apis/purchase-histories/{orderId}", token, new { voucherCode = "GIFT-0002", voucherExpiryDate = "30/06/2031" });
        var badDate = await Api.SendAsync(HttpMethod.Patch, $"/apis/purchase-histories/{orderId}", token, new { voucherCode = "X", voucherExpiryDate = "31/02/2031" });
        var empty = await Api.SendAsync(HttpMethod.Patch, $"/apis/purchase-histories/{orderId}", token, new { });
        var unknown = await Api.SendAsync(HttpMethod.Patch, "/apis/purchase-histories/ORD20260101ABCDEF01", token, new { redemptionInstructions = "x" });
        Assert.Equal((HttpStatusCode.Conflict, "duplicate_voucher"), (taken.Status, taken.ErrorCode()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_date"), (badDate.Status, badDate.ErrorCode()));
        Assert.Equal((HttpStatusCode.BadRequest, "empty_update"), (empty.Status, empty.ErrorCode()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("GIFT-0001-B", (await Api.SendAsync(HttpMethod.Get, $"/apis/redemption-orders/{orderId}", token)).Json
            .GetProperty("data").GetProperty("voucherCode").GetString());
    }

    [Fact]
    public async Task The_rewards_routes_need_store_and_purchase_history_edits_need_purchase_history_which_store_grants()
    {
        var (community, _, _) = await ShopAsync();
        var (_, usersOnly) = await Api.CreateKeyAsync(community.Token, ["users"]);
        var (_, historyOnly) = await Api.CreateKeyAsync(community.Token, ["purchase-history"]);
        var (_, store) = await Api.CreateKeyAsync(community.Token, ["store"]);
        const string Edit = "/apis/purchase-histories/ORD20260101ABCDEF01";

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, "/apis/wallet?email=alex@example.com"), (HttpMethod.Get, "/apis/wallet/ledger?email=alex@example.com"),
                     (HttpMethod.Post, "/apis/wallet/transactions"), (HttpMethod.Post, "/apis/store/purchases"), (HttpMethod.Get, "/apis/redemption-orders"),
                     (HttpMethod.Put, "/apis/redemption-transactions/status"), (HttpMethod.Patch, Edit),
                 })
        {
            var refused = await Api.SendAsync(method, path, usersOnly, new { });
            Assert.True(refused.Status == HttpStatusCode.Forbidden, $"{method} {path}: {refused.Body}");
            Assert.Equal("forbidden", refused.ErrorCode());
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Get, "/apis/redemption-orders", historyOnly)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Patch, Edit, historyOnly, new { redemptionInstructions = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Patch, Edit, store, new { redemptionInstructions = "x" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/apis/wallet?email=alex@example.com", store)).Status);
    }
}
