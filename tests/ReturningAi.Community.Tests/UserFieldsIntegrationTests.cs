using System.Net;
using System.Text.Json;

namespace ReturningAi.Community.Tests;

/// <summary>Custom fields, their values and history against the Community service on real PostgreSQL (users.md U5-U7).</summary>
public sealed class UserFieldsIntegrationTests(CommunityFactory factory) : IClassFixture<CommunityFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    private static string UserId(JsonElement user) => user.GetProperty("_id").GetString()!;

    [Fact]
    public async Task A_value_change_writes_one_history_item_and_an_equal_write_adds_nothing()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        var id = UserId(await api.CreateUserAsync(new { username = "u1", email = "u1@example.com" }));

        var set = await api.OkAsync(HttpMethod.Put, $"/users/{id}/fields/points", new { value = 10, reference = "r1", note = "first" });
        Assert.Equal(10, set.GetProperty("value").GetInt32());
        await api.OkAsync(HttpMethod.Put, $"/users/{id}/fields/points", new { value = 10.0 });
        await api.OkAsync(HttpMethod.Put, $"/users/{id}/fields/points", new { value = 12.5 });
        var cleared = await api.OkAsync(HttpMethod.Delete, $"/users/{id}/fields/points?reference=r3&note=reset");
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("value").ValueKind);

        var history = await api.OkAsync(HttpMethod.Get, $"/users/{id}/fields/points/histories");
        Assert.Equal(["12.5→null", "10→12.5", "null→10"],
            history.EnumerateArray().Select(h => $"{h.GetProperty("oldValue").GetRawText()}→{h.GetProperty("newValue").GetRawText()}"));
        Assert.Equal("r3", history[0].GetProperty("reference").GetString());
        Assert.Equal("reset", history[0].GetProperty("note").GetString());
        Assert.Equal(["api", "api", "api"], history.EnumerateArray().Select(h => h.GetProperty("source").GetString()));
        Assert.All(history.EnumerateArray(), h => Assert.Equal("api_key", h.GetProperty("createdBy").GetProperty("type").GetString()));

        Assert.Equal([("duplicate_reference", "reference")],
            await api.RefusedAsync(HttpMethod.Put, $"/users/{id}/fields/points", new { value = 1, reference = "r1" }, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Values_are_checked_by_type_and_unknown_fields_or_users_are_404_in_paths()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateFieldAsync(new { field = "birthday", name = "Birthday", type = "date" });
        var id = UserId(await api.CreateUserAsync(new { username = "u2", email = "u2@example.com" }));

        Assert.Equal([("invalid_field_value", "value")],
            await api.RefusedAsync(HttpMethod.Put, $"/users/{id}/fields/birthday", new { value = "2023-02-29" }, HttpStatusCode.BadRequest));
        await api.RefusedAsync(HttpMethod.Put, $"/users/{id}/fields/nope", new { value = 1 }, HttpStatusCode.NotFound);
        await api.RefusedAsync(HttpMethod.Get, $"/users/{new string('a', 24)}/fields/birthday", null, HttpStatusCode.NotFound);
        Assert.Equal("2024-02-29", (await api.OkAsync(HttpMethod.Put, $"/users/{id}/fields/BIRTHDAY", new { value = "2024-02-29" })).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Required_fields_cannot_be_cleared_and_unique_values_belong_to_one_live_user()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateFieldAsync(new { field = "customerid", name = "Customer", type = "text", required = true, isUnique = true });
        var a = UserId(await api.CreateUserAsync(new { username = "a", email = "a@example.com", customFields = new[] { new { fieldIdorName = "customerid", value = "C-1" } } }));

        Assert.Equal([("field_required", "value")], await api.RefusedAsync(HttpMethod.Delete, $"/users/{a}/fields/customerid", null, HttpStatusCode.BadRequest));
        Assert.Equal([("duplicate_value", "customFields[0].value")], await api.RefusedAsync(HttpMethod.Post, "/users",
            new { username = "b", email = "b@example.com", customFields = new[] { new { fieldIdorName = "customerid", value = "c-1" } } }, HttpStatusCode.Conflict));

        // Deleting a user frees its unique value at once; restoring it while another holds the value is 409.
        await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "delete", user = "a" });
        var b = UserId(await api.CreateUserAsync(new { username = "b", email = "b@example.com", customFields = new[] { new { fieldIdorName = "customerid", value = "C-1" } } }));
        Assert.Contains(("duplicate_value", "customFields.customerid"),
            await api.RefusedAsync(HttpMethod.Post, "/users/manage", new { action = "restore", user = a }, HttpStatusCode.Conflict));

        var found = await api.OkAsync(HttpMethod.Post, "/users/info", new { field = "customerid", value = "c-1" });
        Assert.Equal(b, UserId(found));
        Assert.Equal([("invalid_lookup", "field")], await api.RefusedAsync(HttpMethod.Post, "/users/info", new { field = "nope", value = 1 }, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_held_type_or_option_cannot_change_until_the_values_are_cleared()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        var fieldId = await api.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = new[] { "Gold", "Silver" } });
        var id = UserId(await api.CreateUserAsync(new { username = "t", email = "t@example.com", customFields = new[] { new { fieldIdorName = fieldId, value = "silver" } } }));

        Assert.Equal([("field_in_use", "type")], await api.RefusedAsync(HttpMethod.Put, "/user-fields/tier", new { name = "Tier", type = "text" }, HttpStatusCode.Conflict));
        Assert.Equal([("option_in_use", "options")],
            await api.RefusedAsync(HttpMethod.Put, "/user-fields/tier", new { name = "Tier", type = "select", options = new[] { "Gold" } }, HttpStatusCode.Conflict));
        Assert.Equal([("immutable_field", "field")],
            await api.RefusedAsync(HttpMethod.Put, "/user-fields/tier", new { field = "level", name = "Tier", type = "select" }, HttpStatusCode.BadRequest));

        await api.OkAsync(HttpMethod.Delete, $"/users/{id}/fields/tier");
        var changed = await api.OkAsync(HttpMethod.Put, $"/user-fields/{fieldId}", new { name = "Tier", type = "select", options = new[] { "Gold" } });
        Assert.Equal(["Gold"], changed.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        await api.OkAsync(HttpMethod.Put, "/user-fields/tier", new { name = "Tier", type = "single-line-text" });
    }

    [Fact]
    public async Task Turning_unique_on_over_duplicates_is_refused_and_a_deleted_field_leaves_nothing()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateFieldAsync(new { field = "code", name = "Code", type = "number" });
        await api.CreateUserAsync(new { username = "x", email = "x@example.com", customFields = new[] { new { fieldIdorName = "code", value = 7 } } });
        var y = UserId(await api.CreateUserAsync(new { username = "y", email = "y@example.com", customFields = new[] { new { fieldIdorName = "code", value = 7.0 } } }));

        Assert.Equal([("duplicate_values", "isUnique")],
            await api.RefusedAsync(HttpMethod.Put, "/user-fields/code", new { name = "Code", type = "number", isUnique = true }, HttpStatusCode.Conflict));
        await api.OkAsync(HttpMethod.Put, $"/users/{y}/fields/code", new { value = 8 });
        await api.OkAsync(HttpMethod.Put, "/user-fields/code", new { name = "Code", type = "number", isUnique = true });
        Assert.Equal([("duplicate_value", "value")], await api.RefusedAsync(HttpMethod.Put, $"/users/{y}/fields/code", new { value = 7 }, HttpStatusCode.Conflict));

        var (status, deleted) = await api.SendAsync(HttpMethod.Delete, "/user-fields/code");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, deleted.GetProperty("meta").GetProperty("valuesDeleted").GetInt32());
        Assert.Equal(3, deleted.GetProperty("meta").GetProperty("historyDeleted").GetInt32());
        await api.RefusedAsync(HttpMethod.Get, "/user-fields/code", null, HttpStatusCode.NotFound);
        Assert.Empty((await api.OkAsync(HttpMethod.Get, $"/users/{y}")).GetProperty("customFields").EnumerateObject());
        Assert.Equal(0, (await api.OkAsync(HttpMethod.Get, "/user-field-histories")).GetArrayLength());
    }

    [Fact]
    public async Task Field_definitions_are_checked_listed_oldest_first_and_reachable_by_the_docs_path()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        Assert.Equal([("reserved_field_name", "field")],
            await api.RefusedAsync(HttpMethod.Post, "/user-fields", new { field = "email", name = "E", type = "text" }, HttpStatusCode.BadRequest));
        await api.CreateFieldAsync(new { field = "b field", name = "B", type = "boolean" });
        await api.CreateFieldAsync(new { field = "a", name = "A", type = "numerical" });
        Assert.Equal([("duplicate_name", "field")],
            await api.RefusedAsync(HttpMethod.Post, "/user-fields", new { field = "B-FIELD", name = "B", type = "text" }, HttpStatusCode.Conflict));

        var list = await api.OkAsync(HttpMethod.Get, $"/communities/{api.CommunityId}/user-fields");
        Assert.Equal(["b-field", "a"], list.EnumerateArray().Select(f => f.GetProperty("field").GetString()));
        Assert.Equal(["a"], (await api.OkAsync(HttpMethod.Get, "/user-fields?type=number")).EnumerateArray().Select(f => f.GetProperty("field").GetString()));
        await api.RefusedAsync(HttpMethod.Get, $"/communities/{new string('b', 24)}/user-fields", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Shuffled_imports_end_at_the_latest_change_and_a_reposted_batch_creates_nothing()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await api.CreateFieldAsync(new { field = "tier", name = "Tier", type = "text" });
        var id = UserId(await api.CreateUserAsync(new { username = "imp", email = "imp@example.com" }));
        var items = Enumerable.Range(1, 6)
            .Select(i => new { field = "tier", newValue = $"T{i}", changedAt = new DateTimeOffset(2025, i, 1, 0, 0, 0, TimeSpan.Zero), reference = $"ref-{i}" })
            .OrderBy(_ => Guid.NewGuid()).ToArray();

        var (status, first) = await api.SendAsync(HttpMethod.Post, $"/users/{id}/field-histories", items[..3]);
        Assert.Equal(HttpStatusCode.Created, status);
        var (_, second) = await api.SendAsync(HttpMethod.Post, "/user-field-histories", items[3..].Select(i => new { i.field, i.newValue, i.changedAt, i.reference, email = "IMP@example.com" }));
        Assert.Equal(3, first.GetProperty("meta").GetProperty("created").GetInt32() + second.GetProperty("meta").GetProperty("skipped").GetInt32());

        Assert.Equal("T6", (await api.OkAsync(HttpMethod.Get, $"/users/{id}/fields/tier")).GetProperty("value").GetString());
        var history = (await api.OkAsync(HttpMethod.Get, $"/users/{id}/field-histories?limit=100")).EnumerateArray().ToList();
        Assert.Equal(["T6", "T5", "T4", "T3", "T2", "T1"], history.Select(h => h.GetProperty("newValue").GetString()));
        // An item's old value is the value in effect before it when it was imported: an earlier-dated value or none.
        Assert.All(history, h => Assert.True(h.GetProperty("oldValue").ValueKind == JsonValueKind.Null
            || string.CompareOrdinal(h.GetProperty("oldValue").GetString(), h.GetProperty("newValue").GetString()) < 0));

        var (again, replay) = await api.SendAsync(HttpMethod.Post, $"/users/{id}/field-histories", items);
        Assert.Equal(HttpStatusCode.Created, again);
        Assert.Equal((0, 6, 0), (replay.GetProperty("meta").GetProperty("created").GetInt32(), replay.GetProperty("meta").GetProperty("skipped").GetInt32(),
            replay.GetProperty("meta").GetProperty("applied").GetInt32()));
        Assert.Equal(items.Select(i => i.reference), replay.GetProperty("data").EnumerateArray().Select(h => h.GetProperty("reference").GetString()));
        Assert.Equal(6, (await api.OkAsync(HttpMethod.Get, $"/user-field-histories?userID={id}")).GetArrayLength());

        Assert.Equal([("duplicate_reference", "[1].reference")], await api.RefusedAsync(HttpMethod.Post, $"/users/{id}/field-histories",
            new[] { new { field = "tier", newValue = "x", changedAt = "2024-01-01", reference = "new" }, new { field = "tier", newValue = "y", changedAt = "2024-01-02", reference = "new" } },
            HttpStatusCode.BadRequest));
        Assert.Equal([("invalid_range", "to")], await api.RefusedAsync(HttpMethod.Get, "/user-field-histories?from=2025-03-01&to=2025-03-01", null, HttpStatusCode.BadRequest));
        Assert.Equal(2, (await api.OkAsync(HttpMethod.Get, "/user-field-histories?from=2025-02-01&to=2025-04-01")).GetArrayLength());
    }
}
