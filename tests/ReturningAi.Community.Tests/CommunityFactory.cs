using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ReturningAi.Contracts.Http;
using ReturningAi.TestSupport;

namespace ReturningAi.Community.Tests;

/// <summary>The Community service in process, on its own fresh database on the real PostgreSQL, and the real RabbitMQ.</summary>
public sealed class CommunityFactory : WebApplicationFactory<Program>
{
    public const string GatewayToken = "community-tests-internal-token";

    public string Database { get; } = TestServers.UniqueDatabaseName("community");

    public CommunityFactory() => TestServers.EnsureReachable();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:communitydb", TestServers.PostgresConnectionString(Database));
        builder.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMqConnectionString);
        builder.UseSetting("GatewayTrust:Token", GatewayToken);
    }

    /// <summary>A request as the gateway forwards it for a key of <paramref name="communityId"/>.</summary>
    public static HttpRequestMessage FromGateway(HttpMethod method, string path, string? communityId, string permissions = "store,users,api-keys",
        object? body = null, bool platformAdmin = false)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(InternalHeaders.GatewayToken, GatewayToken);
        if (communityId is not null)
        {
            request.Headers.Add(InternalHeaders.CommunityId, communityId);
            request.Headers.Add(InternalHeaders.ApiKeyId, "000000000000000000000000");
            request.Headers.Add(InternalHeaders.Permissions, permissions);
        }

        if (platformAdmin) request.Headers.Add(InternalHeaders.PlatformAdmin, "true");
        return request;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServers.DropDatabaseAsync(Database);
    }
}
