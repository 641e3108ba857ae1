using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace ReturningAi.Community.Tests;

/// <summary>
/// <c>meta.total</c> of searches that count from the values' indexes (live users narrowed only by custom fields and
/// labels, see <c>UserSearchQuery</c>): it is the number of users the page query finds, whatever mix of kept and
/// negated sets, and follows a delete and a restore at once; a page sorted by a field the search narrows is in order;
/// and a page read from the ids the count found (few matches, counted from the values or over users) is the page walked
/// in sort order (many matches).
/// </summary>
public sealed class UserSearchCountIntegrationTests(CommunityFactory factory) : IClassFixture<CommunityFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Totals_counted_from_the_values_leave_out_deleted_users_take_back_restored_ones_and_equal_the_pages()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = new[] { "gold", "silver" } });
        await api.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        await api.CreateLabelAsync("roles", "VIP");
        await api.CreateLabelAsync("tags", "Beta");

        async Task<string> User(string name, string? tier, int? points, string[] roles, string[] tags)
        {
            var values = new List<object>();
            if (tier is not null) values.Add(new { fieldIdorName = "tier", value = tier });
            if (points is not null) values.Add(new { fieldIdorName = "points", value = points });
            var user = await api.CreateUserAsync(new { username = name, email = $"{name}@example.com", customFields = values, roles, tags });
            return user.GetProperty("_id").GetString()!;
        }

        await User("ann", "gold", 10, ["VIP"], []);
        var bob = await User("bob", "gold", 20, [], []);
        var cid = await User("cid", "gold", 30, ["VIP"], []);
        await User("dee", "silver", 40, ["VIP"], []);
        await User("eve", "gold", null, [], ["Beta"]);
        var fay = await User("fay", null, null, ["VIP"], ["Beta"]);
        await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "ban", user = bob, reason = "spam" });
        await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "delete", user = cid, reason = "left" });
        await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "delete", user = fay, reason = "left" });

        var tierGold = new Dictionary<string, object> { ["tier"] = "gold" };
        (object Body, string[] Expected)[] searches =
        [
            (new { filter = tierGold }, ["ann", "bob", "eve"]),
            (new { filter = new Dictionary<string, object> { ["tier"] = "gold", ["points"] = new { gte = 15 } } }, ["bob"]),
            (new { filter = tierGold, roles = new { any = new[] { "VIP" } } }, ["ann"]),
            (new { filter = new Dictionary<string, object> { ["tier"] = "gold", ["points"] = new { exists = false } } }, ["eve"]),
            (new { filter = new Dictionary<string, object> { ["points"] = new { gte = 0 } }, roles = new { none = new[] { "VIP" } } }, ["bob"]),
            (new { filter = new Dictionary<string, object> { ["tier"] = new { exists = true } }, tags = new { all = new[] { "Beta" } } }, ["eve"]),
            (new { filter = new Dictionary<string, object> { ["points"] = new { exists = false } }, roles = new { any = new[] { "VIP" } } }, []),
            (new { filter = tierGold, status = new[] { "deleted" } }, ["cid"]),
            (new { roles = new { any = new[] { "VIP" } } }, ["ann", "dee"]),
        ];
        foreach (var (body, expected) in searches)
        {
            Assert.Equal(expected, await SearchAsync(api, body));
        }

        await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "restore", user = cid });
        Assert.Equal(["ann", "bob", "cid", "eve"], await SearchAsync(api, new { filter = tierGold }));
        Assert.Equal(["ann", "cid"], await SearchAsync(api, new { filter = tierGold, roles = new { any = new[] { "VIP" } } }));

        // Sorted by the field it narrows: the page walks that field's range (joined, not probed), in order both ways.
        foreach (var (order, expected) in new[] { ("asc", new[] { "bob", "cid", "dee" }), ("desc", ["dee", "cid", "bob"]) })
        {
            var (_, sorted) = await api.SendAsync(HttpMethod.Post, "/users/search",
                new { filter = new Dictionary<string, object> { ["points"] = new { gte = 15 } }, sort = new { by = "points", order } });
            Assert.Equal(expected, sorted.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("username").GetString()!).ToArray());
            Assert.Equal(3, sorted.GetProperty("meta").GetProperty("total").GetInt32());
        }
    }

    [Fact]
    public async Task A_page_read_from_the_counted_ids_equals_the_page_walked_in_sort_order()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = new[] { "gold", "silver" } });
        await api.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        await api.CreateLabelAsync("roles", "VIP");
        for (var i = 0; i < 24; i++)
        {
            var values = new List<object>();
            if (i % 4 != 3) values.Add(new { fieldIdorName = "tier", value = i % 3 == 0 ? "silver" : "gold" });
            if (i % 5 != 4) values.Add(new { fieldIdorName = "points", value = (i * 37) % 50 });
            var user = await api.CreateUserAsync(new { username = $"u{i:00}", email = $"u{i:00}@example.com", customFields = values, roles = i % 2 == 0 ? new[] { "VIP" } : [] });
            if (i % 7 == 6) await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "delete", user = user.GetProperty("_id").GetString(), reason = "left" });
        }

        // Walking only: the same service and database, never paging from ids.
        await using var walking = factory.WithWebHostBuilder(builder => builder.UseSetting("UserSearch:PageFromIdsUpTo", "0"));
        var walker = api.Through(walking.CreateClient());
        var tierGold = new Dictionary<string, object> { ["tier"] = "gold" };
        object[] searches =
        [
            new { filter = tierGold },
            new { filter = tierGold, sort = new { by = "points", order = "asc" } },
            new { filter = new Dictionary<string, object> { ["points"] = new { gte = 10, lte = 40 } }, sort = new { by = "points", order = "desc" } },
            new { filter = tierGold, roles = new { any = new[] { "VIP" } }, sort = new { by = "email" } },
            new { filter = new Dictionary<string, object> { ["points"] = new { exists = true }, ["tier"] = new { exists = false } }, sort = new { by = "tier" } },
            // Counted over users (other statuses, text), their few ids returned too.
            new { filter = tierGold, status = new[] { "active", "banned", "deleted" }, sort = new { by = "points", order = "desc" } },
            new { search = "u1", roles = new { any = new[] { "VIP" } }, filter = new Dictionary<string, object> { ["points"] = new { gte = 5 } } },
        ];
        foreach (var body in searches)
        {
            var (fromIds, total) = await PageAsync(api, body);
            var (walked, walkedTotal) = await PageAsync(walker, body);
            Assert.True(fromIds.Length > 0, JsonSerializer.Serialize(body));
            Assert.Equal(walked, fromIds);
            Assert.Equal(walkedTotal, total);
        }
    }

    private static async Task<(string[] Ids, int Total)> PageAsync(MemberClient api, object body)
    {
        var (status, json) = await api.SendAsync(HttpMethod.Post, "/users/search", body);
        Assert.True(status == HttpStatusCode.OK, json.ToString());
        return ([.. json.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("_id").GetString()!)], json.GetProperty("meta").GetProperty("total").GetInt32());
    }

    /// <summary>The usernames found, sorted, after checking that <c>meta.total</c> counts exactly them.</summary>
    private static async Task<string[]> SearchAsync(MemberClient api, object body)
    {
        var (status, json) = await api.SendAsync(HttpMethod.Post, "/users/search", body);
        Assert.True(status == HttpStatusCode.OK, json.ToString());
        var users = json.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("username").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.True(json.GetProperty("meta").GetProperty("total").GetInt32() == users.Length, $"{JsonSerializer.Serialize(body)}: total {json.GetProperty("meta")} for {users.Length} users");
        return users;
    }
}
