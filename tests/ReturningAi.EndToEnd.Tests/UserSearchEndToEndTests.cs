using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// The user search (users.md U4, U10.7) over 520 users with custom values, roles, tags and statuses:
/// each search equals an evaluation of the same conditions in memory, and its pages, read by page
/// number or by cursor, concatenate to exactly that result.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class UserSearchEndToEndTests(StackFixture stack)
{
    private const int Users = 520;
    private static readonly string[] Tiers = ["Gold", "Silver", "Bronze"];
    private static readonly string[] Games = ["Chess", "Go", "Poker", "Bridge"];
    private static readonly string?[] FirstNames = ["Ada", "Alan", "Grace", "Linus", "ada", null];

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed record Person(string Id, string Username, string Email, string? FirstName, string DisplayName, DateTimeOffset JoinedAt,
        string Status, HashSet<string> Roles, HashSet<string> Tags, string? Tier, decimal? Points, DateOnly? Birthday, bool? Vip,
        string[]? Games, string? Nick);

    private sealed record Case(string Name, object Body, Func<Person, bool> Matches, Func<Person, object?> SortKey, bool Descending);

    [Fact]
    public async Task Every_search_equals_an_evaluation_in_memory_and_its_pages_by_number_or_cursor_concatenate_to_it()
    {
        var members = await MemberRequests.StartAsync(stack.Api, keys: 10);
        var people = await SeedAsync(members);
        var active = new[] { "active", "banned" };

        Case[] cases =
        [
            new("default: live users, newest joined first", new { }, p => active.Contains(p.Status), p => p.JoinedAt, true),
            new("select in, number range, sorted by number ascending",
                new { filter = new Dictionary<string, object> { ["tier"] = new { @in = new[] { "gold", "SILVER" } }, ["points"] = new { gte = 100 } }, sort = new { by = "points", order = "asc" } },
                p => active.Contains(p.Status) && p.Tier is "Gold" or "Silver" && p.Points >= 100, p => p.Points, false),
            new("search text, any role, no tag, sorted by username",
                new { search = "U1", roles = new { any = new[] { "vip" } }, tags = new { none = new[] { "Beta" } }, sort = new { by = "username", order = "asc" } },
                p => active.Contains(p.Status) && Haystack(p).Contains("u1", StringComparison.Ordinal) && p.Roles.Contains("VIP") && !p.Tags.Contains("Beta"),
                p => p.Username.ToUpperInvariant(), false),
            new("all options, boolean, date, every status, sorted by date",
                new { filter = new Dictionary<string, object> { ["games"] = new { all = new[] { "Chess", "go" } }, ["vip"] = true, ["birthday"] = new { lte = "2000-06-30" } },
                      status = new[] { "active", "banned", "deleted" }, sort = new { by = "birthday" } },
                p => p.Games is { } g && g.Contains("Chess") && g.Contains("Go") && p.Vip == true && p.Birthday <= new DateOnly(2000, 6, 30),
                p => p.Birthday, true),
            new("exact text any case, a joined range by days, text prefix, sorted by first name",
                new { filter = new Dictionary<string, object> { ["first_name"] = "ADA", ["join_date"] = new { gte = "2025-01-01", lte = "2025-06-30" }, ["nick"] = new { startsWith = "x" } },
                      sort = new { by = "first_name" } },
                p => active.Contains(p.Status) && string.Equals(p.FirstName, "ada", StringComparison.OrdinalIgnoreCase)
                     && p.JoinedAt >= new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) && p.JoinedAt < new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero)
                     && p.Nick?.StartsWith('X') == true,
                p => p.FirstName?.ToUpperInvariant(), true),
            new("not equal, contains, missing, banned only, sorted by tier",
                new { filter = new Dictionary<string, object> { ["points"] = new { ne = 50 }, ["nick"] = new { contains = "q" }, ["birthday"] = new { exists = false } },
                      status = "banned", sort = new { by = "tier", order = "asc" } },
                p => p.Status == "banned" && p.Points is { } pts && pts != 50 && p.Nick?.Contains('Q') == true && p.Birthday is null,
                p => p.Tier?.ToUpperInvariant(), false),
            new("an option held, a value missing, every role of two, sorted by join date ascending",
                new { filter = new Dictionary<string, object> { ["games"] = new { contains = "poker" }, ["points"] = new { exists = false } },
                      roles = new { all = new[] { "VIP", "Staff" } }, sort = new { by = "join_date", order = "asc" } },
                p => active.Contains(p.Status) && p.Games?.Contains("Poker") == true && p.Points is null && p.Roles.Contains("VIP") && p.Roles.Contains("Staff"),
                p => p.JoinedAt, false),
        ];

        foreach (var search in cases)
        {
            var expected = Order(people.Where(search.Matches), search.SortKey, search.Descending).Select(p => p.Id).ToList();
            var (byPage, total) = await ReadAllAsync(members, search.Body, byCursor: false);
            var (byCursor, _) = await ReadAllAsync(members, search.Body, byCursor: true);
            Assert.True(expected.Count > 0 || search.Name.Contains("banned", StringComparison.Ordinal), $"{search.Name}: the data should match something.");
            Assert.True(expected.SequenceEqual(byPage), $"{search.Name}: by page {string.Join(",", byPage.Take(5))}… ≠ {string.Join(",", expected.Take(5))}…");
            Assert.True(expected.SequenceEqual(byCursor), $"{search.Name}: by cursor differs.");
            Assert.Equal(expected.Count, total);
        }

        // The first case spans three pages of 200.
        Assert.True(people.Count(p => active.Contains(p.Status)) > 400);
    }

    [Fact]
    public async Task Projections_and_refusals_of_the_search()
    {
        var members = await MemberRequests.StartAsync(stack.Api);
        await members.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = Tiers });
        await members.CreateUserAsync(new { username = "proj", email = "proj@example.com", firstname = "Ada", customFields = new[] { new { fieldIdorName = "tier", value = "gold" } } });

        var projected = await members.OkAsync(HttpMethod.Post, "/users/search", new { fields = new[] { "email", "first_name", "join_date", "tier", "last_login" } });
        Assert.Equal(["_id", "email", "first_name", "join_date", "tier", "last_login"], projected[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("proj@example.com", "Gold"), (projected[0].GetProperty("email").GetString(), projected[0].GetProperty("tier").GetString()));

        var page = await members.SendAsync(HttpMethod.Post, "/users/search", new { });
        var meta = page.Json.GetProperty("meta");
        Assert.Equal((1, 200, 1, 1), (meta.GetProperty("page").GetInt32(), meta.GetProperty("limit").GetInt32(), meta.GetProperty("total").GetInt32(), meta.GetProperty("totalPages").GetInt32()));
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("nextCursor").ValueKind);

        Assert.Equal([("unknown_field", "fields[0]"), ("unknown_field", "filter.age"), ("invalid_operator", "filter.tier"), ("invalid_field_value", "filter.join_date"),
                ("conflicting_pagination", "cursor")],
            await members.RefusedAsync(HttpMethod.Post, "/users/search", new
            {
                fields = new[] { "age" }, filter = new Dictionary<string, object> { ["age"] = 3, ["tier"] = new { gte = "Gold" }, ["join_date"] = new { gte = "soon" } },
                page = 2, cursor = "abc",
            }, HttpStatusCode.BadRequest));
        Assert.Equal([("unknown_role", "roles.any[0]")], await members.RefusedAsync(HttpMethod.Post, "/users/search", new { roles = new { any = new[] { "Nope" } } }, HttpStatusCode.BadRequest));
    }

    private static string Haystack(Person p) => $"{p.Username}\u0001{p.Email}\u0001{p.DisplayName}".ToLowerInvariant();

    /// <summary>The contract's order: the key (missing last, either way), then the id in the same direction.</summary>
    private static IEnumerable<Person> Order(IEnumerable<Person> people, Func<Person, object?> key, bool descending)
    {
        var comparer = Comparer<object?>.Create((a, b) => (a, b) switch
        {
            (string x, string y) => string.CompareOrdinal(x, y),
            (IComparable x, _) => x.CompareTo(b),
            _ => 0,
        });
        var withValue = people.Where(p => key(p) is not null);
        var without = people.Where(p => key(p) is null);
        var sorted = descending
            ? withValue.OrderByDescending(key, comparer).ThenByDescending(p => p.Id, StringComparer.Ordinal)
            : withValue.OrderBy(key, comparer).ThenBy(p => p.Id, StringComparer.Ordinal);
        var missing = descending ? without.OrderByDescending(p => p.Id, StringComparer.Ordinal) : without.OrderBy(p => p.Id, StringComparer.Ordinal);
        return sorted.Concat(missing);
    }

    private static async Task<(List<string> Ids, int Total)> ReadAllAsync(MemberRequests members, object body, bool byCursor)
    {
        var ids = new List<string>();
        var request = JsonSerializer.SerializeToNode(body, Web)!.AsObject();
        var total = 0;
        for (var page = 1; page <= 10; page++)
        {
            var response = await members.SendAsync(HttpMethod.Post, "/users/search", request);
            Assert.True(response.Status == HttpStatusCode.OK, response.Body);
            var meta = response.Json.GetProperty("meta");
            Assert.Equal(page, meta.GetProperty("page").GetInt32());
            total = meta.GetProperty("total").GetInt32();
            ids.AddRange(response.Json.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("_id").GetString()!));
            var next = meta.GetProperty("nextCursor");
            if (next.ValueKind == JsonValueKind.Null) break;
            request.Remove("page");
            request.Remove("cursor");
            if (byCursor) request["cursor"] = next.GetString();
            else request["page"] = page + 1;
        }

        return (ids, total);
    }

    private static async Task<List<Person>> SeedAsync(MemberRequests members)
    {
        await members.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = Tiers });
        await members.CreateFieldAsync(new { field = "points", name = "Points", type = "number" });
        await members.CreateFieldAsync(new { field = "birthday", name = "Birthday", type = "date" });
        await members.CreateFieldAsync(new { field = "vip", name = "VIP", type = "boolean" });
        await members.CreateFieldAsync(new { field = "games", name = "Games", type = "multi_select", options = Games });
        await members.CreateFieldAsync(new { field = "nick", name = "Nick", type = "text" });
        foreach (var (kind, name) in new[] { ("roles", "VIP"), ("roles", "Staff"), ("tags", "News"), ("tags", "Beta") }) await members.CreateLabelAsync(kind, name);

        var random = new Random(20260601);
        var drafts = Enumerable.Range(0, Users).Select(i =>
        {
            string? Maybe(string value) => random.Next(10) < 7 ? value : null;
            var firstName = FirstNames[random.Next(FirstNames.Length)];
            var games = random.Next(10) < 7 ? Games.Where(_ => random.Next(2) == 0).ToArray() : null;
            return new
            {
                username = $"u{i:000}{(char)('a' + random.Next(26))}", email = $"member{i}@{(i % 2 == 0 ? "example.com" : "mail.test")}", firstname = firstName,
                joinedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(0, 700 * 86_400)),
                roles = new[] { "VIP", "Staff" }.Where(_ => random.Next(3) == 0).ToArray(),
                tags = new[] { "News", "Beta" }.Where(_ => random.Next(3) == 0).ToArray(),
                tier = Maybe(Tiers[random.Next(3)]),
                points = random.Next(10) < 7 ? (decimal?)(random.Next(0, 40) * 5 + (random.Next(4) == 0 ? 0.25m : 0)) : null,
                birthday = random.Next(10) < 7 ? (DateOnly?)new DateOnly(1960, 1, 1).AddDays(random.Next(0, 16_000)) : null,
                vip = random.Next(10) < 7 ? (bool?)(random.Next(2) == 0) : null,
                games = games is { Length: > 0 } ? games : null,
                nick = Maybe(new string(Enumerable.Range(0, 5).Select(_ => "XQZKAB"[random.Next(6)]).ToArray()) + (random.Next(2) == 0 ? "x" : "q")),
                status = i % 26 == 0 ? "deleted" : i % 17 == 0 ? "banned" : "active",
            };
        }).ToList();

        using var gate = new SemaphoreSlim(16);
        var people = await Task.WhenAll(drafts.Select(async d =>
        {
            await gate.WaitAsync();
            try
            {
                var customFields = new List<object>();
                if (d.tier is not null) customFields.Add(new { fieldIdorName = "tier", value = (object)d.tier.ToLowerInvariant() });
                if (d.points is not null) customFields.Add(new { fieldIdorName = "points", value = (object)d.points });
                if (d.birthday is not null) customFields.Add(new { fieldIdorName = "birthday", value = (object)d.birthday.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
                if (d.vip is not null) customFields.Add(new { fieldIdorName = "vip", value = (object)d.vip });
                if (d.games is not null) customFields.Add(new { fieldIdorName = "games", value = (object)d.games });
                if (d.nick is not null) customFields.Add(new { fieldIdorName = "nick", value = (object)d.nick });
                var id = await members.CreateUserAsync(new { d.username, d.email, d.firstname, d.joinedAt, d.roles, d.tags, customFields });
                if (d.status == "banned") await members.OkAsync(HttpMethod.Post, "/users/manage", new { action = "ban", user = id, reason = "test" });
                if (d.status == "deleted") await members.OkAsync(HttpMethod.Post, "/users/manage", new { action = "delete", user = id });
                return new Person(id, d.username, d.email, d.firstname, d.username, d.joinedAt, d.status, [.. d.roles], [.. d.tags], d.tier, d.points, d.birthday, d.vip,
                    d.games?.OrderBy(g => Array.IndexOf(Games, g)).ToArray(), d.nick);
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. people];
    }
}
