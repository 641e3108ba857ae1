using System.Net;
using System.Text.Json;

namespace ReturningAi.Store.Tests;

/// <summary>
/// The incoming currency webhook (events-and-jobs.md §2) against the real database: the wallet transaction of rewards.md §3
/// under the community's incoming key or a <c>store</c> key, with the Idempotency-Key required and replayed.
/// </summary>
public sealed class IncomingCurrencyTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string Path = "/webhooks/incoming/currency";
    private const string IncomingKey = "incoming-webhooks";

    private readonly StoreFactory _factory = fixture.Factory;
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Shop NewShop() => new(_factory, _client);

    private static Task<(HttpStatusCode Status, JsonElement Json)> Incoming(Shop shop, object body, string? key = null, string permissions = IncomingKey) =>
        shop.Api.SendAsync(HttpMethod.Post, Path, body, idempotencyKey: key ?? Guid.NewGuid().ToString(), permissions: permissions);

    private static string Codes(JsonElement json) =>
        string.Join(",", json.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}"));

    [Fact]
    public async Task The_incoming_key_adds_subtracts_and_overwrites_one_ledger_entry_each_recorded_as_credit_debit_set()
    {
        var shop = NewShop();
        var ada = await shop.UserAsync("ada");

        var add = await Incoming(shop, new { email = "ada@example.com", operation = "add", amount = 100.5, reason = "Tournament win", reference = "match-1" });
        var subtract = await Incoming(shop, new { userID = ada, operation = "subtract", amount = 0.5, reason = "Correction" });
        var overwrite = await Incoming(shop, new { userID = ada, operation = "overwrite", amount = 30, reason = "Season reset" });
        var zero = await Incoming(shop, new { userID = ada, operation = "overwrite", amount = 0, reason = "Emptied" });

        Assert.Equal(HttpStatusCode.Created, add.Status);
        var entry = add.Json.GetProperty("data");
        Assert.Equal(("credit", 100.5m, 100.5m, 100.5m, "Tournament win", "match-1", "api", ada), (entry.GetProperty("operation").GetString(),
            entry.GetProperty("amount").GetDecimal(), entry.GetProperty("delta").GetDecimal(), entry.GetProperty("balance").GetDecimal(),
            entry.GetProperty("reason").GetString(), entry.GetProperty("reference").GetString(), entry.GetProperty("source").GetString(),
            entry.GetProperty("userID").GetString()));
        Assert.Equal(("debit", -0.5m, 100m), (subtract.Json.GetProperty("data").GetProperty("operation").GetString(),
            subtract.Json.GetProperty("data").GetProperty("delta").GetDecimal(), subtract.Json.GetProperty("data").GetProperty("balance").GetDecimal()));
        // overwrite writes the difference to the amount, not the amount.
        Assert.Equal(("set", 30m, -70m, 30m), (overwrite.Json.GetProperty("data").GetProperty("operation").GetString(),
            overwrite.Json.GetProperty("data").GetProperty("amount").GetDecimal(), overwrite.Json.GetProperty("data").GetProperty("delta").GetDecimal(),
            overwrite.Json.GetProperty("data").GetProperty("balance").GetDecimal()));
        Assert.Equal((HttpStatusCode.Created, -30m, 0m), (zero.Status, zero.Json.GetProperty("data").GetProperty("delta").GetDecimal(),
            zero.Json.GetProperty("data").GetProperty("balance").GetDecimal()));
        Assert.Equal(4, await shop.Api.ScalarAsync("SELECT count(*) FROM ledger_entries WHERE community_id = @c AND source = 'api'"));
        Assert.Equal(0m, await shop.BalanceAsync(ada));
        await RewardsRaceTests.AssertLedgerAddsUpAsync(shop);
    }

    [Fact]
    public async Task One_idempotency_key_twice_writes_one_entry_and_answers_the_first_answer_again()
    {
        var shop = NewShop();
        var ada = await shop.UserAsync("ada");
        var body = new { userID = ada, operation = "add", amount = 25, reason = "Daily login" };

        var first = await Incoming(shop, body, key: "login-2026-12-01");
        var again = await Incoming(shop, body, key: "login-2026-12-01");
        var otherBody = await Incoming(shop, body with { amount = 26 }, key: "login-2026-12-01");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, again.Status));
        Assert.Equal(first.Json.GetProperty("data").GetRawText(), again.Json.GetProperty("data").GetRawText());
        Assert.Equal((HttpStatusCode.Conflict, "idempotency_key_reused"), (otherBody.Status, StoreApi.ErrorCode(otherBody.Json)));
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM ledger_entries WHERE community_id = @c"));
        Assert.Equal(25m, await shop.BalanceAsync(ada));
    }

    [Fact]
    public async Task Refusals_write_nothing_an_overdraw_included()
    {
        var shop = NewShop();
        var ada = await shop.UserAsync("ada");
        var foreign = await NewShop().UserAsync("foreign");
        await shop.CreditAsync(ada, 10);

        var overdraw = await Incoming(shop, new { userID = ada, operation = "subtract", amount = 10.01, reason = "Too much" });
        var noKey = await shop.Api.SendAsync(HttpMethod.Post, Path, new { userID = ada, operation = "add", amount = 1, reason = "No key" }, permissions: IncomingKey);
        var noUser = await Incoming(shop, new { operation = "add", amount = 1, reason = "Nobody" });
        var unknown = await Incoming(shop, new { email = "nobody@example.com", operation = "add", amount = 1, reason = "Nobody" });
        var otherCommunity = await Incoming(shop, new { userID = foreign, operation = "add", amount = 1, reason = "Not yours" });
        var bad = await Incoming(shop, new { userID = ada, operation = "multiply", amount = 0.001, reason = "", reference = new string('r', 256) });
        var negativeOverwrite = await Incoming(shop, new { userID = ada, operation = "overwrite", amount = -1, reason = "Below zero" });
        var zeroAdd = await Incoming(shop, new { userID = ada, operation = "add", amount = 0, reason = "Nothing" });
        var tooLarge = await Incoming(shop, new { userID = ada, operation = "add", amount = 1_000_000_000.01m, reason = "Too much" });
        var longReason = await Incoming(shop, new { userID = ada, operation = "add", amount = 1, reason = new string('r', 501) });

        Assert.Equal((HttpStatusCode.Conflict, "insufficient_balance"), (overdraw.Status, StoreApi.ErrorCode(overdraw.Json)));
        Assert.Equal((HttpStatusCode.BadRequest, "missing_idempotency_key"), (noKey.Status, StoreApi.ErrorCode(noKey.Json)));
        Assert.Equal((HttpStatusCode.BadRequest, "user_identifier_required"), (noUser.Status, StoreApi.ErrorCode(noUser.Json)));
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (unknown.Status, StoreApi.ErrorCode(unknown.Json)));
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (otherCommunity.Status, StoreApi.ErrorCode(otherCommunity.Json)));
        Assert.Equal("operation:invalid_operation,reason:invalid_length,reference:invalid_length", Codes(bad.Json));
        Assert.Equal((HttpStatusCode.BadRequest, "amount:invalid_amount"), (negativeOverwrite.Status, Codes(negativeOverwrite.Json)));
        Assert.Equal("amount:invalid_amount", Codes(zeroAdd.Json));
        Assert.Equal("amount:invalid_amount", Codes(tooLarge.Json));
        Assert.Equal("reason:invalid_length", Codes(longReason.Json));
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM ledger_entries WHERE community_id = @c"));
        Assert.Equal(10m, await shop.BalanceAsync(ada));
    }

    [Fact]
    public async Task A_store_key_may_call_it_and_a_key_without_store_may_not()
    {
        var shop = NewShop();
        var ada = await shop.UserAsync("ada");

        var store = await Incoming(shop, new { userID = ada, operation = "credit", amount = 5, reason = "By the store key" }, permissions: "store");
        var usersOnly = await Incoming(shop, new { userID = ada, operation = "credit", amount = 5, reason = "By a users key" }, permissions: "users");

        Assert.Equal(HttpStatusCode.Created, store.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (usersOnly.Status, StoreApi.ErrorCode(usersOnly.Json)));
        Assert.Equal(5m, await shop.BalanceAsync(ada));
    }
}
