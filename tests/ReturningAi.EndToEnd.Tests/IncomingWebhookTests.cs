using System.Net;
using System.Text;
using System.Text.Json;
using ReturningAi.TestStack;
using ReturningAi.TestSupport;
using ReturningAi.Webhooks.Signing;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// The incoming webhook for custom user fields through the gateway on the AppHost (events-and-jobs.md §2): the community's
/// incoming key in <c>x-api-key</c> (and nowhere else), replaced with 24 h of overlap and revoked; encrypted bodies while
/// encryption is on, with the contract's 400s.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class IncomingWebhookTests(StackFixture stack)
{
    private const string UserFields = "/apis/webhooks/incoming/user-fields";
    private const string EncryptionKey = "0123456789abcdefghijklmnopqrstuv";

    [Fact]
    public async Task The_incoming_key_sets_user_fields_opens_nothing_else_and_a_replaced_key_works_until_revoked()
    {
        var api = stack.Api;
        var community = await api.BootstrapCommunityAsync();
        var userId = await UserWithFieldAsync(community.Token, "ada");

        var off = await api.SendAsync(HttpMethod.Get, "/apis/webhooks/incoming/settings", community.Token);
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.False(off.Json.GetProperty("data").GetProperty("apiKey").GetProperty("isEnabled").GetBoolean());

        var created = await api.SendAsync(HttpMethod.Post, "/apis/webhooks/incoming/api-key", community.Token);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.True(created.Json.GetProperty("meta").GetProperty("secretShown").GetBoolean());
        var key = created.Json.GetProperty("data").GetProperty("key").GetString()!;

        var set = await SendAsync(key, new { email = "ada@example.com", fields = new { tier = "Gold" } });
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(userId, set.Json.GetProperty("data").GetProperty("userID").GetString());
        Assert.Equal("Gold", set.Json.GetProperty("data").GetProperty("fields").GetProperty("tier").GetString());
        var history = await api.SendAsync(HttpMethod.Get, $"/apis/users/{userId}/field-histories", community.Token);
        Assert.Equal("webhook", history.Json.GetProperty("data")[0].GetProperty("source").GetString());

        // The incoming key is no API key: every other route refuses it, and the settings never show it.
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/apis/users"), (HttpMethod.Get, "/apis/community"), (HttpMethod.Get, "/apis/api-keys/current"),
                     (HttpMethod.Get, "/apis/webhooks/incoming/settings"), (HttpMethod.Get, "/apis/products") })
        {
            var refused = await api.SendAsync(method, path, token: null, headers: new Dictionary<string, string> { ["x-api-key"] = key });
            Assert.True(refused.Status == HttpStatusCode.Forbidden, $"{method} {path}: {(int)refused.Status} {refused.Body}");
        }

        var on = await api.SendAsync(HttpMethod.Get, "/apis/webhooks/incoming/settings", community.Token);
        Assert.True(on.Json.GetProperty("data").GetProperty("apiKey").GetProperty("isEnabled").GetBoolean());
        Assert.DoesNotContain(key, on.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"key\"", on.Body, StringComparison.Ordinal);

        // Another community's users are out of reach of this key.
        var other = await api.BootstrapCommunityAsync();
        var otherUser = await UserWithFieldAsync(other.Token, "bob");
        Assert.Equal("user_not_found", (await SendAsync(key, new { userID = otherUser, fields = new { tier = "Gold" } })).ErrorCode());

        // A Bearer key beside the incoming key must be one of the same community; an unknown one is refused as any is.
        var incomingHeader = new Dictionary<string, string> { ["x-api-key"] = key };
        var body = new { userID = userId, fields = new { tier = "Gold" } };
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, UserFields, community.Token, body, incomingHeader)).Status);
        Assert.Equal("conflicting_api_keys", (await api.SendAsync(HttpMethod.Post, UserFields, other.Token, body, incomingHeader)).ErrorCode());
        Assert.Equal("invalid_api_key", (await api.SendAsync(HttpMethod.Post, UserFields, "rai_unknown", body, incomingHeader)).ErrorCode());

        // A replacement: the old key works 24 h more (previousKeyExpiresAt), the new one at once; revoking ends both.
        var replaced = await api.SendAsync(HttpMethod.Post, "/apis/webhooks/incoming/api-key", community.Token);
        var newKey = replaced.Json.GetProperty("data").GetProperty("key").GetString()!;
        Assert.NotEqual(key, newKey);
        Assert.True(replaced.Json.GetProperty("data").GetProperty("apiKey").GetProperty("previousKeyExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(23));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(key, new { userID = userId, fields = new { tier = "Silver" } })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(newKey, new { userID = userId, fields = new { tier = "Gold" } })).Status);

        var revoked = await api.SendAsync(HttpMethod.Delete, "/apis/webhooks/incoming/api-key", community.Token);
        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.False(revoked.Json.GetProperty("data").GetProperty("apiKey").GetProperty("isEnabled").GetBoolean());
        foreach (var gone in new[] { key, newKey })
        {
            var refused = await Eventually.Until(() => SendAsync(gone, new { userID = userId, fields = new { tier = "Silver" } }),
                r => r.Status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10), "the revoked incoming key to be refused");
            Assert.Equal("invalid_api_key", refused.ErrorCode());
        }

        // A partner key with users may call the route too; one with only store may not.
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, UserFields, community.Token, new { userID = userId, fields = new { tier = "Gold" } })).Status);
        var (_, storeOnly) = await api.CreateKeyAsync(community.Token, ["store"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Post, UserFields, storeOnly, new { userID = userId, fields = new { tier = "Gold" } })).Status);
    }

    [Theory]
    [InlineData("gcm")]
    [InlineData("cbc")]
    public async Task While_encryption_is_on_calls_must_be_encrypted_for_this_path_and_the_errors_say_why(string mode)
    {
        var api = stack.Api;
        var community = await api.BootstrapCommunityAsync();
        var userId = await UserWithFieldAsync(community.Token, "cy");
        var key = (await api.SendAsync(HttpMethod.Post, "/apis/webhooks/incoming/api-key", community.Token)).Json.GetProperty("data").GetProperty("key").GetString()!;
        var plain = new { userID = userId, fields = new { tier = "Gold" } };

        var badKey = await api.SendAsync(HttpMethod.Put, "/apis/webhooks/incoming/encryption", community.Token, new { isEnabled = true, mode, key = "short" });
        Assert.Equal("invalid_encryption_key", badKey.ErrorCode());
        var on = await api.SendAsync(HttpMethod.Put, "/apis/webhooks/incoming/encryption", community.Token, new { isEnabled = true, mode, key = EncryptionKey });
        Assert.Equal(HttpStatusCode.OK, on.Status);
        Assert.Equal(mode, on.Json.GetProperty("data").GetProperty("encryption").GetProperty("mode").GetString());
        Assert.DoesNotContain(EncryptionKey, on.Body, StringComparison.Ordinal);

        Assert.Equal("encryption_required", (await SendAsync(key, plain)).ErrorCode());
        Assert.Equal("encryption_required", (await SendAsync(key, Encrypted(mode, plain, "/webhooks/incoming/user-fields"), flagged: false)).ErrorCode());
        // GCM binds a body to its path (additional data): one made for the currency route does not open this one.
        if (mode == "gcm") Assert.Equal("decryption_failed", (await SendAsync(key, Encrypted(mode, plain, "/webhooks/incoming/currency"))).ErrorCode());
        var otherAlg = Encrypted(mode == "gcm" ? "cbc" : "gcm", plain, "/webhooks/incoming/user-fields");
        Assert.Equal("decryption_failed", (await SendAsync(key, otherAlg)).ErrorCode());

        var ok = await SendAsync(key, Encrypted(mode, plain, "/webhooks/incoming/user-fields"));
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal("Gold", ok.Json.GetProperty("data").GetProperty("fields").GetProperty("tier").GetString());
        // The errors of an encrypted body name its plaintext fields.
        var invalid = await SendAsync(key, Encrypted(mode, new { userID = userId, fields = new { tier = "Platinum" } }, "/webhooks/incoming/user-fields"));
        Assert.Equal("invalid_field_value", invalid.ErrorCode());
        Assert.Equal("fields.tier", invalid.Json.GetProperty("errors")[0].GetProperty("field").GetString());

        var offAgain = await api.SendAsync(HttpMethod.Put, "/apis/webhooks/incoming/encryption", community.Token, new { isEnabled = false });
        Assert.False(offAgain.Json.GetProperty("data").GetProperty("encryption").GetProperty("isEnabled").GetBoolean());
        Assert.Equal("encryption_disabled", (await SendAsync(key, Encrypted(mode, plain, "/webhooks/incoming/user-fields"))).ErrorCode());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(key, plain)).Status);
    }

    /// <summary>A user of the community and a select field <c>tier</c> (Silver, Gold); the user's id.</summary>
    private async Task<string> UserWithFieldAsync(string token, string username)
    {
        var field = await stack.Api.SendAsync(HttpMethod.Post, "/apis/user-fields", token,
            new { field = "tier", name = "Tier", type = "select", options = new[] { "Silver", "Gold" } });
        Assert.Equal(HttpStatusCode.Created, field.Status);
        var user = await stack.Api.SendAsync(HttpMethod.Post, "/apis/users", token, new { username, email = $"{username}@example.com" });
        Assert.Equal(HttpStatusCode.Created, user.Status);
        return user.Json.GetProperty("data").GetProperty("_id").GetString()!;
    }

    private Task<ApiResponse> SendAsync(string incomingKey, object body, bool flagged = true)
    {
        var headers = new Dictionary<string, string> { ["x-api-key"] = incomingKey };
        if (flagged && body is Dictionary<string, object> { } wrapped && wrapped.ContainsKey("encrypted")) headers["x-encrypted"] = "true";
        return stack.Api.SendAsync(HttpMethod.Post, UserFields, token: null, body, headers);
    }

    /// <summary><c>{"encrypted": {…}}</c> of the body's JSON, with GCM's additional data the given path.</summary>
    private static Dictionary<string, object> Encrypted(string mode, object body, string path) => new()
    {
        ["encrypted"] = PayloadEncryption.Encrypt(mode, EncryptionKey, JsonSerializer.SerializeToUtf8Bytes(body), Encoding.ASCII.GetBytes(path)),
    };
}
