using System.Net;
using System.Text;
using System.Text.Json;
using ReturningAi.TestSupport;
using ReturningAi.Webhooks.Signing;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// The incoming webhooks through the gateway on the AppHost (events-and-jobs.md §2, invariants 10 and 11): the currency webhook is one
/// ledger entry of the Store's wallet under the community's incoming key, replayed by its Idempotency-Key, nothing written when refused;
/// encrypted bodies opened by Community for the Store's route; a refused user-fields call changes nothing.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class IncomingCurrencyEndToEndTests(StackFixture stack)
{
    private const string Currency = "/apis/webhooks/incoming/currency";
    private const string UserFields = "/apis/webhooks/incoming/user-fields";
    private const string EncryptionKey = "0123456789abcdefghijklmnopqrstuv";

    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task One_idempotency_key_twice_is_one_entry_a_refused_subtract_leaves_the_balance_and_overwrite_writes_the_difference()
    {
        var (community, ada, key) = await CommunityWithIncomingKeyAsync();

        var added = await CurrencyAsync(key, new { email = "ada@example.com", operation = "add", amount = 100, reason = "Tournament win", reference = "match-1" }, "win-1");
        var again = await CurrencyAsync(key, new { email = "ada@example.com", operation = "add", amount = 100, reason = "Tournament win", reference = "match-1" }, "win-1");
        Assert.True(added.Status == HttpStatusCode.Created, added.Body);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(added.Json.GetProperty("data").GetRawText(), again.Json.GetProperty("data").GetRawText());
        var entry = added.Json.GetProperty("data");
        Assert.Equal(("credit", 100m, 100m, "api", ada), (entry.GetProperty("operation").GetString(), entry.GetProperty("delta").GetDecimal(),
            entry.GetProperty("balance").GetDecimal(), entry.GetProperty("source").GetString(), entry.GetProperty("userID").GetString()));

        var overdraw = await CurrencyAsync(key, new { userID = ada, operation = "subtract", amount = 100.01, reason = "Too much" }, "over-1");
        Assert.Equal((HttpStatusCode.Conflict, "insufficient_balance"), (overdraw.Status, overdraw.ErrorCode()));
        var noKey = await Api.SendAsync(HttpMethod.Post, Currency, token: null, new { userID = ada, operation = "add", amount = 1, reason = "No key" },
            new Dictionary<string, string> { ["x-api-key"] = key });
        Assert.Equal((HttpStatusCode.BadRequest, "missing_idempotency_key"), (noKey.Status, noKey.ErrorCode()));
        Assert.Equal("user_identifier_required", (await CurrencyAsync(key, new { operation = "add", amount = 1, reason = "Nobody" }, "nobody")).ErrorCode());
        Assert.Equal("user_not_found", (await CurrencyAsync(key, new { email = "nobody@example.com", operation = "add", amount = 1, reason = "x" }, "nobody-2")).ErrorCode());
        Assert.Equal(100m, await BalanceAsync(community.Token, ada));

        var overwritten = await CurrencyAsync(key, new { userID = ada, operation = "overwrite", amount = 30, reason = "Season reset" }, "reset-1");
        Assert.True(overwritten.Status == HttpStatusCode.Created, overwritten.Body);
        Assert.Equal(("set", 30m, -70m, 30m), (overwritten.Json.GetProperty("data").GetProperty("operation").GetString(),
            overwritten.Json.GetProperty("data").GetProperty("amount").GetDecimal(), overwritten.Json.GetProperty("data").GetProperty("delta").GetDecimal(),
            overwritten.Json.GetProperty("data").GetProperty("balance").GetDecimal()));

        var ledger = await Api.SendAsync(HttpMethod.Get, $"/apis/wallet/ledger?userID={ada}", community.Token);
        Assert.Equal([("set", -70m), ("credit", 100m)], ledger.Json.GetProperty("data").EnumerateArray()
            .Select(e => (e.GetProperty("operation").GetString(), e.GetProperty("delta").GetDecimal())));

        // A store key may call it too; a Bearer key of another community beside the incoming key is refused; a users-only key is not enough.
        var (_, storeKey) = await Api.CreateKeyAsync(community.Token, ["store"]);
        var byStoreKey = await Api.SendAsync(HttpMethod.Post, Currency, storeKey, new { userID = ada, operation = "add", amount = 5, reason = "By the store key" },
            new Dictionary<string, string> { ["Idempotency-Key"] = "store-key-1" });
        Assert.True(byStoreKey.Status == HttpStatusCode.Created, byStoreKey.Body);
        var other = await Api.BootstrapCommunityAsync();
        var beside = await Api.SendAsync(HttpMethod.Post, Currency, other.Token, new { userID = ada, operation = "add", amount = 5, reason = "Beside" },
            new Dictionary<string, string> { ["x-api-key"] = key, ["Idempotency-Key"] = "beside-1" });
        Assert.Equal((HttpStatusCode.Unauthorized, "conflicting_api_keys"), (beside.Status, beside.ErrorCode()));
        var (_, usersOnly) = await Api.CreateKeyAsync(community.Token, ["users"]);
        var byUsersKey = await Api.SendAsync(HttpMethod.Post, Currency, usersOnly, new { userID = ada, operation = "add", amount = 5, reason = "By a users key" },
            new Dictionary<string, string> { ["Idempotency-Key"] = "users-key-1" });
        Assert.Equal(HttpStatusCode.Forbidden, byUsersKey.Status);
        Assert.Equal(35m, await BalanceAsync(community.Token, ada));
    }

    [Theory]
    [InlineData("gcm")]
    [InlineData("cbc")]
    public async Task While_encryption_is_on_the_currency_webhook_takes_only_encrypted_bodies_and_replays_by_plaintext(string mode)
    {
        var (community, ada, key) = await CommunityWithIncomingKeyAsync();
        var on = await Api.SendAsync(HttpMethod.Put, "/apis/webhooks/incoming/encryption", community.Token, new { isEnabled = true, mode, key = EncryptionKey });
        Assert.Equal(HttpStatusCode.OK, on.Status);
        var plain = new { userID = ada, operation = "add", amount = 40, reason = "Encrypted reward" };

        Assert.Equal("encryption_required", (await CurrencyAsync(key, plain, "plain-1")).ErrorCode());
        Assert.Equal("encryption_required", (await CurrencyAsync(key, Encrypted(mode, plain, "/webhooks/incoming/currency"), "unflagged-1", flagged: false)).ErrorCode());
        // GCM binds a body to its route: one made for user-fields does not open here.
        if (mode == "gcm") Assert.Equal("decryption_failed", (await CurrencyAsync(key, Encrypted(mode, plain, "/webhooks/incoming/user-fields"), "other-route")).ErrorCode());
        Assert.Equal("decryption_failed", (await CurrencyAsync(key, Encrypted(mode == "gcm" ? "cbc" : "gcm", plain, "/webhooks/incoming/currency"), "other-alg")).ErrorCode());
        Assert.Equal(0m, await BalanceAsync(community.Token, ada));

        var first = await CurrencyAsync(key, Encrypted(mode, plain, "/webhooks/incoming/currency"), "enc-1");
        Assert.True(first.Status == HttpStatusCode.Created, first.Body);
        Assert.Equal(40m, first.Json.GetProperty("data").GetProperty("balance").GetDecimal());
        // Encrypted again (a fresh iv, other bytes), the same plaintext with the same key: the first answer, no second entry.
        var retried = await CurrencyAsync(key, Encrypted(mode, plain, "/webhooks/incoming/currency"), "enc-1");
        Assert.Equal((HttpStatusCode.Created, first.Json.GetProperty("data").GetRawText()), (retried.Status, retried.Json.GetProperty("data").GetRawText()));
        // The errors of an encrypted body name its plaintext's fields.
        var invalid = await CurrencyAsync(key, Encrypted(mode, new { userID = ada, operation = "add", amount = 0.001, reason = "x" }, "/webhooks/incoming/currency"), "enc-2");
        Assert.Equal(("invalid_amount", "amount"), (invalid.ErrorCode(), invalid.Json.GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal(40m, await BalanceAsync(community.Token, ada));

        var off = await Api.SendAsync(HttpMethod.Put, "/apis/webhooks/incoming/encryption", community.Token, new { isEnabled = false });
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.Equal("encryption_disabled", (await CurrencyAsync(key, Encrypted(mode, plain, "/webhooks/incoming/currency"), "enc-3")).ErrorCode());
        Assert.Equal(HttpStatusCode.Created, (await CurrencyAsync(key, plain, "plain-2")).Status);
        Assert.Equal(80m, await BalanceAsync(community.Token, ada));
    }

    [Fact]
    public async Task A_user_fields_call_with_one_bad_value_or_unencrypted_while_encryption_is_on_changes_nothing()
    {
        var (community, ada, key) = await CommunityWithIncomingKeyAsync();
        foreach (var field in new object[]
                 {
                     new { field = "tier", name = "Tier", type = "select", options = new[] { "Silver", "Gold" } },
                     new { field = "level", name = "Level", type = "number" },
                 })
        {
            Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/apis/user-fields", community.Token, field)).Status);
        }

        var set = await UserFieldsAsync(key, new { userID = ada, fields = new { tier = "Silver", level = 1 } });
        Assert.True(set.Status == HttpStatusCode.OK, set.Body);
        var before = await FieldsAndHistoryAsync(community.Token, ada);

        var oneBad = await UserFieldsAsync(key, new { userID = ada, fields = new { tier = "Gold", level = "high" } });
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_field_value", "fields.level"), (oneBad.Status, oneBad.ErrorCode(),
            oneBad.Json.GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal(before, await FieldsAndHistoryAsync(community.Token, ada));

        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Put, "/apis/webhooks/incoming/encryption", community.Token,
            new { isEnabled = true, mode = "gcm", key = EncryptionKey })).Status);
        var unencrypted = await UserFieldsAsync(key, new { userID = ada, fields = new { tier = "Gold", level = 2 } });
        Assert.Equal((HttpStatusCode.BadRequest, "encryption_required"), (unencrypted.Status, unencrypted.ErrorCode()));
        var unflagged = await UserFieldsAsync(key, Encrypted("gcm", new { userID = ada, fields = new { tier = "Gold", level = 2 } }, "/webhooks/incoming/user-fields"),
            flagged: false);
        Assert.Equal("encryption_required", unflagged.ErrorCode());
        Assert.Equal(before, await FieldsAndHistoryAsync(community.Token, ada));
    }

    /// <summary>A community with the user ada (known to the store) and its incoming key.</summary>
    private async Task<(Bootstrapped Community, string UserId, string IncomingKey)> CommunityWithIncomingKeyAsync()
    {
        var community = await Api.BootstrapCommunityAsync();
        var user = await Api.SendAsync(HttpMethod.Post, "/apis/users", community.Token, new { username = "ada", email = "ada@example.com" });
        Assert.Equal(HttpStatusCode.Created, user.Status);
        var userId = user.Json.GetProperty("data").GetProperty("_id").GetString()!;
        await StoreDatabase.UserCopiedAsync(userId);
        var created = await Api.SendAsync(HttpMethod.Post, "/apis/webhooks/incoming/api-key", community.Token);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return (community, userId, created.Json.GetProperty("data").GetProperty("key").GetString()!);
    }

    private Task<ApiResponse> CurrencyAsync(string incomingKey, object body, string idempotencyKey, bool flagged = true) =>
        Api.SendAsync(HttpMethod.Post, Currency, token: null, body, Headers(incomingKey, body, flagged, idempotencyKey));

    private Task<ApiResponse> UserFieldsAsync(string incomingKey, object body, bool flagged = true) =>
        Api.SendAsync(HttpMethod.Post, UserFields, token: null, body, Headers(incomingKey, body, flagged, idempotencyKey: null));

    private static Dictionary<string, string> Headers(string incomingKey, object body, bool flagged, string? idempotencyKey)
    {
        var headers = new Dictionary<string, string> { ["x-api-key"] = incomingKey };
        if (idempotencyKey is not null) headers["Idempotency-Key"] = idempotencyKey;
        if (flagged && body is Dictionary<string, object> wrapped && wrapped.ContainsKey("encrypted")) headers["x-encrypted"] = "true";
        return headers;
    }

    private async Task<decimal> BalanceAsync(string token, string userId) =>
        (await Api.SendAsync(HttpMethod.Get, $"/apis/wallet?userID={userId}", token)).Json.GetProperty("data").GetProperty("balance").GetDecimal();

    /// <summary>The user's custom values and the number of history items, as one comparable text.</summary>
    private async Task<string> FieldsAndHistoryAsync(string token, string userId)
    {
        var user = await Api.SendAsync(HttpMethod.Get, $"/apis/users/{userId}", token);
        var history = await Api.SendAsync(HttpMethod.Get, $"/apis/users/{userId}/field-histories", token);
        return user.Json.GetProperty("data").GetProperty("customFields").GetRawText() + " / " + history.Json.GetProperty("meta").GetProperty("total").GetInt32();
    }

    /// <summary><c>{"encrypted": {…}}</c> of the body's JSON, with GCM's additional data the given path.</summary>
    private static Dictionary<string, object> Encrypted(string mode, object body, string path) => new()
    {
        ["encrypted"] = PayloadEncryption.Encrypt(mode, EncryptionKey, JsonSerializer.SerializeToUtf8Bytes(body), Encoding.ASCII.GetBytes(path)),
    };
}
