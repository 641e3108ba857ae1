using System.Net;
using System.Text.Json;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>The store's copy of users, kept from Community's versioned events (users.md U9, U10.8).</summary>
[Collection(StackCollection.Name)]
public sealed class UserCopyEndToEndTests(StackFixture stack)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(20);
    private static readonly string[] Exchanges = ["COMMUNITY_EVENTS.USER_CREATED", "COMMUNITY_EVENTS.USER_UPDATED"];

    [Fact]
    public async Task Shuffled_duplicate_events_leave_the_stores_copy_at_communitys_top_version()
    {
        var members = await MemberRequests.StartAsync(stack.Api);
        var vip = await members.CreateLabelAsync("roles", "VIP");
        var staff = await members.CreateLabelAsync("roles", "Staff");
        var beta = await members.CreateLabelAsync("tags", "Beta");
        await using var probe = await BrokerProbe.BindAsync(Exchanges);

        var id = await members.CreateUserAsync(new { username = "copied", email = "copied@example.com", roles = new[] { "VIP" } });
        await members.OkAsync(HttpMethod.Post, "/users/manage", new { action = "ban", user = id, reason = "noise" });
        await members.OkAsync(HttpMethod.Post, $"/users/{id}/roles", new { add = new[] { "Staff" } });
        await members.OkAsync(HttpMethod.Post, "/users/manage", new { action = "unban", user = id });
        await members.OkAsync(HttpMethod.Post, $"/users/{id}/tags", new { set = new[] { "Beta" } });
        await members.OkAsync(HttpMethod.Put, $"/users/{id}", new { username = "copied-renamed", email = "renamed@example.com" });
        var top = new StoredUserCopy(6, "copied-renamed", "renamed@example.com", "active", [.. new[] { vip, staff }.Order(StringComparer.Ordinal)], [beta]);
        Assert.Equal(top.ToString(), (await CopyAtAsync(id, 6)).ToString());

        // Every event of this user again, twice over, in a shuffled order: redelivered, late, out of order.
        var captured = (await probe.WaitForAsync(r => r.Count(e => Of(e, id)) >= 6, Propagation, "the user's six events")).Where(e => Of(e, id)).ToList();
        foreach (var envelope in captured.Concat(captured).OrderBy(_ => Guid.NewGuid()))
        {
            var exchange = envelope.GetProperty("messageType").EnumerateArray().Any(t => t.GetString()!.EndsWith(":UserCreated", StringComparison.Ordinal))
                ? Exchanges[0] : Exchanges[1];
            await probe.PublishAsync(exchange, envelope.GetRawText());
        }

        await Eventually.Until(async () => await probe.QueueDepthAsync("store-user-created") + await probe.QueueDepthAsync("store-user-updated"),
            depth => depth == 0, Propagation, "the store to take every replayed event");
        await members.OkAsync(HttpMethod.Put, $"/users/{id}", new { displayname = "Top" });
        Assert.Equal((top with { Version = 7 }).ToString(), (await CopyAtAsync(id, 7)).ToString());

        // A deleted role leaves the copies of its users.
        await members.OkAsync(HttpMethod.Delete, $"/roles/{staff}");
        await Eventually.Until(() => StoreDatabase.UserCopyAsync(id), copy => copy!.RoleIds.SequenceEqual([vip]), Propagation, "the deleted role to leave the copy");
    }

    [Fact]
    public async Task A_deleted_user_is_deleted_in_the_copy_and_a_restore_brings_it_back()
    {
        var members = await MemberRequests.StartAsync(stack.Api);
        var id = await members.CreateUserAsync(new { username = "gone", email = "gone@example.com" });
        await members.OkAsync(HttpMethod.Post, "/users/manage", new { action = "delete", user = id });
        Assert.Equal("deleted", (await CopyAtAsync(id, 2)).Status);
        await members.OkAsync(HttpMethod.Post, "/users/manage", new { action = "restore", user = id });
        Assert.Equal("active", (await CopyAtAsync(id, 3)).Status);
    }

    private static bool Of(JsonElement envelope, string userId) => envelope.GetProperty("message").GetProperty("userID").GetString() == userId;

    private static async Task<StoredUserCopy> CopyAtAsync(string userId, long version) =>
        (await Eventually.Until(() => StoreDatabase.UserCopyAsync(userId), copy => copy?.Version >= version, Propagation, $"the store's copy at version {version}"))!;
}
