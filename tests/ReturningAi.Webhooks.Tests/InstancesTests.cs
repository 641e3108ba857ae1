using ReturningAi.TestSupport;

namespace ReturningAi.Webhooks.Tests;

/// <summary>Two instances of the service on one database: every delivery is attempted by one of them at a time (events-and-jobs.md §4.5).</summary>
[Collection(WebhooksCollection.Name)]
public sealed class InstancesTests(WebhooksFixture fixture)
{
    [Fact]
    public async Task Two_instances_never_send_one_attempt_twice_and_share_the_work()
    {
        await using var second = new WebhooksFactory(new Dictionary<string, string?> { ["Webhooks:Concurrency"] = "4" }, database: fixture.Factory.Database,
            resolver: fixture.Factory.Resolver);
        await WebhooksFixture.WaitHealthyAsync(second);
        var community = WebhooksFixture.NewCommunity();
        var endpoints = new List<(string Id, string Path)>();
        for (var i = 0; i < 3; i++)
        {
            var (id, _, path) = await fixture.CreateEndpointAsync(community);
            // Slow answers keep each attempt in flight long enough for the other instance to try for it.
            fixture.Receiver.Answer(path, ReceiverAnswer.Slow(TimeSpan.FromMilliseconds(150)));
            endpoints.Add((id, path));
        }

        const int events = 12;
        for (var i = 0; i < events; i++) await fixture.PublishProductsCreatedAsync(community, factory: i % 2 == 0 ? fixture.Factory : second);

        foreach (var (id, path) in endpoints)
        {
            var deliveries = await fixture.SettledDeliveriesAsync(community, id, events);
            Assert.All(deliveries.EnumerateArray(), d =>
            {
                Assert.Equal("succeeded", d.GetProperty("state").GetString());
                Assert.Equal(1, d.GetProperty("attempts").GetInt32());
            });
            var received = fixture.Receiver.Received(path);
            Assert.Equal(events, received.Count);
            Assert.Equal(events, received.Select(r => r.WebhookId).Distinct().Count());
        }

        Assert.Equal(0, fixture.Receiver.Overlaps);
    }
}
