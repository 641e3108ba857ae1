using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReturningAi.Contracts.Commands;
using ReturningAi.TestSupport;

namespace ReturningAi.Store.Tests;

/// <summary>Redemption orders (rewards.md §5) and purchase-history edits (§6) against the real database and broker.</summary>
public sealed class RedemptionOrdersTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly StoreFactory _factory = fixture.Factory;
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Shop NewShop() => new(_factory, _client);

    private static string Id(JsonElement bought) => bought.GetProperty("data").GetProperty("order").GetProperty("_id").GetString()!;

    private static string Number(JsonElement bought) => bought.GetProperty("data").GetProperty("order").GetProperty("orderNumber").GetString()!;

    private static List<string?> Codes(JsonElement list) =>
        [.. list.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("voucherCode").GetString())];

    [Fact]
    public async Task Orders_list_newest_first_with_every_filter_and_by_email_in_the_post_form()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var sam = await shop.UserAsync("sam");
        var card = await shop.ProductAsync("Card", 0, vouchers: 3);
        var mug = await shop.ProductAsync("Mug", 0, vouchers: 3);
        await shop.Api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Delivered", category = "complete" });
        var first = (await shop.BuyAsync(alex, card)).Json;
        await shop.BuyAsync(sam, card);
        await shop.BuyAsync(alex, mug);
        await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{Id(first)}/status", new { statusName = "Delivered" });

        var all = await shop.Api.SendAsync(HttpMethod.Get, "/redemption-orders");
        Assert.Equal(["Mug-00001", "Card-00002", "Card-00001"], Codes(all.Json));
        Assert.Equal("Read redemption orders success.", all.Json.GetProperty("message").GetString());
        Assert.Equal(["Card-00001"], Codes((await shop.Api.SendAsync(HttpMethod.Get, "/redemption-orders?statusName=delivered")).Json));
        Assert.Equal(["Mug-00001", "Card-00001"], Codes((await shop.Api.SendAsync(HttpMethod.Get, $"/redemption-orders?userID={alex}")).Json));
        Assert.Equal(["Card-00002"], Codes((await shop.Api.SendAsync(HttpMethod.Get, "/redemption-orders?email=SAM@example.com")).Json));
        Assert.Equal(["Card-00002", "Card-00001"], Codes((await shop.Api.SendAsync(HttpMethod.Get, $"/redemption-orders?productID={card}")).Json));
        Assert.Equal(["Card-00002"], Codes((await shop.Api.SendAsync(HttpMethod.Get, $"/redemption-orders?productID={card}&skip=0&limit=1")).Json));
        Assert.Empty(Codes((await shop.Api.SendAsync(HttpMethod.Get, "/redemption-orders?createdTo=2000-01-01")).Json));
        Assert.Equal(3, Codes((await shop.Api.SendAsync(HttpMethod.Get, $"/redemption-orders?createdFrom={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}")).Json).Count);

        var byEmail = await shop.Api.SendAsync(HttpMethod.Post, "/redemption-orders/by-email", new { email = "alex@example.com", page = 1, limit = 1 });
        Assert.Equal((HttpStatusCode.OK, 2), (byEmail.Status, byEmail.Json.GetProperty("meta").GetProperty("total").GetInt32()));
        Assert.Equal(["Mug-00001"], Codes(byEmail.Json));
        var byEmailFiltered = await shop.Api.SendAsync(HttpMethod.Post, "/redemption-orders/by-email",
            new { email = "alex@example.com", statusName = "Pending", productID = mug });
        Assert.Equal(["Mug-00001"], Codes(byEmailFiltered.Json));
    }

    [Fact]
    public async Task Order_list_refusals_name_their_field()
    {
        var shop = NewShop();

        var unknownStatus = await shop.Api.SendAsync(HttpMethod.Get, "/redemption-orders?statusName=Lost");
        var unknownEmail = await shop.Api.SendAsync(HttpMethod.Get, "/redemption-orders?email=nobody@example.com");
        var badDates = await shop.Api.SendAsync(HttpMethod.Get, "/redemption-orders?createdFrom=soon&createdTo=2026-01-01&sort=price:asc");
        var badRange = await shop.Api.SendAsync(HttpMethod.Get, "/redemption-orders?createdFrom=2026-02-01&createdTo=2026-01-01");
        var noEmail = await shop.Api.SendAsync(HttpMethod.Post, "/redemption-orders/by-email", new { page = 1 });

        Assert.Equal((HttpStatusCode.BadRequest, "unknown_redemption_status", "statusName"),
            (unknownStatus.Status, StoreApi.ErrorCode(unknownStatus.Json), unknownStatus.Json.GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (unknownEmail.Status, StoreApi.ErrorCode(unknownEmail.Json)));
        Assert.Equal(["invalid_sort", "invalid_date"], badDates.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_range"), (badRange.Status, StoreApi.ErrorCode(badRange.Json)));
        Assert.Equal((HttpStatusCode.BadRequest, "required"), (noEmail.Status, StoreApi.ErrorCode(noEmail.Json)));
    }

    [Fact]
    public async Task One_order_reads_by_id_or_number_and_another_communitys_is_not_found_anywhere()
    {
        var shop = NewShop();
        var stranger = NewShop();
        var alex = await shop.UserAsync("alex");
        var bought = (await shop.BuyAsync(alex, await shop.ProductAsync("Card", 0, vouchers: 1))).Json;

        var byId = await shop.Api.SendAsync(HttpMethod.Get, $"/redemption-orders/{Id(bought)}");
        var byNumber = await shop.Api.SendAsync(HttpMethod.Get, $"/redemption-orders/{Number(bought).ToLowerInvariant()}?fields=orderNumber");

        Assert.Equal(Number(bought), byId.Json.GetProperty("data").GetProperty("orderNumber").GetString());
        Assert.Equal(["_id", "orderNumber"], byNumber.Json.GetProperty("data").EnumerateObject().Select(p => p.Name));
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, $"/redemption-orders/{Id(bought)}", null),
                     (HttpMethod.Get, $"/redemption-orders/{Number(bought)}/history", null),
                     (HttpMethod.Put, $"/redemption-orders/{Id(bought)}/status", new { statusName = "Pending" }),
                     (HttpMethod.Put, "/redemption-transactions/status", new { transactionId = Number(bought), statusId = "000000000000000000000000" }),
                 })
        {
            var answer = await stranger.Api.SendAsync(method, path, body);
            Assert.True(answer.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {answer.Json}");
        }

        var strangerStatus = (await stranger.Api.SendAsync(HttpMethod.Get, "/redemption-statuses")).Json.GetProperty("data")[0].GetProperty("_id").GetString();
        var foreignStatus = await shop.Api.SendAsync(HttpMethod.Put, "/redemption-transactions/status", new { transactionId = Number(bought), statusId = strangerStatus });
        Assert.Equal((HttpStatusCode.BadRequest, "unknown_redemption_status"), (foreignStatus.Status, StoreApi.ErrorCode(foreignStatus.Json)));
        Assert.Empty(Codes((await stranger.Api.SendAsync(HttpMethod.Get, "/redemption-orders")).Json));
        Assert.Equal(HttpStatusCode.NotFound, (await shop.Api.SendAsync(HttpMethod.Get, "/redemption-orders/ORD20260101ABCDEF01")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await shop.Api.SendAsync(HttpMethod.Get, "/redemption-orders/not-an-order")).Status);
    }

    [Fact]
    public async Task Status_changes_by_name_or_id_write_one_history_entry_each_and_the_older_form_answers_as_documented()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var bought = (await shop.BuyAsync(alex, await shop.ProductAsync("Card", 0, vouchers: 1))).Json;
        var shipping = (await shop.Api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Shipping", color = "#3EA1FD" }))
            .Json.GetProperty("data").GetProperty("_id").GetString();
        await shop.Api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Delivered", category = "complete" });

        var same = await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{Id(bought)}/status", new { statusName = "pending" });
        var older = await shop.Api.SendAsync(HttpMethod.Put, "/redemption-transactions/status", new { transactionId = Number(bought), statusId = shipping });
        var delivered = await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{Number(bought)}/status", new { statusName = "Delivered", note = "Signed for" });
        var none = await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{Id(bought)}/status", new { note = "?" });
        var unknown = await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{Id(bought)}/status", new { statusID = "000000000000000000000000" });

        Assert.Equal((HttpStatusCode.OK, "Pending"), (same.Status, same.Json.GetProperty("data").GetProperty("status").GetProperty("name").GetString()));
        Assert.Equal("Transaction status updated successfully", older.Json.GetProperty("message").GetString());
        Assert.Equal($$$"""{"transactionId":"{{{Number(bought)}}}","statusId":"{{{shipping}}}","status":{"_id":"{{{shipping}}}","name":"Shipping","category":"incomplete","color":"#3EA1FD"}}""",
            older.Json.GetProperty("data").GetRawText());
        Assert.Equal(("Update redemption order status success.", "complete"), (delivered.Json.GetProperty("message").GetString(),
            delivered.Json.GetProperty("data").GetProperty("status").GetProperty("category").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "status_required"), (none.Status, StoreApi.ErrorCode(none.Json)));
        Assert.Equal((HttpStatusCode.BadRequest, "unknown_redemption_status", "statusID"),
            (unknown.Status, StoreApi.ErrorCode(unknown.Json), unknown.Json.GetProperty("errors")[0].GetProperty("field").GetString()));

        var history = (await shop.Api.SendAsync(HttpMethod.Get, $"/redemption-orders/{Id(bought)}/history")).Json.GetProperty("data");
        Assert.Equal(["->Pending", "Pending->Shipping", "Shipping->Delivered:Signed for"], history.EnumerateArray().Select(h =>
            $"{(h.GetProperty("fromStatus").ValueKind == JsonValueKind.Null ? "" : h.GetProperty("fromStatus").GetProperty("name").GetString())}->"
            + h.GetProperty("toStatus").GetProperty("name").GetString() + (h.GetProperty("note").ValueKind == JsonValueKind.Null ? "" : ":" + h.GetProperty("note").GetString())));
    }

    [Fact]
    public async Task Purchase_history_edits_change_the_orders_snapshot_and_its_voucher_and_refuse_a_taken_code()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var product = await shop.ProductAsync("Card", 0, vouchers: 3, new { redemptionInstructions = "Product's own." });
        var bought = (await shop.BuyAsync(alex, product)).Json;
        var client = _factory.Services.GetRequiredService<IClientFactory>().CreateRequestClient<UpdatePurchaseHistory>(new Uri($"queue:{UpdatePurchaseHistory.EntityName}"));
        async Task<(PurchaseHistoryUpdated? Ok, CommandRejected? No)> Edit(string reference, string? instructions, string? code, DateTimeOffset? date)
        {
            var response = await client.GetResponse<PurchaseHistoryUpdated, CommandRejected>(new UpdatePurchaseHistory
            {
                CommunityId = shop.CommunityId, PurchaseHistoryId = reference, RequestId = "req", RedemptionInstructions = instructions,
                VoucherCode = code, VoucherExpiryDate = date,
            }, timeout: RequestTimeout.After(s: 30));
            if (response.Is(out Response<PurchaseHistoryUpdated>? ok)) return (ok!.Message, null);
            Assert.True(response.Is(out Response<CommandRejected>? no));
            return (null, no!.Message);
        }

        var instructions = await Edit(Number(bought), "Collect at the counter.", null, null);
        var taken = await Edit(Id(bought), null, "Card-00002", new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var voucher = await Edit(Id(bought), null, "NEW-CODE", new DateTimeOffset(2031, 12, 31, 0, 0, 0, TimeSpan.Zero));
        var missing = await Edit("ORD20260101ABCDEF01", "x", null, null);

        Assert.Equal("Collect at the counter.", instructions.Ok!.Order.Product.RedemptionInstructions);
        Assert.Equal((409, "duplicate_voucher"), (taken.No!.StatusCode, taken.No.Errors[0].Code));
        Assert.Equal(("NEW-CODE", new DateTimeOffset(2031, 12, 31, 0, 0, 0, TimeSpan.Zero)), (voucher.Ok!.Order.VoucherCode, voucher.Ok.Order.VoucherExpiryDate));
        Assert.Equal(404, missing.No!.StatusCode);
        Assert.Equal("Product's own.", (await shop.Api.SendAsync(HttpMethod.Get, $"/products/{product}")).Json.GetProperty("data").GetProperty("redemptionInstructions").GetString());
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c AND code = 'NEW-CODE' AND order_id IS NOT NULL"));
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM vouchers WHERE community_id = @c AND code = 'Card-00002' AND order_id IS NULL"));

        await shop.Api.SendAsync(HttpMethod.Post, "/redemption-statuses", new { name = "Cancelled", refundsPoints = true });
        await shop.Api.SendAsync(HttpMethod.Put, $"/redemption-orders/{Id(bought)}/status", new { statusName = "Cancelled" });
        var refunded = await Edit(Id(bought), "Too late", null, null);
        Assert.Equal((409, "order_refunded"), (refunded.No!.StatusCode, refunded.No.Errors[0].Code));

        var second = (await shop.BuyAsync(alex, product)).Json;
        await shop.Api.SendAsync(HttpMethod.Delete, $"/products/{product}");
        var gone = await Edit(Id(second), null, "ANOTHER", new DateTimeOffset(2031, 12, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal((404, "voucher_not_found"), (gone.No!.StatusCode, gone.No.Errors[0].Code));
        Assert.Equal(HttpStatusCode.OK, (await shop.Api.SendAsync(HttpMethod.Get, $"/redemption-orders/{Id(second)}")).Status);
    }
}
