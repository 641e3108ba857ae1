using System.Net;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>The documented permission names and what each umbrella grants (CONTRACT.md §7).</summary>
[Collection(StackCollection.Name)]
public sealed class PermissionTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task Keys_can_hold_the_finer_permissions_and_an_unknown_name_is_still_400()
    {
        var community = await Api.BootstrapCommunityAsync();

        var created = await Api.SendAsync(HttpMethod.Post, "/apis/api-keys", community.Token, new
        {
            name = "fine", permissions = new[] { "purchase-history", "createUser", "userFields", "appearance", "webhooks" }, expiresAt = (string?)null,
        });
        var unknown = await Api.SendAsync(HttpMethod.Post, "/apis/api-keys", community.Token,
            new { name = "bad", permissions = new[] { "createuser" }, expiresAt = (string?)null });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(["purchase-history", "createUser", "userFields", "appearance", "webhooks"],
            created.Json.GetProperty("data").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("unknown_permission", unknown.ErrorCode());
    }

    [Fact]
    public async Task CreateUser_creates_users_only_and_users_grants_it_too()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (_, creator) = await Api.CreateKeyAsync(community.Token, ["createUser"]);
        var (_, users) = await Api.CreateKeyAsync(community.Token, ["users"]);
        var (_, store) = await Api.CreateKeyAsync(community.Token, ["store"]);

        var byCreator = await Api.SendAsync(HttpMethod.Post, "/apis/users", creator, new { username = "ada-" + Guid.NewGuid().ToString("N")[..6], email = "ada@example.com" });
        var byUsers = await Api.SendAsync(HttpMethod.Post, "/apis/users", users, new { username = "bob-" + Guid.NewGuid().ToString("N")[..6], email = "bob@example.com" });
        var byStore = await Api.SendAsync(HttpMethod.Post, "/apis/users", store, new { username = "eve", email = "eve@example.com" });
        var userId = byCreator.Json.GetProperty("data").GetProperty("_id").GetString();
        var readByCreator = await Api.SendAsync(HttpMethod.Get, $"/apis/users/{userId}", creator);
        var readByUsers = await Api.SendAsync(HttpMethod.Get, $"/apis/users/{userId}", users);

        Assert.Equal(HttpStatusCode.Created, byCreator.Status);
        Assert.Equal(HttpStatusCode.Created, byUsers.Status);
        Assert.Equal(HttpStatusCode.Forbidden, byStore.Status);
        Assert.Contains("'createUser'", byStore.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, readByCreator.Status);
        Assert.Contains("'users'", readByCreator.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, readByUsers.Status);
    }
}
