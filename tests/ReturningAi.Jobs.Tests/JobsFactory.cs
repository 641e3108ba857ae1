using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using ReturningAi.Contracts.Http;
using ReturningAi.TestSupport;

namespace ReturningAi.Jobs.Tests;

/// <summary>
/// The Jobs service in process on its own fresh database on the real PostgreSQL and the real RabbitMQ, with small
/// chunks, a short lease and quick polls, so that chunking and takeovers show within seconds.
/// </summary>
public sealed class JobsFactory : WebApplicationFactory<Program>
{
    public const string GatewayToken = "jobs-tests-internal-token";
    public const int LeaseSeconds = 3;

    public string Database { get; } = TestServers.UniqueDatabaseName("jobs");

    public JobsFactory() => TestServers.EnsureReachable();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:jobsdb", TestServers.PostgresConnectionString(Database));
        builder.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMqConnectionString);
        builder.UseSetting("GatewayTrust:Token", GatewayToken);
        builder.UseSetting("Jobs:ChunkRows", "2");
        builder.UseSetting("Jobs:LeaseSeconds", LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Jobs:PollMilliseconds", "200");
        builder.UseSetting("Jobs:ChunkTimeoutSeconds", "10");
    }

    /// <summary>A request as the gateway forwards it for a key of <paramref name="communityId"/> holding <paramref name="permissions"/>.</summary>
    public static HttpRequestMessage FromGateway(HttpMethod method, string path, string communityId, string permissions = "users,store", HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(InternalHeaders.GatewayToken, GatewayToken);
        request.Headers.Add(InternalHeaders.CommunityId, communityId);
        request.Headers.Add(InternalHeaders.ApiKeyId, "000000000000000000000001");
        request.Headers.Add(InternalHeaders.Permissions, permissions);
        return request;
    }

    public static MultipartFormDataContent Csv(string csv, string field = "file", string contentType = "text/csv") => Csv(Encoding.UTF8.GetBytes(csv), field, contentType);

    public static MultipartFormDataContent Csv(byte[] csv, string field = "file", string contentType = "text/csv")
    {
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent { { file, field, "members.csv" } };
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServers.DropDatabaseAsync(Database);
    }
}
