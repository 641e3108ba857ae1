using System.Net;
using System.Text.Json;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>Custom fields, values and their history through the gateway (users.md U5-U7, U10.3-U10.7).</summary>
[Collection(StackCollection.Name)]
public sealed class UserFieldsEndToEndTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task A_hundred_concurrent_puts_of_one_value_chain_a_hundred_history_items_versions_and_events()
    {
        var members = await MemberRequests.StartAsync(Api, keys: 2);
        await members.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        var id = await members.CreateUserAsync(new { username = "racer", email = "racer@example.com" });
        await using var events = await BrokerProbe.BindAsync("COMMUNITY_EVENTS.USER_FIELD_CHANGED");

        var responses = await Task.WhenAll(Enumerable.Range(1, 100).Select(i => members.SendAsync(HttpMethod.Put, $"/users/{id}/fields/points", new { value = i })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));

        // A refused write stores neither a value nor an item; an equal write adds nothing.
        await members.RefusedAsync(HttpMethod.Put, $"/users/{id}/fields/points", new { value = "many" }, HttpStatusCode.BadRequest);
        var history = new List<JsonElement>();
        for (var page = 1; page <= 2; page++)
        {
            history.AddRange((await members.OkAsync(HttpMethod.Get, $"/users/{id}/fields/points/histories?limit=100&page={page}")).EnumerateArray());
        }

        var last = history[0].GetProperty("newValue").GetInt32();
        var equal = await members.SendAsync(HttpMethod.Put, $"/users/{id}/fields/points", new { value = last });
        Assert.False(equal.Json.GetProperty("meta").GetProperty("changed").GetBoolean());

        Assert.Equal(100, history.Count);
        history.Reverse();
        Assert.Equal(JsonValueKind.Null, history[0].GetProperty("oldValue").ValueKind);
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].GetProperty("newValue").GetInt32(), history[i].GetProperty("oldValue").GetInt32());
            Assert.True(history[i].GetProperty("changedAt").GetDateTimeOffset() >= history[i - 1].GetProperty("changedAt").GetDateTimeOffset());
        }

        Assert.Equal(Enumerable.Range(1, 100), history.Select(h => h.GetProperty("newValue").GetInt32()).Order());
        Assert.Equal(last, (await members.OkAsync(HttpMethod.Get, $"/users/{id}/fields/points")).GetProperty("value").GetInt32());
        Assert.Equal(100, (await members.SendAsync(HttpMethod.Get, $"/users/{id}/fields/points/histories?limit=1")).Json.GetProperty("meta").GetProperty("total").GetInt32());

        var received = await events.WaitForAsync(r => r.Count(e => e.GetProperty("message").GetProperty("userID").GetString() == id) >= 100,
            TimeSpan.FromSeconds(30), "100 USER_FIELD_CHANGED events");
        var mine = received.Select(e => e.GetProperty("message")).Where(m => m.GetProperty("userID").GetString() == id).ToList();
        Assert.Equal(100, mine.Select(m => m.GetProperty("historyItemID").GetString()).Distinct().Count());
        var versions = mine.Select(m => m.GetProperty("version").GetInt64()).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(2, 100).Select(v => (long)v), versions);
    }

    [Fact]
    public async Task A_value_write_whose_commit_fails_stores_neither_value_nor_item_nor_event_nor_version()
    {
        var members = await MemberRequests.StartAsync(Api);
        await members.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        var id = await members.CreateUserAsync(new { username = "faulted", email = "faulted@example.com" });
        await members.OkAsync(HttpMethod.Put, $"/users/{id}/fields/points", new { value = 1 });
        var version = await CommunityDatabase.UserVersionAsync(id);

        var reference = "fault_" + Guid.NewGuid().ToString("N");
        await CommunityDatabase.RefuseCommitOfHistoryAsync(reference);
        try
        {
            var faulted = await members.SendAsync(HttpMethod.Put, $"/users/{id}/fields/points", new { value = 2, reference });
            Assert.True((int)faulted.Status >= 500, $"A refused commit answered {(int)faulted.Status}: {faulted.Body}");
        }
        finally
        {
            await CommunityDatabase.AllowCommitOfHistoryAsync(reference);
        }

        Assert.Equal(1, (await members.OkAsync(HttpMethod.Get, $"/users/{id}/fields/points")).GetProperty("value").GetInt32());
        Assert.Equal(1, (await members.SendAsync(HttpMethod.Get, $"/users/{id}/fields/points/histories")).Json.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(version, await CommunityDatabase.UserVersionAsync(id));
        Assert.Equal(0, await CommunityDatabase.OutboxEventsContainingAsync(reference));

        // The same write, once the database takes it: value, item, version and event together.
        await members.OkAsync(HttpMethod.Put, $"/users/{id}/fields/points", new { value = 2, reference });
        Assert.Equal(2, (await members.SendAsync(HttpMethod.Get, $"/users/{id}/fields/points/histories")).Json.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(version + 1, await CommunityDatabase.UserVersionAsync(id));
        Assert.Equal(1, await CommunityDatabase.OutboxEventsContainingAsync(reference));
    }

    [Fact]
    public async Task Values_are_accepted_and_refused_by_type_all_problems_together()
    {
        var members = await MemberRequests.StartAsync(Api);
        foreach (var (key, type, options) in new[] { ("t", "text", (string[]?)null), ("n", "number", null), ("b", "boolean", null), ("d", "date", null),
                     ("s", "select", new[] { "Gold", "Silver" }), ("m", "multi_select", new[] { "Chess", "Go" }) })
        {
            await members.CreateFieldAsync(new { field = key, name = key, type, options });
        }

        var problems = await members.RefusedAsync(HttpMethod.Post, "/users", new
        {
            username = "typed", email = "typed@example.com",
            customFields = new object[]
            {
                new { fieldIdorName = "t", value = new string('x', 1001) }, new { fieldIdorName = "n", value = 0.1234567 },
                new { fieldIdorName = "b", value = "yes" }, new { fieldIdorName = "d", value = "2025-02-30" },
                new { fieldIdorName = "s", value = "Bronze" }, new { fieldIdorName = "m", value = new[] { "Chess", "Poker" } },
            },
        }, HttpStatusCode.BadRequest);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => ("invalid_field_value", (string?)$"customFields[{i}].value")), problems);

        var user = await members.OkAsync(HttpMethod.Post, "/users", new
        {
            username = "typed", email = "typed@example.com",
            customFields = new object[]
            {
                new { fieldIdorName = "t", value = " line one\r\nline two " }, new { fieldIdorName = "n", value = 1e15 },
                new { fieldIdorName = "b", value = false }, new { fieldIdorName = "d", value = "2024-02-29" },
                new { fieldIdorName = "s", value = "silver" }, new { fieldIdorName = "m", value = new[] { "go", "Chess", "GO" } },
            },
        }, HttpStatusCode.Created);
        var values = user.GetProperty("customFields");
        Assert.Equal("line one\nline two", values.GetProperty("t").GetString());
        Assert.Equal(1_000_000_000_000_000m, values.GetProperty("n").GetDecimal());
        Assert.False(values.GetProperty("b").GetBoolean());
        Assert.Equal("2024-02-29", values.GetProperty("d").GetString());
        Assert.Equal("Silver", values.GetProperty("s").GetString());
        Assert.Equal(["Chess", "Go"], values.GetProperty("m").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task A_held_type_or_option_change_is_409_then_200_after_clearing_and_a_deleted_field_leaves_nothing()
    {
        var members = await MemberRequests.StartAsync(Api);
        await members.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = new[] { "Gold", "Silver" } });
        var id = await members.CreateUserAsync(new { username = "held", email = "held@example.com", customFields = new[] { new { fieldIdorName = "tier", value = "Gold" } } });

        Assert.Equal([("field_in_use", "type")], await members.RefusedAsync(HttpMethod.Put, "/user-fields/tier", new { name = "Tier", type = "number" }, HttpStatusCode.Conflict));
        Assert.Equal([("option_in_use", "options")],
            await members.RefusedAsync(HttpMethod.Put, "/user-fields/tier", new { name = "Tier", type = "select", options = new[] { "Silver" } }, HttpStatusCode.Conflict));
        await members.OkAsync(HttpMethod.Delete, $"/users/{id}/fields/tier");
        Assert.Equal("number", (await members.OkAsync(HttpMethod.Put, "/user-fields/tier", new { name = "Tier", type = "numerical" })).GetProperty("type").GetString());

        await members.OkAsync(HttpMethod.Put, $"/users/{id}/fields/tier", new { value = 3 });
        var deleted = await members.SendAsync(HttpMethod.Delete, $"/communities/{members.Community.CommunityId}/user-fields/tier");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(1, deleted.Json.GetProperty("meta").GetProperty("valuesDeleted").GetInt32());
        Assert.Equal(3, deleted.Json.GetProperty("meta").GetProperty("historyDeleted").GetInt32());
        await members.RefusedAsync(HttpMethod.Get, "/user-fields/tier/histories", null, HttpStatusCode.NotFound);
        Assert.Empty((await members.OkAsync(HttpMethod.Get, $"/users/{id}")).GetProperty("customFields").EnumerateObject());
        Assert.Equal(0, (await members.OkAsync(HttpMethod.Get, $"/users/{id}/field-histories")).GetArrayLength());
    }

    [Fact]
    public async Task Shuffled_import_batches_end_at_the_greatest_change_and_a_reposted_batch_creates_nothing()
    {
        var members = await MemberRequests.StartAsync(Api);
        await members.CreateFieldAsync(new { field = "level", name = "Level", type = "number" });
        var id = await members.CreateUserAsync(new { username = "history", email = "history@example.com" });
        var items = Enumerable.Range(1, 30)
            .Select(i => new { email = "history@example.com", field = "level", newValue = i, changedAt = DateTimeOffset.UtcNow.AddDays(-31 + i), reference = $"import-{i}" })
            .OrderBy(_ => Guid.NewGuid()).ToArray();

        foreach (var batch in items.Chunk(7))
        {
            var response = await members.SendAsync(HttpMethod.Post, "/user-field-histories", batch);
            Assert.Equal(HttpStatusCode.Created, response.Status);
            Assert.Equal(batch.Select(b => b.reference), response.Json.GetProperty("data").EnumerateArray().Select(h => h.GetProperty("reference").GetString()));
        }

        Assert.Equal(30, (await members.OkAsync(HttpMethod.Get, $"/users/{id}/fields/level")).GetProperty("value").GetInt32());
        var again = await members.SendAsync(HttpMethod.Post, $"/users/{id}/field-histories", items.Select(i => new { i.field, i.newValue, i.changedAt, i.reference }));
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal((0, 30), (again.Json.GetProperty("meta").GetProperty("created").GetInt32(), again.Json.GetProperty("meta").GetProperty("skipped").GetInt32()));
        var stored = await members.SendAsync(HttpMethod.Get, $"/user-field-histories?field=level&userID={id}&source=import&limit=5");
        Assert.Equal(30, stored.Json.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(30, stored.Json.GetProperty("data")[0].GetProperty("newValue").GetInt32());

        Assert.Equal([("invalid_changed_at", "[0].changedAt")], await members.RefusedAsync(HttpMethod.Post, $"/users/{id}/field-histories",
            new[] { new { field = "level", newValue = 1, changedAt = DateTimeOffset.UtcNow.AddDays(1) } }, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Required_and_unique_hold_under_concurrency()
    {
        var members = await MemberRequests.StartAsync(Api, keys: 2);
        await members.CreateFieldAsync(new { field = "membership", name = "Membership no.", type = "number", isUnique = true, required = true });

        var creates = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => members.SendAsync(HttpMethod.Post, "/users",
            new { username = $"m{i}", email = $"m{i}@example.com", customFields = new[] { new { fieldIdorName = "membership", value = 42 } } })));
        Assert.Single(creates, r => r.Status == HttpStatusCode.Created);
        Assert.Equal(29, creates.Count(r => r.Status == HttpStatusCode.Conflict && r.ErrorCode() == "duplicate_value"));

        var others = await Task.WhenAll(Enumerable.Range(100, 10).Select(i => members.CreateUserAsync(
            new { username = $"m{i}", email = $"m{i}@example.com", customFields = new[] { new { fieldIdorName = "membership", value = i } } })));
        var claims = await Task.WhenAll(others.Select(id => members.SendAsync(HttpMethod.Put, $"/users/{id}/fields/membership", new { value = 7 })));
        Assert.Single(claims, r => r.Status == HttpStatusCode.OK);
        Assert.Equal(9, claims.Count(r => r.Status == HttpStatusCode.Conflict));

        var clears = await Task.WhenAll(others.Select(id => members.SendAsync(HttpMethod.Delete, $"/users/{id}/fields/membership")));
        Assert.All(clears, r => Assert.Equal("field_required", r.ErrorCode()));
        var holders = await members.OkAsync(HttpMethod.Post, "/users/search", new { filter = new { membership = new { exists = true } } });
        Assert.Equal(11, holders.GetArrayLength());
        Assert.Equal(1, (await members.OkAsync(HttpMethod.Post, "/users/search", new { filter = new { membership = 7 } })).GetArrayLength());
    }
}
