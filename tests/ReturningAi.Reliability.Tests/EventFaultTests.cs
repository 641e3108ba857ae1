using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ReturningAi.TestSupport;
using Xunit.Abstractions;

namespace ReturningAi.Reliability.Tests;

/// <summary>
/// Events under faults (P8): the broker away while writes that produce events go on, a service killed
/// between its commit and its publish, two store instances dispatching one outbox. Every event reaches
/// the broker once, each source's in the order they happened, and a consumer given one twice applies it once.
/// </summary>
[Collection(ReliabilityCollection.Name)]
[TestCaseOrderer(ByMethodNameOrderer.TypeName, ByMethodNameOrderer.AssemblyName)]
public sealed class EventFaultTests(ReliabilityStack stack, ITestOutputHelper output) : ReliabilityTest(stack, output)
{
    private const string ReferenceDataExchange = "ReturningAi.Contracts.Events:ReferenceDataChanged";
    private const string ProductsCreatedExchange = "PRODUCT_EVENTS.PRODUCTS_CREATED";
    private const string StoreInbox = "store-reference-data-changed";

    // MassTransit reconnects with a growing back-off: a service may take a minute or more to publish again.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task E1_Two_store_instances_dispatch_one_outbox_one_at_a_time_and_when_the_dispatching_one_dies_the_other_takes_over()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Stack.Api, DrainLimit);
        await using var probe = await BrokerProbe.BindAsync(ProductsCreatedExchange);
        List<JsonElement> Mine() => [.. probe.Received.Where(e => e.GetProperty("message").GetProperty("communityId").GetString() == community.CommunityId)];

