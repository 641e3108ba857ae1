using System.Net;

namespace ReturningAi.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
public sealed class TenantIsolationTests(ReliabilityStack stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task A_key_of_community_A_never_sees_or_touches_the_keys_of_community_B()
    {
        var a = await Api.BootstrapCommunityAsync();
        var b = await Api.BootstrapCommunityAsync();
        var (bKeyId, bToken) = await Api.CreateKeyAsync(b.Token, ["store"]);

        var list = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", a.Token);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal([a.KeyId], list.Json.GetProperty("data").EnumerateArray().Select(k => k.GetProperty("_id").GetString()));

        var update = await Api.SendAsync(HttpMethod.Put, $"/apis/api-keys/{bKeyId}", a.Token, new { name = "hijacked" });
        var revoke = await Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{bKeyId}", a.Token);
        Assert.Equal(HttpStatusCode.NotFound, update.Status);
        Assert.Equal(HttpStatusCode.NotFound, revoke.Status);

        var stillThere = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", bToken);
        Assert.Equal(HttpStatusCode.OK, stillThere.Status);
        Assert.StartsWith("key ", stillThere.Json.GetProperty("data").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Forged_internal_identity_headers_from_outside_have_no_effect()
    {
        var a = await Api.BootstrapCommunityAsync();
        var b = await Api.BootstrapCommunityAsync();
        var forged = new Dictionary<string, string>
        {
            ["X-ReturningAi-Community-Id"] = b.CommunityId,
            ["X-ReturningAi-Api-Key-Id"] = b.KeyId,
            ["X-ReturningAi-Permissions"] = "store,users,api-keys",
            ["X-ReturningAi-Platform-Admin"] = "true",
            ["X-ReturningAi-Gateway-Token"] = "guess",
        };

        var list = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", a.Token, headers: forged);
        Assert.Equal([a.KeyId], list.Json.GetProperty("data").EnumerateArray().Select(k => k.GetProperty("_id").GetString()));

        var bootstrap = await Api.SendAsync(HttpMethod.Post, "/apis/communities", token: null, new { name = "x", url = "https://x.example" }, forged);
        Assert.Equal(HttpStatusCode.Unauthorized, bootstrap.Status);
    }
}
