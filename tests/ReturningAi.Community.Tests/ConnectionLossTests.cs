using System.Net;
using Npgsql;
using ReturningAi.TestSupport;

namespace ReturningAi.Community.Tests;

/// <summary>The first requests after PostgreSQL dropped every connection (a restart) are answered, not 500.</summary>
public sealed class ConnectionLossTests : IAsyncLifetime
{
    private readonly CommunityFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Writes_right_after_the_server_ended_every_pooled_connection_succeed()
    {
        // Several writes at once fill the pool with idle connections to end.
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 4).Select(i => CreateCommunityAsync($"Before {i}"))),
            status => Assert.Equal(HttpStatusCode.Created, status));

        await EndEveryConnectionAsync();

        Assert.All(await Task.WhenAll(Enumerable.Range(0, 4).Select(i => CreateCommunityAsync($"After {i}"))),
            status => Assert.Equal(HttpStatusCode.Created, status));
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(_factory.Database));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM communities WHERE name LIKE 'After %'", connection);
        Assert.Equal(4L, await count.ExecuteScalarAsync());
    }

    private async Task<HttpStatusCode> CreateCommunityAsync(string name)
    {
        using var request = CommunityFactory.FromGateway(HttpMethod.Post, "/communities", null,
            body: new { name, url = "https://acme.example" }, platformAdmin: true);
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>What a restart does to the service's pool: the server ends each backend ("administrator command").</summary>
    private async Task EndEveryConnectionAsync()
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString("postgres"));
        await connection.OpenAsync();
        await using var end = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database", connection);
        end.Parameters.AddWithValue("database", _factory.Database);
        Assert.True((long)(await end.ExecuteScalarAsync())! > 0, "the service kept no connection to end");
    }
}
