using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>A first slice of P6's faults: the broker goes away under a running stack and comes back.</summary>
[Collection(StackCollection.Name)]
public sealed class BrokerFaultTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task A_broker_restart_gives_502_at_once_during_the_outage_and_the_stack_recovers_by_itself()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        // A 502 means "outcome unknown" (a reply can be lost while the broker restarts), so a partner
        // retries with an Idempotency-Key; one key per product here, as a partner would.
        var keys = new Dictionary<string, string>();
        Task<ApiResponse> Create(string name) => Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token,
            PartnerApi.RawJson(new JsonArray(Catalogue.Product(name)).ToJsonString()),
            new Dictionary<string, string> { ["Idempotency-Key"] = keys.TryGetValue(name, out var key) ? key : keys[name] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.Created, (await Create("Before")).Status);

        await InfraScript.RunAsync("stop-rabbitmq");
        try
        {
            var started = Stopwatch.GetTimestamp();
            var during = await Eventually.Until(() => Create("During"), r => r.Status == HttpStatusCode.BadGateway,
                TimeSpan.FromSeconds(30), "the gateway to notice the broker is gone");
            Assert.Equal("upstream_unavailable", during.ErrorCode());
            // Answered without waiting out the store deadline.
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(StackFixture.StoreDeadlineSeconds));
            // Routes that do not need the broker keep working.
            Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/apis/products", community.Token)).Status);
        }
        finally
        {
            await InfraScript.RunAsync("start-rabbitmq");
        }

        // No service is restarted: the buses reconnect by themselves.
        await Eventually.Until(() => Create("After"), r => r.Status == HttpStatusCode.Created, TimeSpan.FromSeconds(90),
            "the stack to recover from the broker restart");
        // Nothing doubled: each product at most once, and the ones answered 201 exactly once.
        var names = await StoreDatabase.ProductNamesAsync(community.CommunityId);
        Assert.Equal(1, names.Count(n => n == "Before"));
        Assert.Equal(1, names.Count(n => n == "After"));
        Assert.True(names.Count(n => n == "During") <= 1, string.Join(", ", names));
    }
}
