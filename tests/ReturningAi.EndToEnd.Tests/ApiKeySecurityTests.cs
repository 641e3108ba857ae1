using System.Net;
using System.Text.Json;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// CONTRACT.md section 8 on keys, through the gateway: no escalation through keys, no changing oneself,
/// never without an admin key, expiry final, and a token shown once, never again by a replay.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ApiKeySecurityTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    private Task<ApiResponse> Put(string keyId, string token, object body) => Api.SendAsync(HttpMethod.Put, $"/apis/api-keys/{keyId}", token, body);

    [Fact]
    public async Task A_key_holding_only_api_keys_cannot_mint_or_grant_a_permission_it_lacks()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (keysOnlyId, keysOnly) = await Api.CreateKeyAsync(community.Token, ["api-keys"]);
        var (otherId, _) = await Api.CreateKeyAsync(community.Token, ["users"]);

        var mint = await Api.SendAsync(HttpMethod.Post, "/apis/api-keys", keysOnly, new { name = "root", permissions = new[] { "api-keys", "store", "users" } });
        var grant = await Put(otherId, keysOnly, new { permissions = new[] { "users", "store" } });
        var own = await Put(keysOnlyId, keysOnly, new { permissions = new[] { "api-keys", "store" } });
        var allowed = await Api.SendAsync(HttpMethod.Post, "/apis/api-keys", keysOnly, new { name = "peer", permissions = new[] { "api-keys" } });

        Assert.Equal(HttpStatusCode.Forbidden, mint.Status);
        Assert.Equal([("permission_escalation", "permissions[1]"), ("permission_escalation", "permissions[2]")], Errors(mint));
        Assert.Equal(HttpStatusCode.Forbidden, grant.Status);
        Assert.Equal([("permission_escalation", "permissions[0]"), ("permission_escalation", "permissions[1]")], Errors(grant));
        Assert.Equal(HttpStatusCode.Forbidden, own.Status);
        Assert.Equal("self_modification", own.ErrorCode());
        Assert.Equal(HttpStatusCode.Created, allowed.Status);
        var list = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys?limit=100", community.Token);
        Assert.Equal(4, list.Json.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(["users"], Permissions(list, otherId));
        Assert.Equal(["api-keys"], Permissions(list, keysOnlyId));
    }

    [Fact]
    public async Task A_key_cannot_change_its_own_permissions_or_expiry_but_may_rename_and_revoke_itself()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (keyId, token) = await Api.CreateKeyAsync(community.Token, ["store", "api-keys"]);

        var narrow = await Put(keyId, token, new { permissions = new[] { "api-keys" } });
        var expire = await Put(keyId, token, new { expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
        var rename = await Put(keyId, token, new { name = "renamed", permissions = new[] { "api-keys", "store" } });
        var revoke = await Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{keyId}", token);

        Assert.Equal(("self_modification", "permissions"), (narrow.ErrorCode(), narrow.Json.GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, narrow.Status);
        Assert.Equal(("self_modification", "expiresAt"), (expire.ErrorCode(), expire.Json.GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal(HttpStatusCode.OK, rename.Status); // the same permissions in another order change nothing
        Assert.Equal("renamed", rename.Json.GetProperty("data").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, revoke.Status);
        await Eventually.Until(() => Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", token),
            r => r.Status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(3), "the revocation to reach the gateway");
    }

    [Fact]
    public async Task The_last_unexpired_key_holding_api_keys_cannot_be_revoked_while_others_can()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (storeKeyId, _) = await Api.CreateKeyAsync(community.Token, ["store", "users"]);
        var (soonId, soon) = await Api.CreateKeyAsync(community.Token, ["api-keys"], DateTimeOffset.UtcNow.AddSeconds(2));
        // An expired key holding api-keys does not count.
        await Eventually.Until(() => Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", soon),
            r => r.Status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10), "the second admin key to expire");

        var self = await Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{community.KeyId}", community.Token);
        var other = await Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{storeKeyId}", community.Token);
        var expired = await Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{soonId}", community.Token);

        Assert.Equal(HttpStatusCode.Conflict, self.Status);
        Assert.Equal("last_admin_key", self.ErrorCode());
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal(HttpStatusCode.OK, expired.Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", community.Token)).Status);

        // With a second admin key, the first may go.
        var (_, second) = await Api.CreateKeyAsync(community.Token, ["api-keys"]);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{community.KeyId}", community.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", second)).Status);
    }

    [Fact]
    public async Task Two_admin_keys_taking_api_keys_from_each_other_at_once_never_leave_the_community_without_one()
    {
        for (var round = 0; round < 5; round++)
        {
            var community = await Api.BootstrapCommunityAsync();
            var (secondId, second) = await Api.CreateKeyAsync(community.Token, ["api-keys", "store"]);
            var revoke = round % 2 == 0;

            var answers = await Task.WhenAll(
                revoke ? Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{secondId}", community.Token) : Put(secondId, community.Token, new { permissions = new[] { "store" } }),
                revoke ? Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{community.KeyId}", second) : Put(community.KeyId, second, new { permissions = new[] { "store" } }));

            // One wins; the other is refused: 409 if it was decided after the winner's commit, or 401/403 if the
            // gateway already knew its key had lost the right. Never both.
            Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Contains(a.Status,
                new[] { HttpStatusCode.Conflict, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden }));
            var survivor = answers[0].Status == HttpStatusCode.OK ? community.Token : second;
            var keys = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", survivor);
            Assert.Equal(HttpStatusCode.OK, keys.Status);
            Assert.Contains(keys.Json.GetProperty("data").EnumerateArray(), k => k.GetProperty("permissions").EnumerateArray().Any(p => p.GetString() == "api-keys"));
        }
    }

    [Fact]
    public async Task An_expired_key_is_listed_with_its_past_expiry_can_be_deleted_but_not_brought_back()
    {
        var community = await Api.BootstrapCommunityAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var (keyId, token) = await Api.CreateKeyAsync(community.Token, ["store"], expiresAt);
        await Eventually.Until(() => Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", token),
            r => r.Status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10), "the key to expire");

        var list = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", community.Token);
        var revive = await Put(keyId, community.Token, new { expiresAt = (DateTimeOffset?)null });
        var rename = await Put(keyId, community.Token, new { name = "still expired" });

        var listed = list.Json.GetProperty("data").EnumerateArray().Single(k => k.GetProperty("_id").GetString() == keyId);
        Assert.Equal(expiresAt.ToUnixTimeMilliseconds(), listed.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(HttpStatusCode.Conflict, revive.Status);
        Assert.Equal("api_key_expired", revive.ErrorCode());
        Assert.Equal("api_key_expired", rename.ErrorCode());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{keyId}", community.Token)).Status);
        Assert.DoesNotContain(keyId, (await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", community.Token)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_key_creation_answers_the_same_key_without_its_token_even_to_another_key_after_the_first_was_revoked()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (firstId, first) = await Api.CreateKeyAsync(community.Token, ["api-keys", "store"]);
        var (_, other) = await Api.CreateKeyAsync(community.Token, ["api-keys", "store"]);
        var idempotency = new Dictionary<string, string> { ["Idempotency-Key"] = "mint-" + Guid.NewGuid().ToString("N") };
        var body = new { name = "minted", permissions = new[] { "store" }, expiresAt = (DateTimeOffset?)null };

        var created = await Api.SendAsync(HttpMethod.Post, "/apis/api-keys", first, body, idempotency);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{firstId}", community.Token)).Status);
        var replayed = await Api.SendAsync(HttpMethod.Post, "/apis/api-keys", other, body, idempotency);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var token = created.Json.GetProperty("data").GetProperty("token").GetString()!;
        Assert.True(created.Json.GetProperty("meta").GetProperty("secretShown").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, replayed.Status);
        Assert.Equal("true", replayed.Header("Idempotent-Replayed"));
        Assert.False(replayed.Json.GetProperty("meta").GetProperty("secretShown").GetBoolean());
        Assert.Equal(JsonValueKind.Null, replayed.Json.GetProperty("data").GetProperty("token").ValueKind);
        Assert.Equal(created.Json.GetProperty("data").GetProperty("_id").GetString(), replayed.Json.GetProperty("data").GetProperty("_id").GetString());
        Assert.DoesNotContain(token, replayed.Body, StringComparison.Ordinal);
        var records = await CommunityDatabase.IdempotencyResponsesAsync(community.CommunityId);
        Assert.Contains(created.Json.GetProperty("data").GetProperty("_id").GetString()!, records[idempotency["Idempotency-Key"]], StringComparison.Ordinal);
        Assert.All(records.Values, stored => Assert.DoesNotContain(token, stored, StringComparison.Ordinal));
        Assert.All(records.Values, stored => Assert.DoesNotContain("rai_", stored, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replayed_community_creation_answers_the_same_community_without_its_first_key_token()
    {
        var idempotency = new Dictionary<string, string> { ["Idempotency-Key"] = "community-" + Guid.NewGuid().ToString("N") };
        var body = new { name = "Replayed " + Guid.NewGuid().ToString("N")[..8], url = "https://example.com" };

        var created = await Api.SendAsync(HttpMethod.Post, "/apis/communities", stack.PlatformAdminToken, body, idempotency);
        var replayed = await Api.SendAsync(HttpMethod.Post, "/apis/communities", stack.PlatformAdminToken, body, idempotency);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.Created, replayed.Status);
        var token = created.Json.GetProperty("data").GetProperty("apiKey").GetProperty("token").GetString()!;
        Assert.Equal(JsonValueKind.Null, replayed.Json.GetProperty("data").GetProperty("apiKey").GetProperty("token").ValueKind);
        Assert.False(replayed.Json.GetProperty("meta").GetProperty("secretShown").GetBoolean());
        Assert.Equal(created.Json.GetProperty("data").GetProperty("community").GetRawText(), replayed.Json.GetProperty("data").GetProperty("community").GetRawText());
        var stored = (await CommunityDatabase.IdempotencyResponsesAsync("platform"))[idempotency["Idempotency-Key"]];
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
    }

    private static List<(string?, string?)> Errors(ApiResponse response) =>
        [.. response.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString()))];

    private static List<string?> Permissions(ApiResponse list, string keyId) =>
        [.. list.Json.GetProperty("data").EnumerateArray().Single(k => k.GetProperty("_id").GetString() == keyId)
            .GetProperty("permissions").EnumerateArray().Select(p => p.GetString())];
}
