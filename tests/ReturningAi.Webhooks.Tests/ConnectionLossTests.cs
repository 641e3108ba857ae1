using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.Webhooks.Tests;

/// <summary>The first requests and bus events after PostgreSQL dropped every connection (a restart): answered, not 500 (ConnectionLossRetryMiddleware), and recorded, not faulted.</summary>
[Collection(WebhooksCollection.Name)]
public sealed class ConnectionLossTests(WebhooksFixture fixture)
{
    [Fact]
    public async Task Endpoint_creates_right_after_the_server_ended_every_pooled_connection_succeed_and_are_stored_once()
    {
        await FillThePoolAsync();

        await EndEveryConnectionAsync();

        var communities = Enumerable.Range(0, 4).Select(_ => WebhooksFixture.NewCommunity()).ToArray();
        var after = await Task.WhenAll(communities.Select(c => CreateEndpointAsync(c, "after")));
        Assert.All(after, status => Assert.Equal(201, status));
        foreach (var community in communities)
        {
            Assert.Equal(1L, await fixture.Factory.ScalarAsync("SELECT count(*) FROM webhook_endpoints WHERE community_id = @c", ("c", community)));
        }
    }

    [Fact]
    public async Task A_bus_event_right_after_the_server_ended_every_pooled_connection_is_recorded_and_delivered()
    {
        var community = WebhooksFixture.NewCommunity();
        var (endpointId, _, path) = await fixture.CreateEndpointAsync(community);
        await FillThePoolAsync();

        await EndEveryConnectionAsync();
        await fixture.PublishProductsCreatedAsync(community);

        var delivery = Assert.Single((await fixture.SettledDeliveriesAsync(community, endpointId)).EnumerateArray());
        Assert.Equal("succeeded", delivery.GetProperty("state").GetString());
        Assert.Single(fixture.Receiver.Received(path));
    }

    /// <summary>Several writes at once leave the pool with idle connections to end; one community each, under the endpoint limit.</summary>
    private async Task FillThePoolAsync()
    {
        var before = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CreateEndpointAsync(WebhooksFixture.NewCommunity(), "before")));
        Assert.All(before, status => Assert.Equal(201, status));
    }

    private async Task<int> CreateEndpointAsync(string communityId, string description)
    {
        var (status, _) = await fixture.Factory.SendAsync(HttpMethod.Post, "/webhooks/endpoints", communityId,
            new { url = fixture.Receiver.Url(WebhookReceiver.NewPath()), events = new[] { "*" }, description });
        return status;
    }

    /// <summary>What a restart does to the service's pool: the server ends each backend ("administrator command").</summary>
    private async Task EndEveryConnectionAsync()
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString("postgres"));
        await connection.OpenAsync();
        await using var end = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database", connection);
        end.Parameters.AddWithValue("database", fixture.Factory.Database);
        Assert.True((long)(await end.ExecuteScalarAsync())! > 0, "the service kept no connection to end");
    }
}
