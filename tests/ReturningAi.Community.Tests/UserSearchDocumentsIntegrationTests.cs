using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Members;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Jobs;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.TestSupport;
using ReturningAi.Users.Search;

namespace ReturningAi.Community.Tests;

/// <summary>
/// The users' own copies of their custom values and labels (<c>users.search_values</c>, <c>users.label_ids</c>), kept by
/// triggers on <c>user_field_values</c> and <c>user_labels</c>, and the searches read from them (<c>UserSearchQuery.UsesDocuments</c>).
/// A copy that drifts from its rows makes a search silently find the wrong users, so: after every kind of write each copy
/// equals what its rows say; concurrent writes to one user compose instead of overwriting one another, through the API and
/// in transactions queued on the user's row by the triggers themselves; and every operator, read from the copies, finds the
/// users the seeded values say (worked out here in memory, not by asking the service again).
/// </summary>
public sealed class UserSearchDocumentsIntegrationTests(CommunityFactory factory) : IClassFixture<CommunityFactory>
{
    // What the copies must hold: the migration's own formula, recomputed from the rows.
    private const string CopiesBesideRows = """
        SELECT u.username, u.search_values::text, src.search_values::text, u.label_ids::text, src.label_ids::text,
               u.search_values = src.search_values AND u.label_ids @> src.label_ids AND src.label_ids @> u.label_ids
        FROM users u
        CROSS JOIN LATERAL (SELECT
            coalesce((SELECT jsonb_object_agg(v.field_id, coalesce(to_jsonb(v.text_value), to_jsonb(v.number_value), to_jsonb(v.date_value),
                                                                   to_jsonb(v.bool_value), to_jsonb(v.option_values)))
                      FROM user_field_values v WHERE v.user_id = u.id), '{}') AS search_values,
            coalesce((SELECT array_agg(m.label_id ORDER BY m.label_id) FROM user_labels m WHERE m.user_id = u.id), '{}') AS label_ids) src
        WHERE u.community_id = @c
        ORDER BY u.username
        """;

    private static readonly string[] Words = ["alpha", "Beta", "ALPHABET", "gamma ray", "Delta", "betamax"];
    private static readonly string[] Tiers = ["Gold", "Silver", "Bronze"];
    private static readonly string[] Colors = ["Red", "Green", "Blue", "Yellow"];
    private static readonly string[] EveryStatus = ["active", "banned", "deleted"];

    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task The_copies_equal_the_values_and_labels_after_every_kind_of_write()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await CreateFieldsOfEveryTypeAsync(api);
        await api.CreateFieldAsync(new { field = "doomed", name = "Doomed", type = "text" });
        foreach (var role in new[] { "Admin", "Mod", "Member" }) await api.CreateLabelAsync("roles", role);
        var doomedRole = await api.CreateLabelAsync("roles", "Doomed");
        foreach (var tag in new[] { "Beta", "Newsletter" }) await api.CreateLabelAsync("tags", tag);

        var ann = await CreateUserAsync(api, "ann", ["Admin", "Doomed"], ["Beta"], ("nickname", "Annie"), ("tier", "gold"), ("colors", new[] { "Blue", "Red" }),
            ("points", 12.5m), ("birthday", "1990-04-01"), ("subscribed", true), ("doomed", "x"));
        var bob = await CreateUserAsync(api, "bob", ["Doomed"], [], ("points", -3), ("subscribed", false), ("doomed", "y"), ("tier", "Silver"));
        var cid = await CreateUserAsync(api, "cid", [], []);
        var dee = await CreateUserAsync(api, "dee", ["Mod"], ["Beta", "Newsletter"], ("colors", new[] { "Green" }), ("birthday", "2001-12-31"));
        await AssertCopiesEqualRowsAsync(api, "users created");

        // One value at a time, several at once, an equal write; then cleared by DELETE and by null, "" and [].
        await api.OkAsync(HttpMethod.Put, $"/users/{ann}/fields/points", new { value = 13 });
        await api.OkAsync(HttpMethod.Put, $"/users/{ann}/fields/tier", new { value = "SILVER" });
        await api.OkAsync(HttpMethod.Put, $"/users/{cid}/fields/colors", new { value = new[] { "Blue", "Red", "Green" } });
        await api.OkAsync(HttpMethod.Put, $"/users/{cid}/fields/subscribed", new { value = false });
        await api.OkAsync(HttpMethod.Put, $"/users/{bob}/fields/points", new { value = -3.0 });
        await api.OkAsync(HttpMethod.Put, $"/users/{dee}", new
        {
            customFields = new object[]
            {
                new { fieldIdorName = "nickname", value = (object)"Dee Dee" }, new { fieldIdorName = "points", value = (object)7 },
                new { fieldIdorName = "colors", value = (object)new[] { "Yellow", "Green" } }, new { fieldIdorName = "birthday", value = (object)"2002-01-01" },
            },
        });
        await AssertCopiesEqualRowsAsync(api, "values set");
        await api.OkAsync(HttpMethod.Delete, $"/users/{ann}/fields/birthday");
        await api.OkAsync(HttpMethod.Put, $"/users/{ann}/fields/nickname", new { value = "" });
        await api.OkAsync(HttpMethod.Put, $"/users/{bob}/fields/subscribed", new { value = (object?)null });
        await api.OkAsync(HttpMethod.Put, $"/users/{dee}", new
        {
            customFields = new object[] { new { fieldIdorName = "colors", value = (object)Array.Empty<string>() }, new { fieldIdorName = "points", value = (object?)null } },
        });
        await AssertCopiesEqualRowsAsync(api, "values cleared");

