using System.Net;

namespace ReturningAi.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class AuthenticationTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task Missing_key_is_401_with_bearer_challenge_and_no_rate_limit_headers()
    {
        var response = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("missing_api_key", response.ErrorCode());
        Assert.Equal("Bearer", response.Header("WWW-Authenticate"));
        Assert.Null(response.Header("X-RateLimit-Limit"));
        Assert.Equal(JsonNull, response.Json.GetProperty("errors")[0].GetProperty("field").ValueKind);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer two words")]
    public async Task Malformed_authorization_is_401(string authorization)
    {
        var response = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", token: null,
            headers: new Dictionary<string, string> { ["Authorization"] = authorization });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains(response.ErrorCode(), new[] { "malformed_authorization", "missing_api_key" });
        Assert.Equal("Bearer", response.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task Unknown_key_is_401()
    {
        var response = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", "rai_" + Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_api_key", response.ErrorCode());
    }

    [Fact]
    public async Task Key_without_the_route_permission_is_403()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (_, storeOnly) = await Api.CreateKeyAsync(community.Token, ["store"]);

        var response = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", storeOnly);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("forbidden", response.ErrorCode());
        Assert.Contains("api-keys", response.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.NotNull(response.Header("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Key_without_permissions_may_still_read_itself()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (keyId, bare) = await Api.CreateKeyAsync(community.Token, []);

        var response = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", bare);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(keyId, response.Json.GetProperty("data").GetProperty("_id").GetString());
    }

    [Fact]
    public async Task An_x_api_key_header_authenticates_like_a_bearer_token()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (keyId, storeOnly) = await Api.CreateKeyAsync(community.Token, ["store"]);

        var current = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", token: null, headers: ApiKeyHeader(storeOnly));
        var forbidden = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", token: null, headers: ApiKeyHeader(storeOnly));
        var unknown = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys/current", token: null, headers: ApiKeyHeader("rai_" + Guid.NewGuid().ToString("N")));

        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.Equal(keyId, current.Json.GetProperty("data").GetProperty("_id").GetString());
        Assert.NotNull(current.Header("X-RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal("forbidden", forbidden.ErrorCode());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal("invalid_api_key", unknown.ErrorCode());
        Assert.Equal("Bearer", unknown.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task Both_headers_may_name_the_same_key_but_not_two_different_keys()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (_, other) = await Api.CreateKeyAsync(community.Token, ["store", "api-keys"]);

        var same = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", community.Token, headers: ApiKeyHeader(community.Token));
        var different = await Api.SendAsync(HttpMethod.Get, "/apis/api-keys", community.Token, headers: ApiKeyHeader(other));

        Assert.Equal(HttpStatusCode.OK, same.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, different.Status);
        Assert.Equal("conflicting_api_keys", different.ErrorCode());
        Assert.Null(different.Header("X-RateLimit-Limit"));
    }

    private static Dictionary<string, string> ApiKeyHeader(string token) => new() { ["x-api-key"] = token };

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
