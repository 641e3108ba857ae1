using System.Net;
using System.Text.Json;

namespace ReturningAi.Store.Tests;

/// <summary>rewards.md §9.1–4, 7 with real concurrency against the real database.</summary>
public sealed class RewardsRaceTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly StoreFactory _factory = fixture.Factory;
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Shop NewShop() => new(_factory, _client);

    [Fact]
    public async Task N_buyers_of_k_vouchers_k_succeed_and_no_voucher_is_sold_twice()
    {
        var shop = NewShop();
        const int Buyers = 24, Vouchers = 9;
        var product = await shop.ProductAsync("Drop", 30, Vouchers);
        var users = new List<string>();
        for (var i = 0; i < Buyers; i++)
        {
            var user = await shop.UserAsync($"buyer{i}");
            await shop.CreditAsync(user, 100);
            users.Add(user);
        }

        var answers = await Task.WhenAll(users.Select(u => shop.BuyAsync(u, product)));

        Assert.Equal(Vouchers, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
            Assert.Equal((HttpStatusCode.Conflict, "out_of_stock"), (a.Status, StoreApi.ErrorCode(a.Json))));
        var codes = answers.Where(a => a.Status == HttpStatusCode.Created)
            .Select(a => a.Json.GetProperty("data").GetProperty("order").GetProperty("voucherCode").GetString()).ToList();
        Assert.Equal(Vouchers, codes.Distinct().Count());
        Assert.Equal((0, Vouchers), (await shop.StocksAsync(product), await shop.TotalOrdersAsync(product)));
        Assert.Equal(await shop.Api.ScalarAsync("SELECT -sum(delta)::bigint FROM ledger_entries WHERE community_id = @c AND source = 'purchase'"),
            await shop.Api.ScalarAsync("SELECT sum(price_paid)::bigint FROM redemption_orders WHERE community_id = @c"));
        Assert.Equal(Vouchers, await shop.Api.ScalarAsync("SELECT count(DISTINCT order_id) FROM vouchers WHERE community_id = @c AND order_id IS NOT NULL"));
        Assert.Equal(Vouchers, await OrderEventsAsync(shop));
    }

    [Fact]
    public async Task Concurrent_purchases_and_debits_never_take_a_wallet_below_zero()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var product = await shop.ProductAsync("Ticket", 70, vouchers: 20);
        await shop.CreditAsync(alex, 500);

        var purchases = Enumerable.Range(0, 10).Select(_ => shop.BuyAsync(alex, product));
        var debits = Enumerable.Range(0, 6).Select(_ => shop.Api.SendAsync(HttpMethod.Post, "/wallet/transactions",
            new { userID = alex, operation = "debit", amount = 45, reason = "Race" }, idempotencyKey: Guid.NewGuid().ToString()));
        var answers = await Task.WhenAll(purchases.Concat(debits));

        var spent = answers.Take(10).Count(a => a.Status == HttpStatusCode.Created) * 70m + answers.Skip(10).Count(a => a.Status == HttpStatusCode.Created) * 45m;
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal("insufficient_balance", StoreApi.ErrorCode(a.Json)));
        Assert.InRange(spent, 500m - 44m, 500m);
        Assert.Equal(500m - spent, await shop.BalanceAsync(alex));
        await AssertLedgerAddsUpAsync(shop);
    }

    [Fact]
    public async Task One_user_with_balance_B_buying_at_price_p_N_times_at_once_succeeds_floor_B_over_p_times()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var product = await shop.ProductAsync("Pass", 40, vouchers: 30);
        await shop.CreditAsync(alex, 130);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => shop.BuyAsync(alex, product)));

        Assert.Equal(3, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.Equal(10m, await shop.BalanceAsync(alex));
        Assert.Equal(27, await shop.StocksAsync(product));
    }

    [Fact]
    public async Task A_purchase_limit_holds_under_concurrent_purchases_by_one_user()
    {
        var shop = NewShop();
        const string Vip = "bbbbbbbbbbbbbbbbbbbbbbb1";
        var vip = await shop.UserAsync("vip", roleIds: [Vip]);
        var product = await shop.ProductAsync("Limited", 5, vouchers: 30);
        await shop.SetAccessAsync(product, true, $$"""
            [{"isEnabled":true,"type":"role","permission":{"roleIds":["{{Vip}}"],"tagIds":[],"userIds":[],"combination":[]},
              "purchaseAccess":{"specialPrice":0,"isSpecialPriceEnabled":false},
              "purchaseLimit":{"isPurchaseLimitEnabled":true,"quantity":3,"intervalCount":1,"intervalUnit":"weeks"},"accessLevel":"full-access","isExclusiveTagEnabled":false}]
            """);
        await shop.CreditAsync(vip, 1000);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => shop.BuyAsync(vip, product)));

        Assert.Equal(3, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal("purchase_limit_reached", StoreApi.ErrorCode(a.Json)));
    }

    [Fact]
    public async Task One_key_sent_N_times_at_once_and_in_turn_buys_once()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var product = await shop.ProductAsync("Once", 25, vouchers: 10);
        await shop.CreditAsync(alex, 100);
        var key = Guid.NewGuid().ToString();

        var together = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => shop.BuyAsync(alex, product, key)));
        var inTurn = new List<(HttpStatusCode Status, JsonElement Json)>();
        for (var i = 0; i < 3; i++) inTurn.Add(await shop.BuyAsync(alex, product, key));

        Assert.All(together.Concat(inTurn), a => Assert.True(a.Status == HttpStatusCode.Created
            || (a.Status == HttpStatusCode.Conflict && StoreApi.ErrorCode(a.Json) == "idempotency_key_in_progress"), a.Json.ToString()));
        var orders = together.Concat(inTurn).Where(a => a.Status == HttpStatusCode.Created)
            .Select(a => a.Json.GetProperty("data").GetProperty("order").GetProperty("_id").GetString()).Distinct().ToList();
        Assert.Single(orders);
        Assert.All(inTurn, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM redemption_orders WHERE community_id = @c"));
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM ledger_entries WHERE community_id = @c AND source = 'purchase'"));
        Assert.Equal(1, await OrderEventsAsync(shop));
        Assert.Equal(75m, await shop.BalanceAsync(alex));
    }

    [Fact]
    public async Task One_wallet_transaction_key_sent_N_times_writes_one_entry()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => shop.Api.SendAsync(HttpMethod.Post, "/wallet/transactions",
            new { userID = alex, operation = "add", amount = 10, reason = "Welcome bonus" }, idempotencyKey: key)));

        Assert.Contains(answers, a => a.Status == HttpStatusCode.Created);
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM ledger_entries WHERE community_id = @c"));
        Assert.Equal(10m, await shop.BalanceAsync(alex));
    }

    [Fact]
    public async Task N_concurrent_refunds_of_one_order_credit_once_and_later_changes_are_refused()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var product = await shop.ProductAsync("Refundable", 60, vouchers: 1);
        await shop.CreditAsync(alex, 100);
        await shop.Api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Cancelled", refundsPoints = true });
        await shop.Api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Returned", refundsPoints = true });
        var order = (await shop.BuyAsync(alex, product)).Json.GetProperty("data").GetProperty("order");
        var id = order.GetProperty("_id").GetString();
        Assert.Equal(0, await shop.StocksAsync(product));

        var refunds = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{id}/status", new { statusName = "Cancelled", note = "Customer asked" })));

        Assert.All(refunds, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM ledger_entries WHERE community_id = @c AND source = 'refund'"));
        Assert.Equal(2, await OrderEventsAsync(shop)); // the purchase and one status change
        Assert.Equal(100m, await shop.BalanceAsync(alex));
        Assert.Equal(1, await shop.StocksAsync(product));
        Assert.All(refunds, r => Assert.NotEqual(JsonValueKind.Null, r.Json.GetProperty("data").GetProperty("refundedAt").ValueKind));

        var other = await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{id}/status", new { statusName = "Pending" });
        var otherRefund = await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{id}/status", new { statusName = "Returned" });
        Assert.Equal((HttpStatusCode.Conflict, "order_refunded"), (other.Status, StoreApi.ErrorCode(other.Json)));
        Assert.Equal((HttpStatusCode.Conflict, "order_refunded"), (otherRefund.Status, StoreApi.ErrorCode(otherRefund.Json)));

        // The voucher is sellable again, to anyone.
        var sam = await shop.UserAsync("sam");
        await shop.CreditAsync(sam, 60);
        Assert.Equal(order.GetProperty("voucherCode").GetString(),
            (await shop.BuyAsync(sam, product)).Json.GetProperty("data").GetProperty("order").GetProperty("voucherCode").GetString());
        var history = await shop.Api.SendAsync(HttpMethod.Get, $"/redemption-orders/{id}/history");
        Assert.Equal(["null>Pending", "Pending>Cancelled"], history.Json.GetProperty("data").EnumerateArray()
            .Select(h => $"{(h.GetProperty("fromStatus").ValueKind == JsonValueKind.Null ? "null" : h.GetProperty("fromStatus").GetProperty("name").GetString())}>{h.GetProperty("toStatus").GetProperty("name").GetString()}"));
        await AssertLedgerAddsUpAsync(shop);
    }

    /// <summary>The events the community's orders wrote to the outbox (purchases, status changes, voucher edits).</summary>
    private static Task<long> OrderEventsAsync(Shop shop) => shop.Api.ScalarAsync(
        "SELECT count(*) FROM outbox_messages m JOIN redemption_orders o ON m.source = 'order:' || o.id WHERE o.community_id = @c");

    /// <summary>rewards.md §9.5: every wallet's balance is the sum of its deltas and its newest entry's balance, never below 0.</summary>
    internal static async Task AssertLedgerAddsUpAsync(Shop shop)
    {
        Assert.Equal(0, await shop.Api.ScalarAsync("""
            SELECT count(*) FROM wallets w
            WHERE w.community_id = @c AND (w.balance < 0
               OR w.balance <> COALESCE((SELECT sum(delta) FROM ledger_entries e WHERE e.user_id = w.user_id), 0)
               OR w.balance <> COALESCE((SELECT balance FROM ledger_entries e WHERE e.user_id = w.user_id ORDER BY created_at DESC, id DESC LIMIT 1), 0))
            """));
    }
}
