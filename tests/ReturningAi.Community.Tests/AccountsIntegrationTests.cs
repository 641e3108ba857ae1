using System.Net;
using System.Text.Json;

namespace ReturningAi.Community.Tests;

/// <summary>Account actions, memberships, look-ups and updates of users (users.md U3).</summary>
public sealed class AccountsIntegrationTests(CommunityFactory factory) : IClassFixture<CommunityFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Ban_then_delete_then_restore_ends_banned_with_one_action_per_change()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        var id = (await api.CreateUserAsync(new { username = "mallory", email = "mallory@example.com" })).GetProperty("_id").GetString()!;

        Assert.Equal([("required", "reason")], await api.RefusedAsync(HttpMethod.Post, "/users/manage", new { action = "ban", user = "mallory" }, HttpStatusCode.BadRequest));
        var banned = await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "ban", user = "Mallory@Example.com", reason = "spam" });
        Assert.Equal(("banned", "spam"), (banned.GetProperty("account").GetProperty("status").GetString(), banned.GetProperty("account").GetProperty("statusReason").GetString()));
        var (_, again) = await api.SendAsync(HttpMethod.Post, "/users/manage", new { action = "ban", user = id, reason = "still spam" });
        Assert.False(again.GetProperty("meta").GetProperty("changed").GetBoolean());

        var (status, deleted) = await api.SendAsync(HttpMethod.Delete, $"/users/{id}?reason=gdpr");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("deleted", deleted.GetProperty("data").GetProperty("user").GetProperty("status").GetString());
        Assert.Equal([("invalid_status_transition", "action")],
            await api.RefusedAsync(HttpMethod.Post, "/users/manage", new { action = "unban", user = id }, HttpStatusCode.Conflict));
        Assert.Equal([("user_deleted", null)], await api.RefusedAsync(HttpMethod.Put, $"/users/{id}", new { displayname = "x" }, HttpStatusCode.Conflict));

        // Deletion frees the identifiers at once: a new user takes them; the restore brings new ones.
        await api.CreateUserAsync(new { username = "MALLORY", email = "mallory@example.com" });
        Assert.Equal([("duplicate_name", "username"), ("duplicate_email", "email")],
            await api.RefusedAsync(HttpMethod.Post, "/users/manage", new { action = "restore", user = "mallory" }, HttpStatusCode.Conflict));
        var restored = await api.OkAsync(HttpMethod.Post, "/users/manage",
            new { action = "restore", user = "mallory@example.com", username = "mallory2", email = "mallory2@example.com" });
        Assert.Equal(id, restored.GetProperty("user").GetProperty("_id").GetString());
        Assert.Equal(("banned", "spam"), (restored.GetProperty("user").GetProperty("status").GetString(), restored.GetProperty("user").GetProperty("statusReason").GetString()));

        var actions = await api.OkAsync(HttpMethod.Get, $"/users/{id}/account-actions");
        Assert.Equal(["restore deleted→banned", "delete banned→deleted", "ban active→banned"],
            actions.EnumerateArray().Select(a => $"{a.GetProperty("action").GetString()} {a.GetProperty("fromStatus").GetString()}→{a.GetProperty("toStatus").GetString()}"));
    }

    [Fact]
    public async Task Roles_and_tags_change_all_or_nothing()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateLabelAsync("roles", "VIP");
        await api.CreateLabelAsync("roles", "Staff");
        var guest = await api.CreateLabelAsync("roles", "Guest");
        var id = (await api.CreateUserAsync(new { username = "r", email = "r@example.com", roles = new[] { "Guest" } })).GetProperty("_id").GetString()!;

        var user = await api.OkAsync(HttpMethod.Post, $"/users/{id}/roles", new { add = new[] { "vip", "staff" }, remove = new[] { "guest" } });
        Assert.Equal(["Staff", "VIP"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([("unknown_role", "add[1]")],
            await api.RefusedAsync(HttpMethod.Post, $"/users/{id}/roles", new { add = new[] { "Guest", "Nope" } }, HttpStatusCode.BadRequest));
        Assert.Equal([("conflicting_change", "set")],
            await api.RefusedAsync(HttpMethod.Post, $"/users/{id}/roles", new { set = new[] { "Guest" }, add = new[] { "VIP" } }, HttpStatusCode.BadRequest));
        Assert.Equal(["Staff", "VIP"], (await api.OkAsync(HttpMethod.Get, $"/users/{id}/roles")).EnumerateArray().Select(r => r.GetProperty("name").GetString()));

        await api.OkAsync(HttpMethod.Post, $"/users/{id}/roles", new { set = new[] { "Guest" } });
        Assert.Equal([guest], (await api.OkAsync(HttpMethod.Get, $"/users/{id}/roles")).EnumerateArray().Select(r => r.GetProperty("_id").GetString()));

        // A deleted role leaves its users with it.
        await api.OkAsync(HttpMethod.Delete, $"/roles/{guest}");
        Assert.Empty((await api.OkAsync(HttpMethod.Get, $"/users/{id}")).GetProperty("roles").EnumerateArray());
    }

    [Fact]
    public async Task An_update_changes_only_what_it_sends_and_refuses_read_only_properties()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        var id = (await api.CreateUserAsync(new { username = "pat", email = "pat@example.com", firstname = "Pat" })).GetProperty("_id").GetString()!;
        await api.CreateUserAsync(new { username = "sam", email = "sam@example.com" });

        Assert.Equal([("read_only_field", "roles"), ("read_only_field", "status")],
            await api.RefusedAsync(HttpMethod.Put, $"/users/{id}", new { roles = new[] { "x" }, status = "banned" }, HttpStatusCode.BadRequest));
        Assert.Equal([("duplicate_name", "username")], await api.RefusedAsync(HttpMethod.Put, $"/users/{id}", new { username = "SAM" }, HttpStatusCode.Conflict));

        var user = await api.OkAsync(HttpMethod.Put, $"/users/{id}", new { lastname = "Smith", displayname = "P. Smith", avatar = "https://cdn.example.com/p.png" });
        Assert.Equal(("Pat", "Smith", "P. Smith"), (user.GetProperty("firstName").GetString(), user.GetProperty("lastName").GetString(), user.GetProperty("displayName").GetString()));
        Assert.True(user.GetProperty("updatedAt").GetDateTimeOffset() > user.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Get_user_data_finds_by_id_email_or_username_and_only_the_id_sees_deleted_users()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        var id = (await api.CreateUserAsync(new { username = "lookup", email = "lookup@example.com" })).GetProperty("_id").GetString()!;

        Assert.Equal(id, (await api.OkAsync(HttpMethod.Post, "/users/info", new { idOrEmail = "LOOKUP@example.com" })).GetProperty("_id").GetString());
        Assert.Equal(id, (await api.OkAsync(HttpMethod.Post, "/users/info", new { username = "Lookup" })).GetProperty("_id").GetString());
        await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "delete", user = id });
        Assert.Equal("deleted", (await api.OkAsync(HttpMethod.Post, "/users/info", new { idOrEmail = id })).GetProperty("status").GetString());
        await api.RefusedAsync(HttpMethod.Post, "/users/info", new { username = "lookup" }, HttpStatusCode.NotFound);
        Assert.Equal([("invalid_lookup", null)], await api.RefusedAsync(HttpMethod.Post, "/users/info", new { }, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Another_communitys_user_is_404_everywhere()
    {
        var a = await MemberClient.BootstrapAsync(_http);
        var b = await MemberClient.BootstrapAsync(_http);
        var id = (await a.CreateUserAsync(new { username = "own", email = "own@example.com" })).GetProperty("_id").GetString()!;

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"/users/{id}", null), (HttpMethod.Put, $"/users/{id}", new { displayname = "x" }), (HttpMethod.Delete, $"/users/{id}", null),
            (HttpMethod.Get, $"/users/{id}/roles", null), (HttpMethod.Get, $"/users/{id}/account-actions", null),
            (HttpMethod.Post, "/users/manage", new { action = "ban", user = id, reason = "x" }), (HttpMethod.Post, "/users/info", new { idOrEmail = id }),
            (HttpMethod.Get, $"/community/users/{id}", null), (HttpMethod.Get, $"/users/{id}/field-histories", null),
        })
        {
            await b.RefusedAsync(method, path, body, HttpStatusCode.NotFound);
        }

        Assert.Equal(0, (await b.OkAsync(HttpMethod.Post, "/users/search", new { })).GetArrayLength());
        Assert.Equal(0, (await b.OkAsync(HttpMethod.Get, "/community/users")).GetArrayLength());
    }

    [Fact]
    public async Task Community_users_list_filters_by_status_role_tag_and_search()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateLabelAsync("roles", "VIP");
        await api.CreateLabelAsync("tags", "Beta");
        await api.CreateUserAsync(new { username = "alpha", email = "alpha@example.com", roles = new[] { "VIP" } });
        await api.CreateUserAsync(new { username = "beta", email = "beta@example.com", tags = new[] { "Beta" } });
        var gone = (await api.CreateUserAsync(new { username = "gamma", email = "gamma@example.com", roles = new[] { "VIP" } })).GetProperty("_id").GetString()!;
        await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "delete", user = gone });

        static IEnumerable<string?> Names(JsonElement list) => list.EnumerateArray().Select(u => u.GetProperty("username").GetString()).Order();
        Assert.Equal(["alpha", "beta"], Names(await api.OkAsync(HttpMethod.Get, "/community/users")));
        Assert.Equal(["gamma"], Names(await api.OkAsync(HttpMethod.Get, "/community/users?status=deleted")));
        Assert.Equal(["gamma"], Names(await api.OkAsync(HttpMethod.Get, "/community/users?filter=status:deleted")));
        Assert.Equal(["alpha"], Names(await api.OkAsync(HttpMethod.Get, "/community/users?role=vip")));
        Assert.Equal(["beta"], Names(await api.OkAsync(HttpMethod.Get, "/community/users?tag=BETA&search=keyword:bet")));
        Assert.Equal(["alpha", "beta"], Names(await api.OkAsync(HttpMethod.Get, "/community/users?sort=username:asc&limit=1&skip=0")).Concat(
            Names(await api.OkAsync(HttpMethod.Get, "/community/users?sort=username:asc&limit=1&skip=1"))));
        Assert.Equal([("invalid_query", "status")], await api.RefusedAsync(HttpMethod.Get, "/community/users?status=gone", null, HttpStatusCode.BadRequest));
    }
}