        // Both instances run a dispatcher; one holds the outbox's lock, the other waits for it.
        Assert.Equal(1, await ServiceDatabases.ScalarAsync("storedb",
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = 'storedb' AND l.locktype = 'advisory' AND l.granted"));
        var dispatching = Stack.Telemetry.Logs.Last(l => l.Service == "store" && l.Body.StartsWith("This instance dispatches the outbox", StringComparison.Ordinal)).Instance;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var created = await Stack.Api.SendAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, new JsonArray(Catalogue.Product($"Client {client} #{i}")));
                Assert.Equal(HttpStatusCode.Created, created.Status);
            }
        })));
        await probe.WaitForAsync(_ => Mine().Count >= 40, TimeSpan.FromSeconds(60), "the 40 announcements");

        var victim = await ServiceProcesses.KillInstanceAsync(Stack.App, dispatching, "ReturningAi.Store");
        try
        {
            for (var i = 0; i < 10; i++)
            {
                var created = await Stack.Api.SendAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, new JsonArray(Catalogue.Product($"After the kill #{i}")));
                Assert.Equal(HttpStatusCode.Created, created.Status);
            }

            await probe.WaitForAsync(_ => Mine().Count >= 50, TimeSpan.FromSeconds(60), "the 10 announcements made after the dispatching instance died");
            Assert.Contains(Stack.Telemetry.Logs, l => l.Service == "store" && l.Instance != dispatching
                && l.Body.StartsWith("This instance dispatches the outbox", StringComparison.Ordinal));
        }
        finally
        {
            await ServiceProcesses.RestartAsync(Stack.App, victim);
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a duplicate, were there one
        await probe.TakeAvailableAsync();
        var events = Mine();
        Assert.Equal(50, events.Count);
        Assert.Equal(50, events.Select(MessageId).Distinct().Count());
        Assert.Equal(50, await ServiceDatabases.ScalarAsync("storedb",
            "SELECT count(*) FROM outbox_messages WHERE id = ANY(@ids) AND sent_at IS NOT NULL", ("ids", events.Select(MessageId).ToArray())));
        await StoreInstances.WaitUntilAllConsumeAsync(Stack, community.Token, DrainLimit);
    }

    [Fact]
    public async Task E2_A_service_killed_between_its_commit_and_its_publish_publishes_after_its_restart_and_a_duplicate_is_applied_once()
    {
        var community = await Stack.Api.BootstrapCommunityAsync();
        await using var probe = await BrokerProbe.BindAsync([ReferenceDataExchange], survivesBrokerRestart: true);
        string roleId;

        // With the broker away the commit cannot be followed by its publish; the process then dies.
        await InfraScript.RunAsync("stop-rabbitmq");
        try
        {
            var created = await Stack.Api.SendAsync(HttpMethod.Post, "/apis/roles", community.Token, new { name = "Killed before its publish" });
            Assert.Equal(HttpStatusCode.Created, created.Status);
            roleId = created.Json.GetProperty("data").GetProperty("_id").GetString()!;
            Assert.Equal(1, await ServiceDatabases.ScalarAsync("communitydb",
                "SELECT count(*) FROM outbox_messages WHERE source = @s AND sent_at IS NULL", ("s", $"role:{roleId}")));
            await ServiceProcesses.KillAsync(Stack.App, "community", "ReturningAi.Community");
            await Stack.App.ResourceNotifications.WaitForResourceAsync("community",
                e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await InfraScript.RunAsync("start-rabbitmq");
            await ServiceProcesses.RestartAsync(Stack.App, "community");
        }

        var delivered = await probe.NextMessageAsync(e => IsRole(e, [roleId]), DrainLimit);
        var messageId = MessageId(delivered);
        await Eventually.Until(() => ServiceDatabases.ScalarAsync("storedb",
                "SELECT count(*) FROM reference_names WHERE id = @id AND name = 'Killed before its publish' AND version = 1", ("id", roleId)),
            n => n == 1, DrainLimit, "the store to apply the event published after the restart");

        // The same message twice more, at once (two store instances may each take one), and with a newer version
        // under another name, so that applying it would show: the inbox already holds its id.
        var duplicate = JsonNode.Parse(delivered.GetRawText())!;
        duplicate["message"]!["name"] = "Applied twice";
        duplicate["message"]!["version"] = 2;
        await Task.WhenAll(probe.PublishAsync(ReferenceDataExchange, duplicate.ToJsonString()), probe.PublishAsync(ReferenceDataExchange, duplicate.ToJsonString()));
        await probe.WaitForAsync(received => received.Count(e => MessageId(e) == messageId) == 3, TimeSpan.FromSeconds(30), "the two duplicates on the broker");
        var marker = await Stack.Api.SendAsync(HttpMethod.Post, "/apis/tags", community.Token, new { name = "After the duplicates" });
        var markerId = marker.Json.GetProperty("data").GetProperty("_id").GetString()!;
        await Eventually.Until(() => ServiceDatabases.ScalarAsync("storedb", "SELECT count(*) FROM reference_names WHERE id = @id", ("id", markerId)),
            n => n == 1, TimeSpan.FromSeconds(60), "the store to consume past the duplicates");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(1, await ServiceDatabases.ScalarAsync("storedb",
            "SELECT count(*) FROM reference_names WHERE id = @id AND name = 'Killed before its publish' AND version = 1", ("id", roleId)));
        Assert.Equal(1, await ServiceDatabases.ScalarAsync("storedb",
            $"SELECT count(*) FROM inbox_messages WHERE consumer = '{StoreInbox}' AND message_id = @m", ("m", messageId)));
        Assert.Equal(1, probe.Received.Count(e => IsRole(e, [roleId]) && e.GetProperty("message").GetProperty("name").GetString() == "Killed before its publish"));
        var catalogue = await Catalogue.CommunityWithPageNamesAsync(Stack.Api, DrainLimit);
        await StoreInstances.WaitUntilAllConsumeAsync(Stack, catalogue.Token, DrainLimit);
    }

    [Fact]
    public async Task E3_With_the_broker_stopped_for_30_s_100_writes_are_answered_as_before_and_then_each_event_is_published_once_in_order()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Stack.Api, DrainLimit);
        await using var probe = await BrokerProbe.BindAsync([ReferenceDataExchange, ProductsCreatedExchange], survivesBrokerRestart: true);
        var roleIds = new string[5];
        var productIds = new List<string>();

        var outage = Stopwatch.StartNew();
        await InfraScript.RunAsync("stop-rabbitmq");
        try
        {
            // One client, one write after another: 5 roles created and renamed 9 times each, and 50 products.
            for (var write = 0; write < 100; write++)
            {
                if (write % 2 == 1)
                {
                    var product = await Stack.Api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, Catalogue.Product($"Outage product {write}"));
                    Assert.Equal(HttpStatusCode.Created, product.Status);
                    productIds.Add(product.Json.GetProperty("data").GetProperty("_id").GetString()!);
                }
                else
                {
                    var (role, version) = (write / 2 % 5, (write / 10) + 1);
                    var name = new { name = $"Outage role {role} v{version}" };
                    var answer = version == 1
                        ? await Stack.Api.SendAsync(HttpMethod.Post, "/apis/roles", community.Token, name)
                        : await Stack.Api.SendAsync(HttpMethod.Put, $"/apis/roles/{roleIds[role]}", community.Token, name);
                    Assert.Equal(version == 1 ? HttpStatusCode.Created : HttpStatusCode.OK, answer.Status);
                    if (version == 1) roleIds[role] = answer.Json.GetProperty("data").GetProperty("_id").GetString()!;
                }

                await Task.Delay(200);
            }

            Output.WriteLine($"100 writes answered in {outage.Elapsed.TotalSeconds:0.0} s with the broker stopped");
            if (outage.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(TimeSpan.FromSeconds(30) - outage.Elapsed);
        }
        finally
        {
            await InfraScript.RunAsync("start-rabbitmq");
        }

        var restarted = Stopwatch.StartNew();
        List<JsonElement> Mine() => [.. probe.Received.Where(e => IsRole(e, roleIds) || IsProduct(e, productIds))];
        await probe.WaitForAsync(_ => Mine().Count >= 100, DrainLimit, "the 100 events after the broker came back");
        Output.WriteLine($"all 100 events reached the broker {restarted.Elapsed.TotalSeconds:0} s after it came back");
        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a duplicate, were there one
        await probe.TakeAvailableAsync();

        var events = Mine();
        Assert.Equal(100, events.Count);
        Assert.Equal(100, events.Select(MessageId).Distinct().Count());
        foreach (var roleId in roleIds)
        {
            Assert.Equal(Enumerable.Range(1, 10), events.Where(e => IsRole(e, [roleId])).Select(e => e.GetProperty("message").GetProperty("version").GetInt32()));
        }

        Assert.Equal(productIds, events.Where(e => IsProduct(e, productIds)).Select(e => e.GetProperty("message").GetProperty("productIds")[0].GetString()));

        // The store applied each role change once and holds every role's last name.
        var roleEvents = events.Where(e => IsRole(e, roleIds)).Select(MessageId).ToArray();
        await Eventually.Until(() => ServiceDatabases.ScalarAsync("storedb",
                $"SELECT count(*) FROM inbox_messages WHERE consumer = '{StoreInbox}' AND message_id = ANY(@ids)", ("ids", roleEvents)),
            n => n == 50, DrainLimit, "the store to consume the 50 role events");
        Assert.Equal(5, await ServiceDatabases.ScalarAsync("storedb",
            "SELECT count(*) FROM reference_names WHERE community_id = @c AND kind = 'role' AND version = 10 AND name LIKE 'Outage role % v10'",
            ("c", community.CommunityId)));
        await StoreInstances.WaitUntilAllConsumeAsync(Stack, community.Token, DrainLimit);
    }

    private static Guid MessageId(JsonElement envelope) => Guid.Parse(envelope.GetProperty("messageId").GetString()!);

    private static bool IsRole(JsonElement envelope, IReadOnlyCollection<string> roleIds) =>
        envelope.GetProperty("message").TryGetProperty("kind", out var kind) && kind.GetString() == "role"
        && roleIds.Contains(envelope.GetProperty("message").GetProperty("id").GetString());

    private static bool IsProduct(JsonElement envelope, IReadOnlyCollection<string> productIds) =>
        envelope.GetProperty("message").TryGetProperty("productIds", out var ids) && ids.GetArrayLength() == 1 && productIds.Contains(ids[0].GetString());
}