        await api.OkAsync(HttpMethod.Post, $"/users/{ann}/roles", new { add = new[] { "Mod" }, remove = new[] { "Admin" } });
        await api.OkAsync(HttpMethod.Post, $"/users/{bob}/roles", new { set = new[] { "Admin", "Member", "Doomed" } });
        await api.OkAsync(HttpMethod.Post, $"/users/{cid}/tags", new { add = new[] { "Beta", "Newsletter" } });
        await api.OkAsync(HttpMethod.Post, $"/users/{dee}/tags", new { set = Array.Empty<string>() });
        await api.OkAsync(HttpMethod.Post, $"/users/{dee}/roles", new { remove = new[] { "Mod" }, add = new[] { "Doomed" } });
        await AssertCopiesEqualRowsAsync(api, "roles and tags added, removed and set");

        // Rows the database removes or rewrites itself: cascades from a field and a role, unique keys filled in.
        await api.OkAsync(HttpMethod.Put, "/user-fields/nickname", new { name = "Nickname", type = "text", isUnique = true });
        await api.OkAsync(HttpMethod.Delete, "/user-fields/doomed");
        await api.OkAsync(HttpMethod.Delete, $"/roles/{doomedRole}");
        await AssertCopiesEqualRowsAsync(api, "a held field and a held role deleted");

