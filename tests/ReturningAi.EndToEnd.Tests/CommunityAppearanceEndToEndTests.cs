using System.Net;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>The community, its appearance and the permissions of the user routes through the gateway (users.md U1, U8, U10.4, U10.9).</summary>
[Collection(StackCollection.Name)]
public sealed class CommunityAppearanceEndToEndTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task Each_key_reaches_only_its_routes()
    {
        var community = await Api.BootstrapCommunityAsync();
        var userId = (await Api.SendAsync(HttpMethod.Post, "/apis/users", community.Token, new { username = "perm", email = "perm@example.com" }))
            .Json.GetProperty("data").GetProperty("_id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/apis/user-fields", community.Token, new { field = "tier", name = "Tier", type = "text" })).Status);
        var keys = new Dictionary<string, string>();
        foreach (var permission in new[] { "createUser", "userFields", "appearance", "users", "api-keys", "store" })
        {
            keys[permission] = (await Api.CreateKeyAsync(community.Token, [permission])).Token;
        }

        (string Method, string Path, object? Body)[] routes =
        [
            ("POST", "/apis/users", new { username = "p-{0}", email = "p-{0}@example.com" }),
            ("GET", $"/apis/users/{userId}", null),
            ("POST", "/apis/users/search", new { }),
            ("POST", "/apis/users/info", new { idOrEmail = userId }),
            ("GET", $"/apis/users/{userId}/account-actions", null),
            ("GET", "/apis/community/users", null),
            ("GET", "/apis/user-fields", null),
            ("GET", $"/apis/communities/{community.CommunityId}/user-fields/tier", null),
            ("PUT", $"/apis/users/{userId}/fields/tier", new { value = "x" }),
            ("GET", $"/apis/users/{userId}/field-histories", null),
            ("GET", "/apis/user-field-histories", null),
            ("PUT", "/apis/community/theme", new { accent = "#123" }),
            ("PUT", "/apis/community-bot", new { name = "Bot" }),
            ("PUT", "/apis/community/metadata", new { guestModeEnabled = true }),
            ("PUT", $"/apis/management/communities/{community.CommunityId}", new { url = "https://acme.example" }),
            ("GET", "/apis/community", null),
        ];
        var grants = new Dictionary<string, string[]>
        {
            ["createUser"] = ["POST /apis/users"],
            ["userFields"] = ["/user-field", "/fields/", "/field-histories"],
            ["appearance"] = ["/apis/community/theme", "/apis/community-bot", "/apis/community/metadata", "/apis/management/"],
            ["users"] = ["/apis/users", "/apis/community/users", "/user-field", "/fields/", "/field-histories"],
            ["api-keys"] = ["/apis/community/theme", "/apis/community-bot", "/apis/community/metadata", "/apis/management/"],
            ["store"] = [],
        };

        var outcome = new List<string>();
        foreach (var (permission, token) in keys)
        {
            foreach (var (method, path, body) in routes)
            {
                var route = $"{method} {path}";
                var allowed = path == "/apis/community" || grants[permission].Any(g => g.StartsWith("POST ", StringComparison.Ordinal) ? route == g : path.Contains(g, StringComparison.Ordinal));
                var sent = body is null ? null : System.Text.Json.JsonSerializer.Deserialize<object>(System.Text.Json.JsonSerializer.Serialize(body).Replace("{0}", permission, StringComparison.Ordinal));
                var response = await Api.SendAsync(new HttpMethod(method), path, token, sent);
                var ok = allowed ? (int)response.Status is >= 200 and < 300 : response.Status == HttpStatusCode.Forbidden;
                if (!ok) outcome.Add($"{permission}: {route} -> {(int)response.Status}");
            }
        }

        Assert.Empty(outcome);
    }

    [Fact]
    public async Task The_community_reads_with_any_key_and_its_appearance_changes_with_appearance()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (_, store) = await Api.CreateKeyAsync(community.Token, ["store"]);

        var read = await Api.SendAsync(HttpMethod.Get, "/apis/community", store);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(community.CommunityId, read.Json.GetProperty("data").GetProperty("_id").GetString());
        Assert.Equal("#0f172a", read.Json.GetProperty("data").GetProperty("theme").GetProperty("text").GetString());

        var bad = await Api.SendAsync(HttpMethod.Put, "/apis/community/theme", community.Token, new { primary = "blue", secondary = "#12", surface = "#GGGGGG" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal([("invalid_color", "primary"), ("invalid_color", "secondary"), ("invalid_color", "surface")], MemberRequests.Items(bad));

        var suffix = Guid.NewGuid().ToString("N")[..8];
        var renamed = await Api.SendAsync(HttpMethod.Put, $"/apis/management/communities/{community.CommunityId}", community.Token,
            new { name = "Renamed " + suffix, uri = "renamed-" + suffix });
        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        Assert.Equal("Update community success.", renamed.Json.GetProperty("message").GetString());
        Assert.Equal("renamed-" + suffix, renamed.Json.GetProperty("data").GetProperty("uri").GetString());

        var other = await Api.BootstrapCommunityAsync();
        var taken = await Api.SendAsync(HttpMethod.Put, $"/apis/management/communities/{other.CommunityId}", other.Token, new { uri = "RENAMED-" + suffix });
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Equal("duplicate_uri", taken.ErrorCode());
        var elsewhere = await Api.SendAsync(HttpMethod.Put, $"/apis/management/communities/{community.CommunityId}", other.Token, new { name = "Hijack" });
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.Status);
        var aliased = await Api.SendAsync(HttpMethod.Get, $"/apis/communities/{community.CommunityId}/user-fields", other.Token);
        Assert.Equal(HttpStatusCode.NotFound, aliased.Status);
    }
}
