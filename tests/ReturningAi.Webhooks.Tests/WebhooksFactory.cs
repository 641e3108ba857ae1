using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using ReturningAi.Contracts.Http;
using ReturningAi.SafeHttp;
using ReturningAi.TestSupport;

namespace ReturningAi.Webhooks.Tests;

/// <summary>
/// The Webhooks service in process on a database of the real PostgreSQL and the real RabbitMQ, with its URL rules,
/// schedule and DNS set by the test: a short retry schedule (configuration, never waits in the tests), 1 s attempts.
/// Two factories on one database are two instances of the service.
/// </summary>
public sealed class WebhooksFactory : WebApplicationFactory<Program>
{
    public const string GatewayToken = "webhooks-tests-internal-token";
    public const string ShortSchedule = "0s,100ms,100ms,100ms,100ms,100ms,100ms,100ms";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    public WebhooksFactory(IReadOnlyDictionary<string, string?>? settings = null, string? database = null, FixedResolver? resolver = null)
    {
        TestServers.EnsureReachable();
        _ownsDatabase = database is null;
        Database = database ?? TestServers.UniqueDatabaseName("webhooks");
        Resolver = resolver ?? new FixedResolver();
        _settings = new Dictionary<string, string?>
        {
            ["Webhooks:AllowHttp"] = "true",
            ["Webhooks:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Webhooks:RetrySchedule"] = ShortSchedule,
            ["Webhooks:AttemptTimeout"] = "00:00:01",
            ["Webhooks:PollInterval"] = "00:00:00.050",
            ["Webhooks:MaxEndpointsPerCommunity"] = "5",
        };
        // A null value leaves the setting out (production's default), as UseSetting would bind "" instead.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null) _settings.Remove(key);
            else _settings[key] = value;
        }
    }

    public string Database { get; }

    public FixedResolver Resolver { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:webhooksdb", TestServers.PostgresConnectionString(Database));
        builder.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMqConnectionString);
        builder.UseSetting("GatewayTrust:Token", GatewayToken);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<IHostResolver>(Resolver));
        // Every log line the service writes, for the tests that prove no secret reaches a log.
        builder.ConfigureLogging(logging => logging.AddFakeLogging());
    }

    /// <summary>A request as the gateway forwards it for a key of <paramref name="communityId"/>.</summary>
    public async Task<(int Status, JsonElement Json)> SendAsync(HttpMethod method, string path, string communityId, object? body = null,
        string permissions = "webhooks", IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(InternalHeaders.GatewayToken, GatewayToken);
        request.Headers.Add(InternalHeaders.CommunityId, communityId);
        request.Headers.Add(InternalHeaders.ApiKeyId, "000000000000000000000000");
        request.Headers.Add(InternalHeaders.Permissions, permissions);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        using var response = await CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>What the service logged so far, each line with its exception's text.</summary>
    public IReadOnlyList<string> Logs() =>
        [.. Services.GetFakeLogCollector().GetSnapshot().Select(r => $"{r.Category} {r.Message} {r.Exception}")];

    public async Task<string?> TextAsync(string sql, params (string Name, object Value)[] parameters) =>
        (string?)await ExecuteScalarAsync(sql, parameters);

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(await ExecuteScalarAsync(sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<object?> ExecuteScalarAsync(string sql, (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) await TestServers.DropDatabaseAsync(Database);
    }
}
