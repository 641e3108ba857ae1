using System.Text.Json;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// The events of users.md U9 as they reach the broker through Community's outbox: each once, each
/// with its community, a user's in version order, a field's and the community's versions growing.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class UserEventsEndToEndTests(StackFixture stack)
{
    private static readonly string[] Exchanges =
    [
        "COMMUNITY_EVENTS.USER_CREATED", "COMMUNITY_EVENTS.USER_JOINED", "COMMUNITY_EVENTS.USER_UPDATED",
        "COMMUNITY_EVENTS.USER_FIELD_CHANGED", "COMMUNITY_EVENTS.USER_FIELD_DEFINITION_CHANGED", "COMMUNITY_EVENTS.COMMUNITY_UPDATED",
    ];

    [Fact]
    public async Task Every_user_event_reaches_the_broker_once_with_its_community_and_version()
    {
        var members = await MemberRequests.StartAsync(stack.Api);
        var communityId = members.Community.CommunityId;
        await using var probe = await BrokerProbe.BindAsync(Exchanges);

        var fieldId = await members.CreateFieldAsync(new { field = "tier", name = "Tier", type = "select", options = new[] { "Gold", "Silver" } });
        var userId = await members.CreateUserAsync(new
        {
            username = "evented", email = "evented@example.com", customFields = new[] { new { fieldIdorName = "tier", value = "gold" } },
        });
        await members.OkAsync(HttpMethod.Post, "/users/manage", new { action = "ban", user = userId, reason = "Spam" });
        await members.OkAsync(HttpMethod.Put, $"/users/{userId}/fields/tier", new { value = "Silver", reference = "crm-1" });
        await members.OkAsync(HttpMethod.Put, "/community/theme", new { primary = "#123" });
        await members.OkAsync(HttpMethod.Put, "/user-fields/tier", new { name = "Level", type = "select" });
        await members.OkAsync(HttpMethod.Delete, $"/users/{userId}/fields/tier");
        await members.OkAsync(HttpMethod.Delete, "/user-fields/tier");

        static string Type(JsonElement envelope) => envelope.GetProperty("messageType").EnumerateArray()
            .Select(t => t.GetString()!.Split(':')[^1]).First(t => t != "UserSnapshotEvent");
        bool Mine(JsonElement envelope) => envelope.GetProperty("message").GetProperty("communityID").GetString() == communityId;
        await probe.WaitForAsync(r => r.Count(Mine) >= 9, TimeSpan.FromSeconds(30), "the community's nine events");
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for a duplicate to show, if one were sent
        var mine = (await probe.TakeAvailableAsync()).Where(Mine).ToList();

        Assert.Equal(mine.Count, mine.Select(e => e.GetProperty("messageId").GetString()).Distinct().Count());
        var byType = mine.GroupBy(Type).ToDictionary(g => g.Key, g => g.Select(e => e.GetProperty("message")).ToList());
        Assert.Equal(["CommunityUpdated:1", "UserCreated:1", "UserFieldChanged:2", "UserFieldDefinitionChanged:3", "UserJoined:1", "UserUpdated:1"],
            byType.Select(t => $"{t.Key}:{t.Value.Count}").Order(StringComparer.Ordinal));

        var joined = byType["UserJoined"].Single();
        Assert.Equal(("api", "Gold", 1L), (joined.GetProperty("source").GetString(), joined.GetProperty("customFields").GetProperty("tier").GetString(),
            joined.GetProperty("version").GetInt64()));
        Assert.Equal(1L, byType["UserCreated"].Single().GetProperty("version").GetInt64());

        var banned = byType["UserUpdated"].Single();
        Assert.Equal(("banned", "ban"), (banned.GetProperty("status").GetString(), banned.GetProperty("accountAction").GetProperty("action").GetString()));
        Assert.Contains("status", banned.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));

        // A user's versions grow with each write, whatever the event: the ban, then the value's change, then its clearing.
        var userVersions = byType["UserUpdated"].Concat(byType["UserFieldChanged"]).Select(m => m.GetProperty("version").GetInt64()).Order().ToList();
        Assert.Equal(Enumerable.Range(2, 3).Select(v => (long)v), userVersions);
        Assert.Equal(["Silver", null], byType["UserFieldChanged"].OrderBy(m => m.GetProperty("version").GetInt64())
            .Select(m => m.GetProperty("newValue").ValueKind == JsonValueKind.Null ? null : m.GetProperty("newValue").GetString()));

        var definitions = byType["UserFieldDefinitionChanged"].OrderBy(m => m.GetProperty("version").GetInt64()).ToList();
        Assert.Equal([(1L, false, "Tier"), (2L, false, "Level"), (3L, true, "Level")],
            definitions.Select(m => (m.GetProperty("version").GetInt64(), m.GetProperty("deleted").GetBoolean(), m.GetProperty("field").GetProperty("name").GetString())));
        Assert.All(definitions, m => Assert.Equal(fieldId, m.GetProperty("field").GetProperty("_id").GetString()));

        var community = byType["CommunityUpdated"].Single();
        Assert.Equal(("#112233", communityId), (community.GetProperty("community").GetProperty("theme").GetProperty("primary").GetString(),
            community.GetProperty("community").GetProperty("_id").GetString()));
    }
}
