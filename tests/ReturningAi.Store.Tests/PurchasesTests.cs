using System.Net;
using System.Text.Json;

namespace ReturningAi.Store.Tests;

/// <summary>Purchases against the real database: the happy path's writes and answer, each refusal in the contract's order.</summary>
public sealed class PurchasesTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly StoreFactory _factory = fixture.Factory;
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Shop NewShop() => new(_factory, _client);

    [Fact]
    public async Task A_purchase_takes_a_voucher_debits_the_wallet_and_writes_the_order_and_its_first_history_entry()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var product = await shop.ProductAsync("Gift", 100, vouchers: 2, new { redemptionInstructions = "Show it." });
        await shop.CreditAsync(alex, 250);

        var bought = await shop.BuyAsync(alex, product);

        Assert.True(bought.Status == HttpStatusCode.Created, bought.Json.ToString());
        Assert.Equal("Purchase success.", bought.Json.GetProperty("message").GetString());
        var data = bought.Json.GetProperty("data");
        var order = data.GetProperty("order");
        Assert.Matches("^ORD[0-9]{8}[0-9A-F]{8}$", order.GetProperty("orderNumber").GetString());
        Assert.Equal(("Gift-00001", 100m, "regular", "Points", "Pending"), (order.GetProperty("voucherCode").GetString(), order.GetProperty("pricePaid").GetDecimal(),
            order.GetProperty("priceSource").GetString(), order.GetProperty("currencyName").GetString(), order.GetProperty("status").GetProperty("name").GetString()));
        Assert.Equal(("alex", "alex@example.com", "Gift", "Cards", "Show it."), (order.GetProperty("username").GetString(), order.GetProperty("email").GetString(),
            order.GetProperty("product").GetProperty("name").GetString(), order.GetProperty("product").GetProperty("category").GetString(),
            order.GetProperty("product").GetProperty("redemptionInstructions").GetString()));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("userInformation").ValueKind);
        var transaction = data.GetProperty("transaction");
        Assert.Equal(("debit", 100m, -100m, 150m, "purchase"), (transaction.GetProperty("operation").GetString(), transaction.GetProperty("amount").GetDecimal(),
            transaction.GetProperty("delta").GetDecimal(), transaction.GetProperty("balance").GetDecimal(), transaction.GetProperty("source").GetString()));
        Assert.Equal(order.GetProperty("_id").GetString(), transaction.GetProperty("orderID").GetString());
        Assert.Equal(150m, data.GetProperty("wallet").GetProperty("balance").GetDecimal());
        Assert.Equal((1, 1), (await shop.StocksAsync(product), await shop.TotalOrdersAsync(product)));
        Assert.Equal(150m, await shop.BalanceAsync(alex));

        var history = await shop.Api.SendAsync(HttpMethod.Get, $"/redemption-orders/{order.GetProperty("orderNumber").GetString()}/history");
        var first = Assert.Single(history.Json.GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("fromStatus").ValueKind);
        Assert.Equal("Pending", first.GetProperty("toStatus").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Each_refusal_answers_with_its_own_code_in_the_contracts_order_and_writes_nothing()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var banned = await shop.UserAsync("bob", status: "banned");
        var deleted = await shop.UserAsync("carl", status: "deleted");
        var stranger = await NewShop().UserAsync("dora");
        var product = await shop.ProductAsync("Gift", 100, vouchers: 1);
        var empty = await shop.ProductAsync("Empty", 10, vouchers: 0);
        var archived = await shop.ProductAsync("Old", 10, vouchers: 1, new { isArchived = true });
        var collecting = await shop.ProductAsync("Parcel", 10, vouchers: 1,
            new { userInformation = new { isEnabled = true, shouldCollectName = true, shouldCollectPhone = false, shouldCollectAddress = true } });
        var expired = await shop.ProductAsync("Stale", 10, vouchers: 2, expires: DateTimeOffset.UtcNow.AddDays(-1));
        await shop.CreditAsync(alex, 50);

        var missingKey = await shop.Api.SendAsync(HttpMethod.Post, "/store/purchases", new { productID = product });
        await Refused(shop.BuyAsync(alex, "not-an-id-at-all"), HttpStatusCode.NotFound, "product_not_found");
        await Refused(shop.BuyAsync(stranger, product), HttpStatusCode.NotFound, "user_not_found");
        await Refused(shop.BuyAsync(deleted, product), HttpStatusCode.NotFound, "user_not_found");
        await Refused(shop.BuyAsync(banned, "not-an-id-at-all"), HttpStatusCode.Forbidden, "user_banned");
        await Refused(shop.BuyAsync(alex, await NewShop().ProductAsync("Theirs", 1, 1)), HttpStatusCode.NotFound, "product_not_found");
        await Refused(shop.BuyAsync(alex, archived), HttpStatusCode.Conflict, "product_archived");
        var missing = await Refused(shop.BuyAsync(alex, collecting, extra: new { userInformation = new { name = "Alex" } }),
            HttpStatusCode.BadRequest, "missing_user_information");
        await Refused(shop.BuyAsync(alex, product, extra: new { expectedPrice = 90 }), HttpStatusCode.Conflict, "price_changed");
        await Refused(shop.BuyAsync(alex, empty), HttpStatusCode.Conflict, "out_of_stock");
        await Refused(shop.BuyAsync(alex, expired), HttpStatusCode.Conflict, "out_of_stock");
        await Refused(shop.BuyAsync(alex, product), HttpStatusCode.Conflict, "insufficient_balance");
        Assert.Equal(HttpStatusCode.OK, (await shop.Api.SendAsync(HttpMethod.Put, "/stores", new { isEnabled = false })).Status);
        await Refused(shop.BuyAsync(alex, archived), HttpStatusCode.Conflict, "store_closed");

        Assert.Equal(HttpStatusCode.BadRequest, missingKey.Status);
        Assert.Equal(["Idempotency-Key:missing_idempotency_key", "userID:user_identifier_required"],
            missingKey.Json.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}"));
        Assert.Equal("userInformation.address", missing.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(0, await shop.Api.ScalarAsync("SELECT count(*) FROM redemption_orders WHERE community_id = @c"));
        Assert.Equal(0, await shop.Api.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c AND order_id IS NOT NULL"));
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM ledger_entries WHERE community_id = @c"));
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM wallets WHERE community_id = @c"));
        Assert.Equal(50m, await shop.BalanceAsync(alex));
    }

    [Fact]
    public async Task Access_rules_refuse_view_only_and_not_eligible_and_a_limit_counts_non_refunded_orders()
    {
        var shop = NewShop();
        const string Vip = "aaaaaaaaaaaaaaaaaaaaaaa1";
        const string Fan = "aaaaaaaaaaaaaaaaaaaaaaa2";
        var vip = await shop.UserAsync("vip", roleIds: [Vip]);
        var fan = await shop.UserAsync("fan", tagIds: [Fan]);
        var nobody = await shop.UserAsync("nobody");
        var product = await shop.ProductAsync("Lounge", 100, vouchers: 5);
        await shop.SetAccessAsync(product, true, $$"""
            [{"isEnabled":true,"type":"role","permission":{"roleIds":["{{Vip}}"],"tagIds":[],"userIds":[],"combination":[]},
              "purchaseAccess":{"specialPrice":40,"isSpecialPriceEnabled":true},
              "purchaseLimit":{"isPurchaseLimitEnabled":true,"quantity":2,"intervalCount":1,"intervalUnit":"days"},"accessLevel":"full-access","isExclusiveTagEnabled":false},
             {"isEnabled":true,"type":"tag","permission":{"roleIds":[],"tagIds":["{{Fan}}"],"userIds":[],"combination":[]},
              "purchaseAccess":{"specialPrice":0,"isSpecialPriceEnabled":false},
              "purchaseLimit":{"isPurchaseLimitEnabled":false,"quantity":1,"intervalCount":1,"intervalUnit":"days"},"accessLevel":"view-only","isExclusiveTagEnabled":false}]
            """);
        await shop.CreditAsync(vip, 1000);

        await Refused(shop.BuyAsync(nobody, product), HttpStatusCode.Forbidden, "not_eligible");
        await Refused(shop.BuyAsync(fan, product), HttpStatusCode.Forbidden, "view_only");
        var first = await shop.BuyAsync(vip, product);
        var second = await shop.BuyAsync(vip, product);
        await Refused(shop.BuyAsync(vip, product, extra: new { expectedPrice = 1 }), HttpStatusCode.Conflict, "purchase_limit_reached");

        Assert.Equal(("special", 40m), (first.Json.GetProperty("data").GetProperty("order").GetProperty("priceSource").GetString(),
            first.Json.GetProperty("data").GetProperty("order").GetProperty("pricePaid").GetDecimal()));
        Assert.Equal(HttpStatusCode.Created, second.Status);

        // A refunded order no longer counts against the limit.
        await shop.Api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Cancelled", refundsPoints = true });
        var refund = await shop.Api.SendAsync(HttpMethod.Put,
            $"/redemption-orders/{first.Json.GetProperty("data").GetProperty("order").GetProperty("_id").GetString()}/status", new { statusName = "cancelled" });
        Assert.Equal(HttpStatusCode.OK, refund.Status);
        Assert.Equal(HttpStatusCode.Created, (await shop.BuyAsync(vip, product)).Status);
        Assert.Equal(1000m - 40 - 40 + 40 - 40, await shop.BalanceAsync(vip));
    }

    [Fact]
    public async Task A_free_purchase_writes_no_ledger_entry_and_keeps_only_the_information_the_product_collects()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var product = await shop.ProductAsync("Sticker", 0, vouchers: 1,
            new { userInformation = new { isEnabled = true, shouldCollectName = true, shouldCollectPhone = false, shouldCollectAddress = false } });

        var bought = await shop.BuyAsync(alex, product, extra: new { userInformation = new { name = " Alex ", phone = "555", address = "1 Main St" } });

        Assert.Equal(HttpStatusCode.Created, bought.Status);
        Assert.Equal(JsonValueKind.Null, bought.Json.GetProperty("data").GetProperty("transaction").ValueKind);
        Assert.Equal("""{"name":"Alex","phone":null,"address":null}""", bought.Json.GetProperty("data").GetProperty("order").GetProperty("userInformation").GetRawText());
        Assert.Equal(0, await shop.Api.ScalarAsync("SELECT count(*) FROM ledger_entries WHERE community_id = @c"));
        Assert.Equal(JsonValueKind.Null, bought.Json.GetProperty("data").GetProperty("wallet").GetProperty("updatedAt").ValueKind);
    }

    [Fact]
    public async Task Vouchers_sell_in_the_order_added_or_expiring_first_and_expired_ones_never()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var soon = DateTimeOffset.UtcNow.AddDays(3);
        var late = DateTimeOffset.UtcNow.AddDays(30);
        var past = DateTimeOffset.UtcNow.AddDays(-1);
        var added = await shop.ProductAsync("Added", 0, vouchers: 0);
        var expiring = await shop.ProductAsync("Expiring", 0, vouchers: 0, new { shouldPrioritiesExpiringVouchers = true });
        foreach (var product in new[] { added, expiring })
        {
            await Append(shop, product, ["Z-LATE"], late);
            await Append(shop, product, ["Y-SOON", "B-SOON"], soon);
            await Append(shop, product, ["A-GONE"], past);
            await Append(shop, product, ["C-LATE"], late);
        }

        var byAdded = new List<string>();
        var byExpiry = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            byAdded.Add(Code(await shop.BuyAsync(alex, added)));
            byExpiry.Add(Code(await shop.BuyAsync(alex, expiring)));
        }

        Assert.Equal(["Z-LATE", "Y-SOON", "B-SOON", "C-LATE", "out_of_stock"], byAdded);
        Assert.Equal(["B-SOON", "Y-SOON", "C-LATE", "Z-LATE", "out_of_stock"], byExpiry);
        Assert.Equal(1, await shop.StocksAsync(added)); // stocks keeps counting the expired, unassigned voucher
    }

    [Fact]
    public async Task An_order_starts_in_the_products_override_status()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        await shop.Api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Awaiting shipment", color = "#112233" });
        var product = await shop.ProductAsync("Mug", 0, vouchers: 1, new { purchaseStatusOverrideName = "awaiting shipment" });

        var bought = await shop.BuyAsync(alex, product);

        Assert.Equal("""{"_id":"X","name":"Awaiting shipment","category":"incomplete","color":"#112233"}""",
            bought.Json.GetProperty("data").GetProperty("order").GetProperty("status").GetRawText()
                .Replace(bought.Json.GetProperty("data").GetProperty("order").GetProperty("status").GetProperty("_id").GetString()!, "X", StringComparison.Ordinal));
    }

    private static async Task Append(Shop shop, string productId, string[] codes, DateTimeOffset expires)
    {
        var appended = await shop.Api.SendAsync(HttpMethod.Put, $"/products/{productId}", new { vouchers = codes, voucherExpireDate = expires.ToString("O") });
        Assert.True(appended.Status == HttpStatusCode.OK, appended.Json.ToString());
    }

    private static string Code((HttpStatusCode Status, JsonElement Json) answer) => answer.Status == HttpStatusCode.Created
        ? answer.Json.GetProperty("data").GetProperty("order").GetProperty("voucherCode").GetString()!
        : StoreApi.ErrorCode(answer.Json);

    private static async Task<JsonElement> Refused(Task<(HttpStatusCode Status, JsonElement Json)> call, HttpStatusCode status, string code)
    {
        var (actual, json) = await call;
        Assert.True(actual == status && StoreApi.ErrorCode(json) == code, $"expected {(int)status} {code}, got {(int)actual} {json}");
        return json;
    }
}
