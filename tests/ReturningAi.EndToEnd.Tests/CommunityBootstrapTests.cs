using System.Net;

namespace ReturningAi.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class CommunityBootstrapTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task Bootstrap_creates_a_community_and_a_first_key_holding_every_permission()
    {
        var response = await Api.SendAsync(HttpMethod.Post, "/apis/communities", stack.PlatformAdminToken,
            new { name = "  Acme Rewards  ", url = "https://acme.example" });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("success", response.Json.GetProperty("meta").GetProperty("status").GetString());
        Assert.Equal(201, response.Json.GetProperty("meta").GetProperty("statusCode").GetInt32());
        var community = response.Json.GetProperty("data").GetProperty("community");
        var key = response.Json.GetProperty("data").GetProperty("apiKey");
        Assert.Equal("Acme Rewards", community.GetProperty("name").GetString());
        Assert.Matches("^[0-9a-f]{24}$", community.GetProperty("_id").GetString());
        Assert.Equal(community.GetProperty("_id").GetString(), key.GetProperty("communityID").GetString());
        Assert.Equal(["store", "users", "api-keys", "purchase-history", "createUser", "userFields", "appearance", "webhooks"], key.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.StartsWith("rai_", key.GetProperty("token").GetString());

        var current = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", key.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.Equal(key.GetProperty("_id").GetString(), current.Json.GetProperty("data").GetProperty("_id").GetString());
        Assert.False(current.Json.GetProperty("data").TryGetProperty("token", out _));
    }

    [Theory]
    [InlineData(null, "missing_admin_token")]
    [InlineData("not-the-admin-token-at-all", "invalid_admin_token")]
    public async Task Bootstrap_without_the_platform_admin_token_is_401(string? token, string code)
    {
        var response = await Api.SendAsync(HttpMethod.Post, "/apis/communities", token, new { name = "x", url = "https://x.example" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(code, response.ErrorCode());
        Assert.Equal("Bearer", response.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task Bootstrap_refuses_a_community_api_key_even_with_every_permission()
    {
        var community = await Api.BootstrapCommunityAsync();

        var response = await Api.SendAsync(HttpMethod.Post, "/apis/communities", community.Token, new { name = "x", url = "https://x.example" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_admin_token", response.ErrorCode());
    }

    [Fact]
    public async Task Bootstrap_reports_every_invalid_field_at_once()
    {
        var response = await Api.SendAsync(HttpMethod.Post, "/apis/communities", stack.PlatformAdminToken, new { name = "  ", url = "ftp://nope" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.ErrorCode();
        var fields = response.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["name", "url"], fields);
    }

    [Fact]
    public async Task Bootstrap_with_malformed_json_is_400()
    {
        var response = await Api.SendRawAsync(HttpMethod.Post, "/apis/communities", stack.PlatformAdminToken, PartnerApi.RawJson("{\"name\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("malformed_json", response.ErrorCode());
    }
}
