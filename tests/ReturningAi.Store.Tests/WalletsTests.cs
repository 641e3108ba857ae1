using System.Net;
using System.Text.Json;
using Npgsql;

namespace ReturningAi.Store.Tests;

/// <summary>Wallets and their ledger (rewards.md §3) against the real database.</summary>
public sealed class WalletsTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly StoreFactory _factory = fixture.Factory;
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Shop NewShop() => new(_factory, _client);

    private static Task<(HttpStatusCode Status, JsonElement Json)> Transact(Shop shop, object body, string? key = null) =>
        shop.Api.SendAsync(HttpMethod.Post, "/wallet/transactions", body, idempotencyKey: key ?? Guid.NewGuid().ToString());

    [Fact]
    public async Task A_wallet_before_its_first_entry_is_empty_and_named_by_id_or_email()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");

        var byId = await shop.Api.SendAsync(HttpMethod.Get, $"/wallet?userID={alex}");
        var byEmail = await shop.Api.SendAsync(HttpMethod.Get, "/wallet?email=ALEX@example.com");

        Assert.Equal(byId.Json.GetProperty("data").GetRawText(), byEmail.Json.GetProperty("data").GetRawText());
        var wallet = byId.Json.GetProperty("data");
        Assert.Equal((alex, "alex", "alex@example.com", 0m, "Points"), (wallet.GetProperty("userID").GetString(), wallet.GetProperty("username").GetString(),
            wallet.GetProperty("email").GetString(), wallet.GetProperty("balance").GetDecimal(), wallet.GetProperty("currencyName").GetString()));
        Assert.Equal(JsonValueKind.Null, wallet.GetProperty("updatedAt").ValueKind);
        Assert.Equal("Read wallet success.", byId.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Users_are_named_once_and_unknown_deleted_or_foreign_users_are_not_found()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var gone = await shop.UserAsync("gone", status: "deleted");
        var foreign = await NewShop().UserAsync("foreign");

        var neither = await shop.Api.SendAsync(HttpMethod.Get, "/wallet");
        var both = await shop.Api.SendAsync(HttpMethod.Get, $"/wallet?userID={alex}&email=alex@example.com");
        Assert.Equal((HttpStatusCode.BadRequest, "user_identifier_required"), (neither.Status, StoreApi.ErrorCode(neither.Json)));
        Assert.Equal((HttpStatusCode.BadRequest, "user_identifier_required"), (both.Status, StoreApi.ErrorCode(both.Json)));
        foreach (var path in new[] { $"/wallet?userID={gone}", $"/wallet?userID={foreign}", "/wallet?email=nobody@example.com", "/wallet?userID=xyz",
                     $"/wallet/ledger?userID={foreign}" })
        {
            var answer = await shop.Api.SendAsync(HttpMethod.Get, path);
            Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (answer.Status, StoreApi.ErrorCode(answer.Json)));
        }

        var credit = await Transact(shop, new { userID = foreign, operation = "credit", amount = 5, reason = "Not yours" });
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (credit.Status, StoreApi.ErrorCode(credit.Json)));
    }

    [Fact]
    public async Task Credit_debit_and_set_write_immutable_entries_that_add_up()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");

        var credit = await Transact(shop, new { email = "alex@example.com", operation = "add", amount = 120.5, reason = "Signup", reference = "crm-1" });
        var debit = await Transact(shop, new { userID = alex, operation = "debit", amount = 20.25, reason = "Correction" });
        var set = await Transact(shop, new { userID = alex, operation = "overwrite", amount = 40, reason = "Season reset" });
        var zero = await Transact(shop, new { userID = alex, operation = "set", amount = 40, reason = "Same again" });

        Assert.Equal(HttpStatusCode.Created, credit.Status);
        Assert.Equal("Create wallet transaction success.", credit.Json.GetProperty("message").GetString());
        var entry = credit.Json.GetProperty("data");
        Assert.Equal(("credit", 120.5m, 120.5m, 120.5m, "Signup", "crm-1", "api"), (entry.GetProperty("operation").GetString(), entry.GetProperty("amount").GetDecimal(),
            entry.GetProperty("delta").GetDecimal(), entry.GetProperty("balance").GetDecimal(), entry.GetProperty("reason").GetString(),
            entry.GetProperty("reference").GetString(), entry.GetProperty("source").GetString()));
        Assert.Equal((-20.25m, 100.25m), (debit.Json.GetProperty("data").GetProperty("delta").GetDecimal(), debit.Json.GetProperty("data").GetProperty("balance").GetDecimal()));
        Assert.Equal(("set", -60.25m, 40m), (set.Json.GetProperty("data").GetProperty("operation").GetString(), set.Json.GetProperty("data").GetProperty("delta").GetDecimal(),
            set.Json.GetProperty("data").GetProperty("balance").GetDecimal()));
        Assert.Equal(0m, zero.Json.GetProperty("data").GetProperty("delta").GetDecimal());
        Assert.Equal(40m, await shop.BalanceAsync(alex));
        await RewardsRaceTests.AssertLedgerAddsUpAsync(shop);

        await using var connection = new NpgsqlConnection(ReturningAi.TestSupport.TestServers.PostgresConnectionString(_factory.Database));
        await connection.OpenAsync();
        await using var tamper = new NpgsqlCommand("UPDATE ledger_entries SET delta = 1000", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => tamper.ExecuteNonQueryAsync());
        Assert.Contains("immutable", refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overdraw_writes_nothing_and_bad_bodies_report_every_problem()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        await shop.CreditAsync(alex, 10);

        var overdraw = await Transact(shop, new { userID = alex, operation = "subtract", amount = 10.01, reason = "Too much" });
        var noKey = await shop.Api.SendAsync(HttpMethod.Post, "/wallet/transactions", new { userID = alex, operation = "credit", amount = 1, reason = "No key" });
        var bad = await Transact(shop, new { operation = "credit", amount = 1.234, reason = "", reference = new string('r', 256) });
        var badOperation = await Transact(shop, new { userID = alex, operation = "multiply", amount = 2, reason = "x" });
        var tooMuch = await Transact(shop, new { userID = alex, operation = "credit", amount = 1_000_000_000.01, reason = "x" });

        Assert.Equal((HttpStatusCode.Conflict, "insufficient_balance"), (overdraw.Status, StoreApi.ErrorCode(overdraw.Json)));
        Assert.Equal((HttpStatusCode.BadRequest, "missing_idempotency_key"), (noKey.Status, StoreApi.ErrorCode(noKey.Json)));
        Assert.Equal(["userID:user_identifier_required", "amount:invalid_amount", "reason:invalid_length", "reference:invalid_length"],
            bad.Json.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}"));
        Assert.Equal("invalid_operation", StoreApi.ErrorCode(badOperation.Json));
        Assert.Equal("invalid_amount", StoreApi.ErrorCode(tooMuch.Json));
        Assert.Equal(1, await shop.Api.ScalarAsync("SELECT count(*) FROM ledger_entries WHERE community_id = @c"));
        Assert.Equal(10m, await shop.BalanceAsync(alex));
    }

    [Fact]
    public async Task The_ledger_lists_newest_first_with_its_filters_and_paging()
    {
        var shop = NewShop();
        var alex = await shop.UserAsync("alex");
        var sam = await shop.UserAsync("sam");
        for (var i = 1; i <= 5; i++) await Transact(shop, new { userID = alex, operation = "credit", amount = i, reason = $"Credit {i}" });
        await Transact(shop, new { userID = alex, operation = "debit", amount = 1, reason = "Debit" });
        await Transact(shop, new { userID = sam, operation = "credit", amount = 99, reason = "Sam's" });

        var all = await shop.Api.SendAsync(HttpMethod.Get, $"/wallet/ledger?userID={alex}");
        var debits = await shop.Api.SendAsync(HttpMethod.Get, $"/wallet/ledger?userID={alex}&operation=debit");
        var filtered = await shop.Api.SendAsync(HttpMethod.Get, $"/wallet/ledger?email=alex@example.com&filter=operation:credit&skip=1&limit=2&fields=amount");
        var badSource = await shop.Api.SendAsync(HttpMethod.Get, $"/wallet/ledger?userID={alex}&source=gift");

        Assert.Equal(["Debit", "Credit 5", "Credit 4", "Credit 3", "Credit 2", "Credit 1"],
            all.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("reason").GetString()));
        Assert.Equal(6, all.Json.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(["Debit"], debits.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("reason").GetString()));
        Assert.Equal([4m, 3m], filtered.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("amount").GetDecimal()));
        Assert.Equal(["_id", "amount"], filtered.Json.GetProperty("data")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_query"), (badSource.Status, StoreApi.ErrorCode(badSource.Json)));
    }
}
