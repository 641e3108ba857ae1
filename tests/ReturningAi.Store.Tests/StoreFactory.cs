using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using ReturningAi.Contracts.Commands;
using ReturningAi.Contracts.Http;
using ReturningAi.Store.Infrastructure;
using ReturningAi.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReturningAi.Store.Tests;

/// <summary>
/// The Store service in process, on a fresh database of the real PostgreSQL and the real RabbitMQ,
/// consuming the real command queue. (Test projects run one at a time, so no other store competes.)
/// </summary>
public sealed class StoreFactory : WebApplicationFactory<Program>
{
    public const string GatewayToken = "store-tests-internal-token";

    private readonly IInterceptor? _interceptor;

    /// <param name="database">An existing database to start on (and migrate), instead of a fresh one.</param>
    /// <param name="interceptor">Sees the store's statements (<see cref="PlanRecorder"/>, <see cref="StatementLog"/>).</param>
    internal StoreFactory(string? database = null, IInterceptor? interceptor = null)
    {
        TestServers.EnsureReachable();
        Database = database ?? TestServers.UniqueDatabaseName("store");
        _interceptor = interceptor;
    }

    public StoreFactory()
        : this(null)
    {
    }

    public string Database { get; }

    /// <summary>The claim check's database of this store (the store migrates it, as it does in the AppHost).</summary>
    public string MessageDataDatabase { get; } = TestServers.UniqueDatabaseName("messagedata");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:storedb", TestServers.PostgresConnectionString(Database));
        builder.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMqConnectionString);
        builder.UseSetting("ConnectionStrings:messagedatadb", TestServers.PostgresConnectionString(MessageDataDatabase));
        builder.UseSetting("ClaimCheck:SweepIntervalSeconds", "1");
        builder.UseSetting("GatewayTrust:Token", GatewayToken);
        if (_interceptor is { } interceptor) builder.ConfigureServices(services => services.ConfigureDbContext<StoreDbContext>(o => o.AddInterceptors(interceptor)));
        builder.ConfigureLogging(logging => logging.AddFakeLogging());
    }

    /// <summary>A client, once the store's bus is connected, and a category of that name in the community.</summary>
    public async Task<HttpClient> StartWithCategoryAsync(string communityId, string categoryName)
    {
        var client = CreateClient();
        await Eventually.Until(() => client.GetAsync(new Uri("/health", UriKind.Relative)), r => r.IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "the store's bus to connect to RabbitMQ");
        using var category = FromGateway(HttpMethod.Post, "/categories", communityId, new { name = categoryName });
        using var created = await client.SendAsync(category);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return client;
    }

    /// <summary>Every log record the store wrote, with its scopes.</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public IRequestClient<CreateProducts> CommandClient() =>
        Services.GetRequiredService<IClientFactory>().CreateRequestClient<CreateProducts>(new Uri($"queue:{CreateProducts.EntityName}"));

    public static HttpRequestMessage FromGateway(HttpMethod method, string path, string communityId, object? body = null, string permissions = "store")
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(InternalHeaders.GatewayToken, GatewayToken);
        request.Headers.Add(InternalHeaders.CommunityId, communityId);
        request.Headers.Add(InternalHeaders.ApiKeyId, "000000000000000000000000");
        request.Headers.Add(InternalHeaders.Permissions, permissions);
        return request;
    }

    public async Task<long> ScalarAsync(string sql, string communityId)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("c", communityId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How many payloads the claim check's database holds.</summary>
    public async Task<long> MessageDataCountAsync()
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(MessageDataDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM message_data", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A text value (such as a jsonb column cast to text) read with the community as <c>@c</c>.</summary>
    public async Task<string> TextAsync(string sql, string communityId)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("c", communityId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServers.DropDatabaseAsync(Database);
        await TestServers.DropDatabaseAsync(MessageDataDatabase);
    }
}