        await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "ban", user = bob, reason = "spam" });
        await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "delete", user = bob, reason = "left" });
        await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "restore", user = bob });
        await api.OkAsync(HttpMethod.Delete, $"/users/{dee}?reason=left");
        await AssertCopiesEqualRowsAsync(api, "banned, deleted and restored");

        // Imported past changes: the latest of a pair becomes the value, an earlier one is only history.
        await ImportAsync(api, $"/users/{cid}/field-histories",
            new { field = "points", newValue = (object)41, changedAt = "2024-01-01", reference = "p1" },
            new { field = "points", newValue = (object)42, changedAt = "2024-02-01", reference = "p2" },
            new { field = "tier", newValue = (object)"bronze", changedAt = "2024-03-01", reference = "t1" });
        await ImportAsync(api, $"/users/{ann}/field-histories", new { field = "tier", newValue = (object)"gold", changedAt = "2020-01-01", reference = "old" });
        await ImportAsync(api, "/user-field-histories", new { field = "birthday", newValue = (object)"1985-05-05", changedAt = "2024-06-01", reference = "b1", email = "bob@example.com" });
        await api.OkAsync(HttpMethod.Post, "/webhooks/incoming/user-fields",
            new { email = "ann@example.com", fields = new Dictionary<string, object?> { ["tier"] = "Gold", ["colors"] = new[] { "Green" }, ["subscribed"] = null } });
        await AssertCopiesEqualRowsAsync(api, "history imported and webhook applied");

        // The bulk rows of a users job: a row refused after its values were written rolls them back with the copies.
        var results = await ApplyUserRowsAsync(api.CommunityId, ["email", "username", "roles", "tags", "points", "points_op", "tier", "colors", "subscribed"],
            ["eve@example.com", "eve", "Admin,Member", "Beta", "4", "", "Bronze", "Red,Green", "yes"],
            ["ann@example.com", "", "Member", "Newsletter", "5", "add", "", "Blue", "no"],
            ["cid@example.com", "", "Nope", "", "100", "", "Gold", "Yellow", ""],
            ["bob@example.com", "", "", "", "1", "subtract", "", "", ""]);
        Assert.Equal(["created", "updated", "failed", "updated"], results.Select(r => r.Status));
        await AssertCopiesEqualRowsAsync(api, "bulk user rows");
    }

    [Fact]
    public async Task Concurrent_writes_to_one_user_compose_in_its_copies_and_its_searches()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        for (var k = 0; k < 8; k++) await api.CreateFieldAsync(new { field = $"n{k}", name = $"N{k}", type = "number" });
        for (var k = 0; k < 4; k++) await api.CreateFieldAsync(new { field = $"t{k}", name = $"T{k}", type = "text" });
        await api.CreateFieldAsync(new { field = "keep", name = "Keep", type = "text" });
        await api.CreateFieldAsync(new { field = "flag", name = "Flag", type = "boolean" });
        await api.CreateFieldAsync(new { field = "day", name = "Day", type = "date" });
        await api.CreateFieldAsync(new { field = "pick", name = "Pick", type = "multi_select", options = new[] { "A", "B", "C" } });
        await api.CreateFieldAsync(new { field = "gone", name = "Gone", type = "text" });
        var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in Enumerable.Range(0, 10).Select(k => $"r{k}").Append("stay").Append("ex")) labels[role] = await api.CreateLabelAsync("roles", role);
        foreach (var tag in Enumerable.Range(0, 7).Select(k => $"g{k}").Append("pinned")) labels[tag] = await api.CreateLabelAsync("tags", tag);

        // The target is written to; the bystander holds what the target started with and is never touched.
        var members = new Dictionary<string, Held>(StringComparer.Ordinal);
        foreach (var name in new[] { "target", "bystander" })
        {
            var held = new Held(
                new Dictionary<string, object> { ["t2"] = "two", ["t3"] = "three", ["keep"] = "kept", ["n7"] = 70m, ["gone"] = "soon" },
                ["r6", "r7", "r8", "r9", "stay", "ex"], ["g4", "g5", "g6", "pinned"]);
            members[name] = held;
            var id = await CreateUserAsync(api, name, [.. held.Roles], [.. held.Tags], [.. held.Values.Select(v => (v.Key, v.Value))]);
            if (name == "target") held.Id = id;
        }

        var target = members["target"];
        (object Body, Func<Held, bool> Finds)[] searches =
        [
            (new { filter = Where("n0", 1), roles = new { any = new[] { "r0" } } }, m => m.Number("n0") == 1 && m.Roles.Contains("r0")),
            (new { filter = Where("n1", new { gte = 11 }), tags = new { all = new[] { "g2", "g3" } } }, m => m.Number("n1") >= 11 && m.Tags.IsSupersetOf(["g2", "g3"])),
            (new { filter = Where("n5", new { @in = new[] { 51, 52 } }), roles = new { any = new[] { "r5" } } }, m => m.Number("n5") is 51 or 52 && m.Roles.Contains("r5")),
            (new { filter = Where("t0", "ZERO"), roles = new { any = new[] { "stay" } } }, m => m.Text("t0") == "zero" && m.Roles.Contains("stay")),
            (new { filter = Where("t2", new { exists = false }), roles = new { any = new[] { "r6" } } }, m => !m.Values.ContainsKey("t2") && m.Roles.Contains("r6")),
            (new { filter = Where("t2", new { startsWith = "TWO" }), tags = new { any = new[] { "pinned" } } }, m => m.Text("t2")?.StartsWith("two", StringComparison.Ordinal) == true && m.Tags.Contains("pinned")),
            (new { filter = Where("pick", new { all = new[] { "A", "C" } }), tags = new { none = new[] { "g4" } } },
                m => m.Options("pick").IsSupersetOf(["A", "C"]) && !m.Tags.Contains("g4")),
            (new { filter = Where("pick", new[] { "B" }), roles = new { all = new[] { "r6", "r7" } } }, m => m.Options("pick").SetEquals(["B"]) && m.Roles.IsSupersetOf(["r6", "r7"])),
            (new { filter = Where("flag", true), roles = new { all = new[] { "r3", "r4", "r5", "stay" } } },
                m => m.Values.GetValueOrDefault("flag") is true && m.Roles.IsSupersetOf(["r3", "r4", "r5", "stay"])),
            (new { filter = Where("flag", new { ne = true }), tags = new { any = new[] { "pinned" } } }, m => m.Values.GetValueOrDefault("flag") is false && m.Tags.Contains("pinned")),
            (new { filter = Where("day", new { gte = "2021-01-01" }), tags = new { any = new[] { "g4", "g0" } } },
                m => m.Values.GetValueOrDefault("day") is string day && string.CompareOrdinal(day, "2021-01-01") >= 0 && m.Tags.Overlaps(["g4", "g0"])),
            (new { filter = Where("keep", "kept"), roles = new { none = new[] { "r9" } } }, m => m.Text("keep") == "kept" && !m.Roles.Contains("r9")),
            (new { filter = Where("n7", new { exists = true }), tags = new { any = new[] { "pinned" } } }, m => m.Values.ContainsKey("n7") && m.Tags.Contains("pinned")),
            (new { filter = Where("n4", new { lt = 100 }), roles = new { any = new[] { "r4" } } }, m => m.Number("n4") < 100 && m.Roles.Contains("r4")),
            (new { filter = Where("keep", new { contains = "EPT" }), roles = new { any = new[] { "r2", "r7" } } },
                m => m.Text("keep") == "kept" && m.Roles.Overlaps(["r2", "r7"])),
        ];

        async Task AssertSearchesFollowAsync(string step)
        {
            await AssertCopiesEqualRowsAsync(api, step);
            foreach (var (body, finds) in searches)
            {
                Assert.True(await ReadsFromCopiesAsync(api.CommunityId, body, labels), $"{step}: {JsonSerializer.Serialize(body)} is not read from the copies");
                var expected = members.Where(m => finds(m.Value)).Select(m => m.Key).Order(StringComparer.Ordinal).ToArray();
                var (found, total) = await SearchAsync(api, body);
                Assert.True(expected.SequenceEqual(found) && total == expected.Length,
                    $"{step}: {JsonSerializer.Serialize(body)} found [{string.Join(", ", found)}] (total {total}), expected [{string.Join(", ", expected)}]; target {target}");
            }
        }

        await AssertSearchesFollowAsync("before the writes");

        Write[] first =
        [
            .. Enumerable.Range(0, 7).Select(k => Write.Set(target, $"n{k}", 10m * k + 1)),
            Write.Set(target, "t0", "zero"), Write.Set(target, "t1", "one"), Write.Set(target, "flag", true), Write.Set(target, "day", "2020-02-02"),
            Write.Set(target, "pick", new[] { "A", "C" }), Write.Clear(target, "t2"), Write.Clear(target, "t3"), Write.Clear(target, "n7"),
            .. Enumerable.Range(0, 6).Select(k => Write.Label(target, "roles", $"r{k}", add: true)),
            .. Enumerable.Range(6, 4).Select(k => Write.Label(target, "roles", $"r{k}", add: false)),
            .. Enumerable.Range(0, 4).Select(k => Write.Label(target, "tags", $"g{k}", add: true)),
            .. Enumerable.Range(4, 3).Select(k => Write.Label(target, "tags", $"g{k}", add: false)),
            // Cascades over every holder, which take no user's lock: their triggers wait on the target's row like the writes.
            Write.DeleteField(members.Values, "gone"), Write.DeleteLabel(members.Values, "roles", "ex", labels["ex"]),
        ];
        await WriteConcurrentlyAsync(api, first);
        await AssertSearchesFollowAsync($"after {first.Length} concurrent writes");

        Write[] second =
        [
            .. Enumerable.Range(0, 4).Select(k => Write.Set(target, $"n{k}", 100m + k)),
            .. Enumerable.Range(4, 3).Select(k => Write.Clear(target, $"n{k}")),
            Write.Set(target, "t2", "two again"), Write.Clear(target, "t0"), Write.Set(target, "flag", false), Write.Set(target, "pick", new[] { "B" }),
            Write.Set(target, "day", "2021-03-03"), Write.Set(target, "n7", 7),
            .. Enumerable.Range(0, 3).Select(k => Write.Label(target, "roles", $"r{k}", add: false)),
            .. Enumerable.Range(6, 2).Select(k => Write.Label(target, "roles", $"r{k}", add: true)),
            Write.Label(target, "tags", "g4", add: true), Write.Label(target, "tags", "g0", add: false), Write.Label(target, "tags", "g1", add: false),
        ];
        await WriteConcurrentlyAsync(api, second);
        await AssertSearchesFollowAsync($"after {second.Length} more concurrent writes");
    }

    [Fact]
    public async Task Transactions_queued_on_one_users_row_in_their_triggers_apply_their_changes_to_the_copy_committed_before_them()
    {
        // Below the API's per-user lock: each transaction writes the rows directly, and all but the first wait in their trigger
        // for the user's row, so each must re-apply its own change to the copy the one before it committed.
        var api = await MemberClient.BootstrapAsync(_http);
        var numbers = new List<string>();
        for (var k = 0; k < 8; k++) numbers.Add(await api.CreateFieldAsync(new { field = $"n{k}", name = $"N{k}", type = "number" }));
        var roles = new List<string>();
        for (var k = 0; k < 4; k++) roles.Add(await api.CreateLabelAsync("roles", $"q{k}"));
        var user = await CreateUserAsync(api, "target", ["q0", "q1"], [], ("n6", 6), ("n7", 7));
        await CreateUserAsync(api, "bystander", ["q0"], [], ("n6", 6), ("n7", 7));

        const string SetNumber = """
            INSERT INTO user_field_values (user_id, field_id, community_id, value, number_value, user_live, changed_at)
            VALUES (@u, @f, @c, to_jsonb(@n), @n, true, now())
            ON CONFLICT (user_id, field_id) DO UPDATE SET value = excluded.value, number_value = excluded.number_value
            """;
        const string ClearValue = "DELETE FROM user_field_values WHERE user_id = @u AND field_id = @f";
        const string AddLabel = "INSERT INTO user_labels (user_id, label_id, community_id, kind) VALUES (@u, @f, @c, 'role')";
        const string RemoveLabel = "DELETE FROM user_labels WHERE user_id = @u AND label_id = @f";
        (string Sql, string Id, decimal Number)[] queued =
        [
            .. Enumerable.Range(1, 5).Select(k => (SetNumber, numbers[k], 10m * k)),
            (SetNumber, numbers[6], 60m), (ClearValue, numbers[7], 0m), (AddLabel, roles[2], 0m), (AddLabel, roles[3], 0m), (RemoveLabel, roles[0], 0m),
        ];

        await using var first = await OpenAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await ExecuteAsync(first, SetNumber, ("u", user), ("f", numbers[0]), ("c", api.CommunityId), ("n", 1m));
        var writes = queued.Select(w => Task.Run(async () =>
        {
            await using var connection = await OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, w.Sql, ("u", user), ("f", w.Id), ("c", api.CommunityId), ("n", w.Number));
            await transaction.CommitAsync();
        })).ToList();
        // Each waits for the user's row (one that does not wait has nothing to compose, and is counted once done).
        await Eventually.Until(async () => await WaitingOnLocksAsync(first) + writes.Count(w => w.IsCompleted), n => n == queued.Length,
            TimeSpan.FromSeconds(30), "every queued transaction waiting for the user's row");
        await firstTransaction.CommitAsync();
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(60));

        await AssertCopiesEqualRowsAsync(api, "queued transactions committed");
        await using var command = new NpgsqlCommand("SELECT search_values::text, label_ids::text[] FROM users WHERE id = @u", first);
        command.Parameters.AddWithValue("u", user);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var values = JsonDocument.Parse(reader.GetString(0)).RootElement;
        Assert.Equal(numbers.Take(7).Order(StringComparer.Ordinal), values.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal([1m, 10m, 20m, 30m, 40m, 50m, 60m], numbers.Take(7).Select(id => values.GetProperty(id).GetDecimal()));
        Assert.Equal(roles.Skip(1).Order(StringComparer.Ordinal), reader.GetFieldValue<string[]>(1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Searches_read_from_the_copies_find_what_the_values_say_for_every_operator()
    {
        var api = await MemberClient.BootstrapAsync(_http);
        await CreateFieldsOfEveryTypeAsync(api);
        var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in new[] { "Member", "Admin", "Mod" }) labels[role] = await api.CreateLabelAsync("roles", role);
        foreach (var tag in new[] { "Beta", "Newsletter" }) labels[tag] = await api.CreateLabelAsync("tags", tag);
        var seeded = Enumerable.Range(0, 30).Select(Seeded).ToList();
        foreach (var member in seeded)
        {
            var id = await CreateUserAsync(api, member.Username, member.Roles, member.Tags, [.. member.Values()]);
            if (member.Status == "banned") await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "ban", user = id, reason = "spam" });
            if (member.Status == "deleted") await api.OkAsync(HttpMethod.Post, "/users/manage", new { action = "delete", user = id, reason = "left" });
        }

        var asMember = new { any = new[] { "Member" } };
        var day = Seeded(1).Birthday!.Value;
        (object Body, Func<Member, bool> Matches)[] searches =
        [
            (new { filter = Where("nickname", "ALPHA-0"), roles = asMember }, m => m.Live && m.IsMember && Same(m.Nickname, "alpha-0")),
            (new { filter = Where("nickname", new { @in = new[] { "beta-1", "DELTA-2" } }), roles = asMember }, m => m.Live && m.IsMember && (Same(m.Nickname, "Beta-1") || Same(m.Nickname, "Delta-2"))),
            (new { filter = Where("nickname", new { ne = "alpha-0" }), roles = asMember }, m => m.Live && m.IsMember && m.Nickname is not null && !Same(m.Nickname, "alpha-0")),
            (new { filter = Where("nickname", new { contains = "PHA" }), roles = asMember }, m => m.Live && m.IsMember && Upper(m.Nickname).Contains("PHA", StringComparison.Ordinal)),
            (new { filter = Where("nickname", new { startsWith = "bet" }), roles = asMember }, m => m.Live && m.IsMember && Upper(m.Nickname).StartsWith("BET", StringComparison.Ordinal)),
            (new { filter = Where("nickname", new { exists = false }), roles = asMember }, m => m.Live && m.IsMember && m.Nickname is null),
            (new { filter = Where("tier", "gold"), roles = asMember }, m => m.Live && m.IsMember && m.Tier == "Gold"),
            (new { filter = Where("tier", new { @in = new[] { "silver", "Bronze" } }), roles = asMember }, m => m.Live && m.IsMember && m.Tier is "Silver" or "Bronze"),
            (new { filter = Where("tier", new { ne = "Silver" }), roles = asMember }, m => m.Live && m.IsMember && m.Tier is not null and not "Silver"),
            (new { filter = Where("tier", new { exists = false }), roles = asMember }, m => m.Live && m.IsMember && m.Tier is null),
            (new { filter = Where("points", 2), roles = asMember }, m => m.Live && m.IsMember && m.Points == 2),
            (new { filter = Where("points", new { gt = 5 }), roles = asMember }, m => m.Live && m.IsMember && m.Points > 5),
            (new { filter = Where("points", new { gte = 5 }), roles = asMember }, m => m.Live && m.IsMember && m.Points >= 5),
            (new { filter = Where("points", new { lt = 0 }), roles = asMember }, m => m.Live && m.IsMember && m.Points < 0),
            (new { filter = Where("points", new { lte = 2 }), roles = asMember }, m => m.Live && m.IsMember && m.Points <= 2),
            (new { filter = Where("points", new { gte = -2, lt = 10 }), roles = asMember }, m => m.Live && m.IsMember && m.Points >= -2 && m.Points < 10),
            (new { filter = Where("points", new { ne = 2 }), roles = asMember }, m => m.Live && m.IsMember && m.Points is { } p && p != 2),
            (new { filter = Where("points", new { @in = new[] { 2m, 7m, -4.5m } }), roles = asMember }, m => m.Live && m.IsMember && m.Points is 2 or 7 or -4.5m),
            (new { filter = Where("points", new { exists = true }), roles = asMember }, m => m.Live && m.IsMember && m.Points is not null),
            (new { filter = Where("birthday", Iso(day)), roles = asMember }, m => m.Live && m.IsMember && m.Birthday == day),
            (new { filter = Where("birthday", new { gt = "1998-01-01" }), roles = asMember }, m => m.Live && m.IsMember && m.Birthday > new DateOnly(1998, 1, 1)),
            (new { filter = Where("birthday", new { gte = Iso(day) }), roles = asMember }, m => m.Live && m.IsMember && m.Birthday >= day),
            (new { filter = Where("birthday", new { lt = "1995-06-30" }), roles = asMember }, m => m.Live && m.IsMember && m.Birthday < new DateOnly(1995, 6, 30)),
            (new { filter = Where("birthday", new { lte = Iso(day) }), roles = asMember }, m => m.Live && m.IsMember && m.Birthday <= day),
            (new { filter = Where("birthday", new { ne = Iso(day) }), roles = asMember }, m => m.Live && m.IsMember && m.Birthday is { } b && b != day),
            (new { filter = Where("birthday", new { exists = true }), roles = asMember }, m => m.Live && m.IsMember && m.Birthday is not null),
            (new { filter = Where("colors", new[] { "Red", "Blue" }), roles = asMember }, m => m.Live && m.IsMember && m.Colors?.Order().SequenceEqual(["Blue", "Red"]) == true),
            (new { filter = Where("colors", new[] { "red" }), roles = asMember }, m => m.Live && m.IsMember && m.Colors?.SequenceEqual(["Red"]) == true),
            (new { filter = Where("colors", new { @in = new[] { "Red", "Yellow" } }), roles = asMember }, m => m.Live && m.IsMember && m.Colors?.Intersect(["Red", "Yellow"]).Any() == true),
            (new { filter = Where("colors", new { all = new[] { "Green", "Blue" } }), roles = asMember }, m => m.Live && m.IsMember && m.Colors is { } c && c.Contains("Green") && c.Contains("Blue")),
            (new { filter = Where("colors", new { contains = "Red" }), roles = asMember }, m => m.Live && m.IsMember && m.Colors?.Contains("Red") == true),
            (new { filter = Where("colors", new { exists = false }), roles = asMember }, m => m.Live && m.IsMember && m.Colors is null),
            (new { filter = Where("subscribed", true), roles = asMember }, m => m.Live && m.IsMember && m.Subscribed == true),
            (new { filter = Where("subscribed", false), roles = asMember }, m => m.Live && m.IsMember && m.Subscribed == false),
            (new { filter = Where("subscribed", new { ne = true }), roles = asMember }, m => m.Live && m.IsMember && m.Subscribed == false),
            (new { filter = Where("subscribed", new { exists = true }), roles = asMember }, m => m.Live && m.IsMember && m.Subscribed is not null),
            (new { filter = Where("tier", "Gold"), tags = new { none = new[] { "Beta" } } }, m => m.Live && m.Tier == "Gold" && !m.Tags.Contains("Beta")),
            (new { filter = Where("points", new { gte = 0 }), roles = new { all = new[] { "Member", "Admin" } } }, m => m.Live && m.Points >= 0 && m.Roles.Contains("Member") && m.Roles.Contains("Admin")),
            (new { filter = Where("colors", new { contains = "Green" }), tags = new { any = new[] { "Newsletter" } } }, m => m.Live && m.Colors?.Contains("Green") == true && m.Tags.Contains("Newsletter")),
            (new { filter = new Dictionary<string, object> { ["tier"] = "gold", ["points"] = new { gte = 0 } } }, m => m.Live && m.Tier == "Gold" && m.Points >= 0),
            (new { filter = Where("tier", new { @in = new[] { "Gold", "Silver" } }), search = "u1" },
                m => m.Live && m.Tier is "Gold" or "Silver" && $"{m.Username}@example.com".Contains("u1", StringComparison.Ordinal)),
            (new { filter = Where("tier", "gold"), roles = asMember, status = EveryStatus }, m => m.IsMember && m.Tier == "Gold"),
            (new { filter = Where("subscribed", new { exists = true }), roles = asMember, status = "deleted" }, m => m.Status == "deleted" && m.IsMember && m.Subscribed is not null),
            (new { filter = Where("points", new { gt = 10 }), tags = new { any = new[] { "Beta" } }, status = "banned" }, m => m.Status == "banned" && m.Points > 10 && m.Tags.Contains("Beta")),
        ];
        foreach (var (body, matches) in searches)
        {
            var expected = seeded.Where(matches).Select(m => m.Username).ToArray();
            Assert.True(expected.Length > 0, $"{JsonSerializer.Serialize(body)} matches no seeded user: it would prove nothing");
            Assert.True(await ReadsFromCopiesAsync(api.CommunityId, body, labels), $"{JsonSerializer.Serialize(body)} is not read from the copies");
            var (found, total) = await SearchAsync(api, body);
            Assert.True(expected.SequenceEqual(found) && total == expected.Length,
                $"{JsonSerializer.Serialize(body)}: found [{string.Join(", ", found)}] (total {total}), expected [{string.Join(", ", expected)}]");
        }

        // The page walked in sort order over the copies (never paging from ids) is the page read from the ids the count found.
        await using var walking = factory.WithWebHostBuilder(builder => builder.UseSetting("UserSearch:PageFromIdsUpTo", "0"));
        var walker = api.Through(walking.CreateClient());
        object[] sorted =
        [
            new { filter = Where("tier", "gold"), roles = asMember, sort = new { by = "points", order = "asc" } },
            new { filter = Where("points", new { gte = 0 }), roles = asMember, sort = new { by = "points", order = "desc" } },
            new { filter = Where("colors", new { @in = new[] { "Red", "Blue" } }), tags = new { any = new[] { "Beta" } }, sort = new { by = "username", order = "asc" } },
            new { filter = Where("tier", new { @in = new[] { "Gold", "Bronze" } }), roles = asMember, status = EveryStatus, sort = new { by = "birthday" } },
            new { filter = Where("subscribed", true), search = "u", sort = new { by = "nickname", order = "asc" } },
        ];
        foreach (var body in sorted)
        {
            Assert.True(await ReadsFromCopiesAsync(api.CommunityId, body, labels), $"{JsonSerializer.Serialize(body)} is not read from the copies");
            var (fromIds, total) = await PageAsync(api, body);
            var (walked, walkedTotal) = await PageAsync(walker, body);
            Assert.True(fromIds.Length > 0, JsonSerializer.Serialize(body));
            Assert.True(walked.SequenceEqual(fromIds) && walkedTotal == total,
                $"{JsonSerializer.Serialize(body)}: walked [{string.Join(", ", walked)}] ({walkedTotal}), from ids [{string.Join(", ", fromIds)}] ({total})");
        }
    }

    /// <summary>Fails, naming each user whose copies differ from its rows, unless every user of the community's copies equal them.</summary>
    private async Task AssertCopiesEqualRowsAsync(MemberClient api, string step)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(CopiesBesideRows, connection);
        command.Parameters.AddWithValue("c", api.CommunityId);
        await using var reader = await command.ExecuteReaderAsync();
        var (users, differing) = (0, new List<string>());
        while (await reader.ReadAsync())
        {
            users++;
            if (!reader.GetBoolean(5))
            {
                differing.Add($"{reader.GetString(0)}: search_values {reader.GetString(1)} against {reader.GetString(2)}, label_ids {reader.GetString(3)} against {reader.GetString(4)}");
            }
        }

        Assert.True(users > 0, $"{step}: the community has no users");
        Assert.True(differing.Count == 0, $"{step}: copies differ from their rows:\n{string.Join("\n", differing)}");
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(factory.Database));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>How many other sessions of this database wait for a lock.</summary>
    private static async Task<long> WaitingOnLocksAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Whether the service reads <paramref name="body"/> from the copies (as it builds the query itself), so that a search meant to prove them does.</summary>
    private async Task<bool> ReadsFromCopiesAsync(string communityId, object body, Dictionary<string, string> labelIds)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var fields = await UserFields.AllAsync(db, communityId, CancellationToken.None);
        var errors = new List<ErrorItem>();
        var request = UserSearchReader.Read(JsonSerializer.SerializeToElement(body), [.. fields.Select(UserFields.Known)], errors);
        Assert.True(request is not null, string.Join(", ", errors.Select(e => e.Message)));
        LabelIds Ids(LabelFilter? filter) => filter is null
            ? LabelIds.Empty
            : new LabelIds([.. filter.Any.Select(n => labelIds[n])], [.. filter.All.Select(n => labelIds[n])], [.. filter.None.Select(n => labelIds[n])]);
        return new UserSearchQuery(communityId, request, Ids(request.Roles), Ids(request.Tags)).UsesDocuments;
    }

    private static async Task CreateFieldsOfEveryTypeAsync(MemberClient api)
    {
        await api.CreateFieldAsync(new { field = "nickname", name = "Nickname", type = "text" });
        await api.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = Tiers });
        await api.CreateFieldAsync(new { field = "colors", name = "Colors", type = "multi_select", options = Colors });
        await api.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        await api.CreateFieldAsync(new { field = "birthday", name = "Birthday", type = "date" });
        await api.CreateFieldAsync(new { field = "subscribed", name = "Subscribed", type = "boolean" });
    }

    private static async Task<string> CreateUserAsync(MemberClient api, string username, string[] roles, string[] tags, params (string Field, object Value)[] values)
    {
        var customFields = values.Select(v => new { fieldIdorName = v.Field, value = v.Value }).ToArray();
        var user = await api.CreateUserAsync(new { username, email = $"{username}@example.com", customFields, roles, tags });
        return user.GetProperty("_id").GetString()!;
    }

    private static async Task ImportAsync(MemberClient api, string path, params object[] items)
    {
        var (status, json) = await api.SendAsync(HttpMethod.Post, path, items);
        Assert.True(status == HttpStatusCode.Created, $"POST {path}: {(int)status} {json}");
    }

    /// <summary>A chunk of a users job as Community's consumer applies it, each row in its own transaction (as <c>BulkUserRowsIntegrationTests</c> sends it).</summary>
    private async Task<IReadOnlyList<JobRowResult>> ApplyUserRowsAsync(string communityId, string[] header, params string[][] rows)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var chunk = new ApplyUserRows(ObjectIds.New(), communityId, null, header, [.. rows.Select((cells, i) => new CsvRowCells(i + 2, cells))]);
        return (await UserRowImport.ApplyChunkAsync(db, chunk, CancellationToken.None)).Results;
    }

    /// <summary>Sends every write at once; each must succeed (writes to one user are serialized, never refused), then each is applied to the model.</summary>
    private static async Task WriteConcurrentlyAsync(MemberClient api, IReadOnlyList<Write> writes)
    {
        var answers = await Task.WhenAll(writes.Select(w => api.SendAsync(w.Method, w.Path, w.Body)));
        var refused = writes.Zip(answers).Where(p => p.Second.Status != HttpStatusCode.OK).Select(p => $"{p.First.Method} {p.First.Path}: {(int)p.Second.Status} {p.Second.Body}");
        Assert.Empty(refused);
        foreach (var write in writes) write.Apply();
    }

    /// <summary>The usernames found, in order, and <c>meta.total</c>.</summary>
    private static async Task<(string[] Usernames, int Total)> SearchAsync(MemberClient api, object body)
    {
        var (status, json) = await api.SendAsync(HttpMethod.Post, "/users/search", body);
        Assert.True(status == HttpStatusCode.OK, $"{JsonSerializer.Serialize(body)}: {(int)status} {json}");
        return ([.. json.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("username").GetString()!).Order(StringComparer.Ordinal)],
            json.GetProperty("meta").GetProperty("total").GetInt32());
    }

    private static async Task<(string[] Ids, int Total)> PageAsync(MemberClient api, object body)
    {
        var (status, json) = await api.SendAsync(HttpMethod.Post, "/users/search", body);
        Assert.True(status == HttpStatusCode.OK, $"{JsonSerializer.Serialize(body)}: {(int)status} {json}");
        return ([.. json.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("_id").GetString()!)], json.GetProperty("meta").GetProperty("total").GetInt32());
    }

    private static Dictionary<string, object> Where(string field, object condition) => new() { [field] = condition };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Upper(string? text) => text?.ToUpperInvariant() ?? "";

    private static bool Same(string? text, string operand) => text is not null && Upper(text) == Upper(operand);

    /// <summary>
    /// User <paramref name="i"/> of the operators' community: every type set or missing on its own cycle, mixed-case text,
    /// negative and fractional numbers, some users banned or deleted.
    /// </summary>
    private static Member Seeded(int i) => new(
        Username: $"u{i:00}",
        Status: i % 10 == 7 ? "deleted" : i % 9 == 4 ? "banned" : "active",
        Nickname: i % 5 == 4 ? null : $"{Words[i % 6]}-{i % 4}",
        Tier: i % 7 == 5 ? null : Tiers[i % 3],
        Colors: i % 6 == 0 ? null : [.. Colors.Where((_, bit) => (((i * 7) % 15 + 1) & (1 << bit)) != 0)],
        Points: i % 8 == 3 ? null : (i * 7) % 23 - 5 + (i % 3 == 0 ? 0.5m : 0m),
        Birthday: i % 4 == 2 ? null : new DateOnly(1990, 1, 1).AddDays(i * 211),
        Subscribed: i % 5 == 1 ? null : i % 2 == 0,
        Roles: [.. new[] { i % 3 != 2 ? "Member" : null, i % 4 == 0 ? "Admin" : null, i % 5 is 1 or 2 ? "Mod" : null }.OfType<string>()],
        Tags: [.. new[] { i % 2 == 1 ? "Beta" : null, i % 3 == 0 ? "Newsletter" : null }.OfType<string>()]);

    private sealed record Member(string Username, string Status, string? Nickname, string? Tier, string[]? Colors, decimal? Points, DateOnly? Birthday,
        bool? Subscribed, string[] Roles, string[] Tags)
    {
        public bool Live => Status != "deleted";

        public bool IsMember => Roles.Contains("Member");

        public IEnumerable<(string Field, object Value)> Values()
        {
            if (Nickname is not null) yield return ("nickname", Nickname);
            if (Tier is not null) yield return ("tier", Tier.ToLowerInvariant());
            if (Colors is not null) yield return ("colors", Colors);
            if (Points is not null) yield return ("points", Points.Value);
            if (Birthday is not null) yield return ("birthday", Iso(Birthday.Value));
            if (Subscribed is not null) yield return ("subscribed", Subscribed.Value);
        }
    }

    /// <summary>What a user of the concurrency test holds, as the API was asked to leave it.</summary>
    private sealed class Held(Dictionary<string, object> values, IEnumerable<string> roles, IEnumerable<string> tags)
    {
        public string Id { get; set; } = "";

        public Dictionary<string, object> Values { get; } = values;

        public HashSet<string> Roles { get; } = [.. roles];

        public HashSet<string> Tags { get; } = [.. tags];

        public decimal? Number(string field) => Values.GetValueOrDefault(field) as decimal?;

        public string? Text(string field) => Values.GetValueOrDefault(field) as string;

        public HashSet<string> Options(string field) => [.. Values.GetValueOrDefault(field) as string[] ?? []];

        public override string ToString() =>
            $"{{{string.Join(", ", Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}: {JsonSerializer.Serialize(v.Value)}"))}}}"
            + $" roles [{string.Join(", ", Roles.Order(StringComparer.Ordinal))}] tags [{string.Join(", ", Tags.Order(StringComparer.Ordinal))}]";
    }

    /// <summary>One request of a concurrent burst and what it does to the model once it succeeded.</summary>
    private sealed record Write(HttpMethod Method, string Path, object? Body, Action Apply)
    {
        public static Write Set(Held user, string field, object value) => new(HttpMethod.Put, $"/users/{user.Id}/fields/{field}", new { value },
            () => user.Values[field] = value is int number ? (decimal)number : value);

        public static Write Clear(Held user, string field) => new(HttpMethod.Delete, $"/users/{user.Id}/fields/{field}", null, () => user.Values.Remove(field));

        public static Write DeleteField(IEnumerable<Held> holders, string field) => new(HttpMethod.Delete, $"/user-fields/{field}", null, () =>
        {
            foreach (var user in holders) user.Values.Remove(field);
        });

        public static Write DeleteLabel(IEnumerable<Held> holders, string kind, string name, string id) => new(HttpMethod.Delete, $"/{kind}/{id}", null, () =>
        {
            foreach (var user in holders) (kind == "roles" ? user.Roles : user.Tags).Remove(name);
        });

        public static Write Label(Held user, string kind, string name, bool add) => new(HttpMethod.Post, $"/users/{user.Id}/{kind}",
            add ? new { add = new[] { name } } : (object)new { remove = new[] { name } },
            () =>
            {
                var held = kind == "roles" ? user.Roles : user.Tags;
                if (add) held.Add(name);
                else held.Remove(name);
            });
    }
}
