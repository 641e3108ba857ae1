using System.Net;
using System.Text.Json;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>The user directory through the gateway (users.md U3, U10.1, U10.2).</summary>
[Collection(StackCollection.Name)]
public sealed class UsersEndToEndTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task Fifty_concurrent_creates_with_one_email_in_any_case_give_one_201_and_49_409()
    {
        var members = await MemberRequests.StartAsync(Api, keys: 2);
        var emails = Enumerable.Range(0, 50).Select(i => i % 2 == 0 ? "Race@Example.com" : $"race@EXAMPLE.{(i % 3 == 0 ? "com" : "COM")}").ToList();

        var responses = await Task.WhenAll(emails.Select((email, i) => members.SendAsync(HttpMethod.Post, "/users", new { username = $"racer{i}", email })));

        Assert.Single(responses, r => r.Status == HttpStatusCode.Created);
        Assert.Equal(49, responses.Count(r => r.Status == HttpStatusCode.Conflict && r.ErrorCode() == "duplicate_email"
            && r.Json.GetProperty("errors")[0].GetProperty("field").GetString() == "email"));
    }

    [Fact]
    public async Task Fifty_concurrent_creates_with_one_username_give_one_201_and_49_409()
    {
        var members = await MemberRequests.StartAsync(Api, keys: 2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            members.SendAsync(HttpMethod.Post, "/users", new { username = i % 2 == 0 ? "Speedy" : "SPEEDY", email = $"speedy{i}@example.com" })));

        Assert.True(responses.Count(r => r.Status == HttpStatusCode.Created) == 1, string.Join("\n", responses.Select(r => $"{(int)r.Status} {r.Body}")));
        Assert.True(49 == responses.Count(r => r.Status == HttpStatusCode.Conflict && r.ErrorCode() == "duplicate_name"),
            string.Join("\n", responses.Select(r => $"{(int)r.Status} {r.Body}")));
    }

    [Fact]
    public async Task A_user_is_created_read_changed_and_found_with_the_docs_body()
    {
        var members = await MemberRequests.StartAsync(Api);
        await members.CreateLabelAsync("roles", "VIP");
        await members.CreateFieldAsync(new { field = "customerid", name = "Customer id", type = "single-line-text", isUnique = true });

        var created = await members.OkAsync(HttpMethod.Post, "/users", new
        {
            firstname = "Ada", lastname = "Lovelace", username = "ada_lovelace_123", displayname = "Ada Lovelace", email = "ada@example.com",
            accessLevel = 1, joinServer = true, sendEmail = false, emailPassword = false, roles = new[] { "vip" },
            customFields = new[] { new { fieldIdorName = "customerid", value = "C-1001" } },
        }, HttpStatusCode.Created);
        var id = created.GetProperty("_id").GetString()!;
        Assert.Equal(members.Community.CommunityId, created.GetProperty("communityID").GetString());
        Assert.Equal(("Ada", "Lovelace", "Ada Lovelace"), (created.GetProperty("firstName").GetString(), created.GetProperty("lastName").GetString(),
            created.GetProperty("displayName").GetString()));

        var read = await members.SendAsync(HttpMethod.Get, $"/users/{id}");
        Assert.Equal("Get user success.", read.Json.GetProperty("message").GetString());
        Assert.Equal(created.GetRawText(), read.Json.GetProperty("data").GetRawText());

        var updated = await members.OkAsync(HttpMethod.Put, $"/users/{id}", new { displayname = "Countess", customFields = new[] { new { fieldIdorName = "customerid", value = "C-2002" } } });
        Assert.Equal("Countess", updated.GetProperty("displayName").GetString());
        Assert.Equal("C-2002", updated.GetProperty("customFields").GetProperty("customerid").GetString());

        foreach (var lookup in new object[] { new { idOrEmail = id }, new { idOrEmail = "ADA@example.com" }, new { username = "Ada_Lovelace_123" }, new { field = "customerid", value = "c-2002" } })
        {
            Assert.Equal(id, (await members.OkAsync(HttpMethod.Post, "/users/info", lookup)).GetProperty("_id").GetString());
        }

        // Read-only POSTs ignore Idempotency-Key: a second look-up with the same key sees the user as it now is.
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "lookup-" + Guid.NewGuid() };
        var first = await Api.SendAsync(HttpMethod.Post, "/apis/users/info", members.Keys.Next(), new { idOrEmail = id }, key);
        await members.OkAsync(HttpMethod.Put, $"/users/{id}", new { displayname = "Ada again" });
        var second = await Api.SendAsync(HttpMethod.Post, "/apis/users/info", members.Keys.Next(), new { idOrEmail = id }, key);
        Assert.Equal(("Countess", "Ada again"), (first.Json.GetProperty("data").GetProperty("displayName").GetString(),
            second.Json.GetProperty("data").GetProperty("displayName").GetString()));

        var list = await members.SendAsync(HttpMethod.Get, "/community/users?search=keyword:lovelace&fields=username,status");
        Assert.Equal(1, list.Json.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(["_id", "username", "status"], list.Json.GetProperty("data")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Bad_bodies_get_every_problem_in_the_envelope_and_create_nothing()
    {
        var members = await MemberRequests.StartAsync(Api);

        var problems = await members.RefusedAsync(HttpMethod.Post, "/users", new
        {
            username = "", email = "not an email", password = "abc", confirmPassword = "abd", avatar = "javascript:alert(1)", joinServer = false,
        }, HttpStatusCode.BadRequest);

        Assert.Equal([("invalid_url", "avatar"), ("password_mismatch", "confirmPassword"), ("invalid_email", "email"), ("unsupported_option", "joinServer"),
            ("invalid_length", "username")], problems.OrderBy(p => p.Field, StringComparer.Ordinal));
        Assert.Equal(0, (await members.SendAsync(HttpMethod.Get, "/community/users")).Json.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal([("malformed_json", null)], await members.RefusedAsync(HttpMethod.Post, "/users/search", null, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Delete_frees_the_identifiers_at_once_and_ban_delete_restore_ends_banned()
    {
        var members = await MemberRequests.StartAsync(Api);
        var id = await members.CreateUserAsync(new { username = "phoenix", email = "phoenix@example.com" });

        await members.OkAsync(HttpMethod.Post, "/users/manage", new { action = "ban", user = "phoenix", reason = "Cheating" });
        var deleted = await members.SendAsync(HttpMethod.Delete, $"/users/{id}?reason=Asked+to+leave");
        Assert.Equal("deleted", deleted.Json.GetProperty("data").GetProperty("user").GetProperty("status").GetString());
        var reborn = await members.CreateUserAsync(new { username = "Phoenix", email = "PHOENIX@example.com" });
        Assert.NotEqual(id, reborn);

        var restored = await members.OkAsync(HttpMethod.Post, "/users/manage", new { action = "restore", user = id, username = "phoenix-old", email = "old@example.com" });
        Assert.Equal("banned", restored.GetProperty("user").GetProperty("status").GetString());
        Assert.Equal("Cheating", restored.GetProperty("account").GetProperty("statusReason").GetString());
        var unchanged = await members.SendAsync(HttpMethod.Post, "/users/manage", new { action = "restore", user = id });
        Assert.False(unchanged.Json.GetProperty("meta").GetProperty("changed").GetBoolean());

        var actions = await members.OkAsync(HttpMethod.Get, $"/users/{id}/account-actions");
        Assert.Equal(["restore", "delete", "ban"], actions.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        Assert.All(actions.EnumerateArray(), a => Assert.Equal("api_key", a.GetProperty("createdBy").GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Roles_and_tags_change_all_or_nothing_and_at_most_a_hundred()
    {
        var members = await MemberRequests.StartAsync(Api, keys: 2);
        var id = await members.CreateUserAsync(new { username = "labels", email = "labels@example.com" });
        await members.CreateLabelAsync("tags", "Newsletter");
        await Task.WhenAll(Enumerable.Range(0, 101).Select(i => members.CreateLabelAsync("roles", $"R{i:000}")));

        Assert.Equal([("unknown_tag", "add[1]")],
            await members.RefusedAsync(HttpMethod.Post, $"/users/{id}/tags", new { add = new[] { "newsletter", "Unknown" } }, HttpStatusCode.BadRequest));
        Assert.Empty((await members.OkAsync(HttpMethod.Get, $"/users/{id}/tags")).EnumerateArray());
        Assert.Equal([("too_many_roles", "set")], await members.RefusedAsync(HttpMethod.Post, $"/users/{id}/roles",
            new { set = Enumerable.Range(0, 101).Select(i => $"r{i:000}").ToArray() }, HttpStatusCode.Conflict));
        var user = await members.OkAsync(HttpMethod.Post, $"/users/{id}/roles", new { set = Enumerable.Range(0, 100).Select(i => $"r{i:000}").ToArray() });
        Assert.Equal(100, user.GetProperty("roles").GetArrayLength());
        Assert.Equal([("too_many_roles", "add")], await members.RefusedAsync(HttpMethod.Post, $"/users/{id}/roles", new { add = new[] { "R100" } }, HttpStatusCode.Conflict));
    }
}
