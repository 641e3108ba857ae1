using System.Net;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class ApiKeyTests(StackFixture stack)
{
    // Keys change "within 1 second"; the limit leaves room for a loaded machine, yet is far below the
    // gateway's 30 s cache lifetime, so passing proves the eviction event did the work.
    private static readonly TimeSpan PropagationLimit = TimeSpan.FromSeconds(3);

    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task Created_key_works_at_once_and_is_listed_without_its_token()
    {
        var community = await Api.BootstrapCommunityAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30);

        var created = await Api.SendAsync(HttpMethod.Post, "/apis/api-keys", community.Token,
            new { name = "Catalogue import", permissions = new[] { "store" }, expiresAt });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var key = created.Json.GetProperty("data");
        Assert.Equal("Catalogue import", key.GetProperty("name").GetString());
        Assert.Equal(community.CommunityId, key.GetProperty("communityID").GetString());
        Assert.Equal(["store"], key.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(expiresAt.ToUnixTimeMilliseconds(), key.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        var token = key.GetProperty("token").GetString()!;

        var current = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", token);
        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.Equal(key.GetProperty("_id").GetString(), current.Json.GetProperty("data").GetProperty("_id").GetString());

        var list = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", community.Token);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(2, list.Json.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.DoesNotContain("token", list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_reports_unknown_permissions_and_a_past_expiry_together()
    {
        var community = await Api.BootstrapCommunityAsync();

        var response = await Api.SendAsync(HttpMethod.Post, "/apis/api-keys", community.Token,
            new { name = "x", permissions = new[] { "store", "admin" }, expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var errors = response.Json.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([("unknown_permission", "permissions[1]"), ("expiry_in_past", "expiresAt")], errors);
    }

    [Fact]
    public async Task Update_changes_only_the_fields_sent_and_takes_effect_within_a_second()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (keyId, token) = await Api.CreateKeyAsync(community.Token, ["store", "api-keys"]);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", token)).Status);

        var updated = await Api.SendAsync(HttpMethod.Put, $"/apis/api-keys/{keyId}", community.Token, new { permissions = new[] { "store" } });

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(["store"], updated.Json.GetProperty("data").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.StartsWith("key ", updated.Json.GetProperty("data").GetProperty("name").GetString());
        await Eventually.Until(
            () => Api.SendAsync(HttpMethod.Get, "/apis/api-keys", token),
            r => r.Status == HttpStatusCode.Forbidden, PropagationLimit, "the permission change to reach the gateway");
    }

    [Fact]
    public async Task Revoked_key_gets_401_within_a_second_and_is_gone()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (keyId, token) = await Api.CreateKeyAsync(community.Token, ["store"]);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", token)).Status);

        var revoked = await Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{keyId}", community.Token);

        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Equal(keyId, revoked.Json.GetProperty("data").GetProperty("_id").GetString());
        var refused = await Eventually.Until(
            () => Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", token),
            r => r.Status == HttpStatusCode.Unauthorized, PropagationLimit, "the revocation to reach the gateway");
        Assert.Equal("invalid_api_key", refused.ErrorCode());

        var list = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", community.Token);
        Assert.DoesNotContain(keyId, list.Body, StringComparison.Ordinal);
        var again = await Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{keyId}", community.Token);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task Expired_key_gets_401()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (_, token) = await Api.CreateKeyAsync(community.Token, ["store"], DateTimeOffset.UtcNow.AddSeconds(2));

        var refused = await Eventually.Until(
            () => Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", token),
            r => r.Status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10), "the key to expire");

        Assert.Equal("expired_api_key", refused.ErrorCode());
        Assert.Equal("Bearer", refused.Header("WWW-Authenticate"));
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("ffffffffffffffffffffffff")]
    public async Task Unknown_or_malformed_key_id_is_404(string keyId)
    {
        var community = await Api.BootstrapCommunityAsync();

        var response = await Api.SendAsync(HttpMethod.Put, $"/apis/api-keys/{keyId}", community.Token, new { name = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("not_found", response.ErrorCode());
    }
}
