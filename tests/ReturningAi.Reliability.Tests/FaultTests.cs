using System.Net;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;
using ReturningAi.TestSupport;

namespace ReturningAi.Reliability.Tests;

/// <summary>
/// Servers restarted and processes killed under traffic: requests in the outage get 502 (never 500,
/// never a hang past the deadline), the system recovers by itself without any service restarted, and
/// afterwards the database holds exactly what the answers (and the retries of the unknown ones) said.
/// </summary>
[Collection(ReliabilityCollection.Name)]
[TestCaseOrderer(ByMethodNameOrderer.TypeName, ByMethodNameOrderer.AssemblyName)] // the broker restart last
public sealed class FaultTests(ReliabilityStack stack, ITestOutputHelper output) : ReliabilityTest(stack, output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task F4_RabbitMQ_restarted_under_traffic_gives_502_in_the_outage_then_recovers_alone_with_nothing_lost_or_doubled()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Stack.Api);
        var (revokedId, revokedToken) = await Stack.Api.CreateKeyAsync(community.Token, ["store"]);
        Assert.Equal(HttpStatusCode.OK, (await Stack.Api.SendAsync(HttpMethod.Get, "/apis/products", revokedToken)).Status); // now cached

        var traffic = new BulkTraffic(Stack.Api, community.Token, "broker-" + Guid.NewGuid().ToString("N")[..6]);
        await RunThroughAsync(traffic, "stop-rabbitmq", "start-rabbitmq");

        await AssertOutageAndRecoveryAsync(traffic, community.CommunityId);
        // Every store instance must consume again, not just one. One of them can take a minute or more: MassTransit
        // reconnects each receive endpoint with a growing back-off.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await StoreInstances.WaitUntilAllConsumeAsync(Stack, community.Token, TimeSpan.FromSeconds(150));
        Output.WriteLine($"both store instances consumed again {waited.Elapsed.TotalSeconds:0} s after traffic had recovered");

        // The events recovered too: a key revoked now is refused within seconds (its cache entry lives 30 s)...
        Assert.Equal(HttpStatusCode.OK, (await Stack.Api.SendAsync(HttpMethod.Delete, $"/apis/api-keys/{revokedId}", community.Token)).Status);
        await Eventually.Until(() => Stack.Api.SendAsync(HttpMethod.Get, "/apis/products", revokedToken), r => r.Status == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), "the gateway to hear of the revocation");
        // ...and a role created now reaches the store, where a product may name it.
        var role = "After the restart " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await Stack.Api.SendAsync(HttpMethod.Post, "/apis/roles", community.Token, new { name = role })).Status);
        var withRole = Catalogue.PageExample()[0]!.DeepClone().AsObject();
        withRole["name"] = "Needs the new role";
        withRole["vouchers"] = new JsonArray();
        withRole["productPermission"]![0]!["permission"]!["roleNames"] = new JsonArray(role);
        var body = new JsonArray(withRole).ToJsonString(); // once: a node joins one array only, and the wait may try again
        await Eventually.Until(
            () => Stack.Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(body)),
            r => r.Status == HttpStatusCode.Created, TimeSpan.FromSeconds(20), "the store to learn the role created after the restart");
    }

    [Fact]
    public async Task F3_PostgreSQL_restarted_under_traffic_gives_502_in_the_outage_then_recovers_alone_with_nothing_lost_or_doubled()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Stack.Api);
        var traffic = new BulkTraffic(Stack.Api, community.Token, "database-" + Guid.NewGuid().ToString("N")[..6]);
        var reads = new List<HttpStatusCode>();
        using var stopReads = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            while (!stopReads.IsCancellationRequested)
            {
                var read = await Stack.Api.SendAsync(HttpMethod.Get, "/apis/products?limit=5", community.Token);
                lock (reads) reads.Add(read.Status);
                await Task.Delay(100);
            }
        });

        await RunThroughAsync(traffic, "stop-postgres", "start-postgres");
        await stopReads.CancelAsync();
        await reading;

        await AssertOutageAndRecoveryAsync(traffic, community.CommunityId);
        await StoreInstances.WaitUntilAllConsumeAsync(Stack, community.Token, TimeSpan.FromSeconds(60));
        Assert.All(reads, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadGateway, $"A read answered {(int)status}."));
        Assert.Contains(HttpStatusCode.BadGateway, reads);
        Assert.Equal(HttpStatusCode.OK, reads[^1]);
    }

    [Fact]
    public async Task F1_A_store_instance_killed_in_the_middle_of_a_large_create_leaves_nothing_half_written()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Stack.Api);
        // Large enough for the store's large-import path (over 50,000 codes), small enough to finish well within the deadline.
        var (csv, vouchers) = LargestCsv.Build("Premium Rewards", totalBytes: 1024 * 1024);
        var traceId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var upload = Stack.Api.UploadCsvAsync(community.Token, csv, headers: new Dictionary<string, string>
        {
            ["traceparent"] = $"00-{traceId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}-01",
            ["Idempotency-Key"] = "killed-" + traceId,
        });

        // The store instance that took the command shows itself by its first SQL of the trace; the COPY follows.
        var working = await Eventually.Until(
            () => Task.FromResult(Stack.Telemetry.Spans.FirstOrDefault(s => s.TraceId == traceId && s.Service == "store" && s.Scope == "Npgsql")),
            span => span is not null, TimeSpan.FromSeconds(30), "a store instance to start on the import");
        var victim = await KillStoreInstanceAsync(working!.Instance);
        try
        {
            // The other instance gets the command again (and the key its dead holder had) and carries it out
            // whole; or the deadline passes first and the partner hears 502 and retries with the same key.
            var response = await upload;
            var afterKill = await StoreDatabase.CountAsync(community.CommunityId);
            Assert.True(afterKill == (0, 0) || afterKill == (100, vouchers), $"Half written: {afterKill}");
            // As partners are told: after a 502, send the same file with the same key until the answer is definite
            // (409 idempotency_key_in_progress while the first attempt is still being carried out).
            var retrying = System.Diagnostics.Stopwatch.StartNew();
            while (response.Status != HttpStatusCode.Created && retrying.Elapsed < TimeSpan.FromSeconds(90))
            {
                Assert.True(response.Status is HttpStatusCode.BadGateway or HttpStatusCode.Conflict, $"{(int)response.Status}: {response.Body}");
                if (response.Status == HttpStatusCode.Conflict) Assert.Equal("idempotency_key_in_progress", response.ErrorCode());
                await Task.Delay(TimeSpan.FromSeconds(2));
                response = await Stack.Api.UploadCsvAsync(community.Token, csv, headers: new Dictionary<string, string> { ["Idempotency-Key"] = "killed-" + traceId });
            }

            Assert.True(response.Status == HttpStatusCode.Created, $"{(int)response.Status}: {response.Body}");
            Assert.Equal((100L, (long)vouchers), await StoreDatabase.CountAsync(community.CommunityId));
        }
        finally
        {
            await ServiceProcesses.RestartAsync(Stack.App, victim);
        }

        var next = await Stack.Api.SendAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, new JsonArray(Catalogue.Product("Next")));
        Assert.Equal(HttpStatusCode.Created, next.Status);
    }

    [Fact]
    public async Task F2_With_Community_down_cached_keys_keep_working_and_others_get_502_never_401()
    {
        var community = await Stack.Api.BootstrapCommunityAsync();
        var (_, cold) = await Stack.Api.CreateKeyAsync(community.Token, ["store"]);
        Assert.Equal(HttpStatusCode.OK, (await Stack.Api.SendAsync(HttpMethod.Get, "/apis/products", community.Token)).Status); // cached now

        await ServiceProcesses.KillAsync(Stack.App, "community", "ReturningAi.Community");
        try
        {
            await Stack.App.ResourceNotifications.WaitForResourceAsync("community",
                e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(HttpStatusCode.OK, (await Stack.Api.SendAsync(HttpMethod.Get, "/apis/products", community.Token)).Status);
            var uncached = await Stack.Api.SendAsync(HttpMethod.Get, "/apis/products", cold);
            Assert.Equal(HttpStatusCode.BadGateway, uncached.Status);
            var unknown = await Stack.Api.SendAsync(HttpMethod.Get, "/apis/products", "rai_unknown_" + Guid.NewGuid().ToString("N"));
            Assert.Equal(HttpStatusCode.BadGateway, unknown.Status);
        }
        finally
        {
            await ServiceProcesses.RestartAsync(Stack.App, "community");
        }

        Assert.Equal(HttpStatusCode.OK, (await Stack.Api.SendAsync(HttpMethod.Get, "/apis/products", cold)).Status);
    }

    /// <summary>Traffic before, during and after stopping a server; returns once the traffic has seen steady 201s again.</summary>
    private static async Task RunThroughAsync(BulkTraffic traffic, string stop, string start)
    {
        using var stopTraffic = new CancellationTokenSource();
        var running = traffic.RunAsync(TimeSpan.FromMilliseconds(250), stopTraffic.Token);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await InfraScript.RunAsync(stop);
            await Task.Delay(Outage);
            await InfraScript.RunAsync(start);
            var restarted = DateTime.UtcNow;
            await Eventually.Until(() => Task.FromResult(traffic.Sent.Where(s => s.AnsweredAt > restarted).TakeLast(8).ToList()),
                last => last.Count == 8 && last.All(s => s.Status == HttpStatusCode.Created), RecoveryLimit,
                "steady 201s after the server came back, with no service restarted");
        }
        finally
        {
            await stopTraffic.CancelAsync();
            await running;
            // Whatever happened above, the next test needs both servers.
            await InfraScript.RunAsync(start);
        }
    }

    private static async Task AssertOutageAndRecoveryAsync(BulkTraffic traffic, string communityId)
    {
        var sent = traffic.Sent;
        Assert.All(sent, s => Assert.True(s.Status is HttpStatusCode.Created or HttpStatusCode.BadGateway, $"{s.Key}: {(int)s.Status} {s.Answer}"));
        Assert.Contains(sent, s => s.Status == HttpStatusCode.BadGateway);
        Assert.All(sent, s => Assert.True(s.Took < TimeSpan.FromSeconds(ReliabilityStack.DeadlineSeconds + 5), $"{s.Key} took {s.Took}."));

        // A 502 means "outcome unknown": the partner retries with the same key and gets one definite answer.
        var retries = await traffic.RetryUnknownAsync();
        Assert.All(retries, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Equal((sent.Count, 2L * sent.Count), await StoreDatabase.CountAsync(communityId));
    }

    /// <summary>Kills the store process whose telemetry says <paramref name="instance"/>; returns its resource id.</summary>
    private Task<string> KillStoreInstanceAsync(string instance) =>
        ServiceProcesses.KillInstanceAsync(Stack.App, instance, "ReturningAi.Store");
}
