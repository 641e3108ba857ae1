using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using ReturningAi.Contracts.ApiKeys;
using ReturningAi.TestSupport;

namespace ReturningAi.Community.Tests;

public sealed class CommunityServiceIntegrationTests : IAsyncLifetime
{
    private readonly CommunityFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<(string CommunityId, JsonElement Key)> BootstrapAsync()
    {
        using var request = CommunityFactory.FromGateway(HttpMethod.Post, "/communities", null,
            body: new { name = "Acme", url = "https://acme.example" }, platformAdmin: true);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("meta").GetProperty("secretShown").GetBoolean()); // the one response that shows the token
        var data = body.GetProperty("data");
        return (data.GetProperty("community").GetProperty("_id").GetString()!, data.GetProperty("apiKey"));
    }

    [Fact]
    public async Task Requests_without_the_gateway_token_are_refused_even_with_identity_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api-keys");
        request.Headers.Add("X-ReturningAi-Community-Id", "6502c9e514a3e564c5c09c0a");
        request.Headers.Add("X-ReturningAi-Permissions", "api-keys");
        request.Headers.Add("X-ReturningAi-Gateway-Token", "wrong-token");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("gateway_required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/alive", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Only_the_sha256_of_a_token_is_stored()
    {
        var (_, key) = await BootstrapAsync();
        var token = key.GetProperty("token").GetString()!;

        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(_factory.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT token_hash, row_to_json(k)::text FROM api_keys k WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", key.GetProperty("_id").GetString()!);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), (byte[])reader[0]);
        Assert.DoesNotContain(token, reader.GetString(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_resolves_a_key_by_its_token_hash()
    {
        var (communityId, key) = await BootstrapAsync();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.GetProperty("token").GetString()!)));

        using var known = CommunityFactory.FromGateway(HttpMethod.Post, "/internal/api-keys/resolve", null, body: new ResolveApiKeyRequest(hash));
        using var unknown = CommunityFactory.FromGateway(HttpMethod.Post, "/internal/api-keys/resolve", null, body: new ResolveApiKeyRequest(new string('0', 64)));
        using var knownResponse = await _client.SendAsync(known);
        using var unknownResponse = await _client.SendAsync(unknown);

        var resolved = await knownResponse.Content.ReadFromJsonAsync<ResolvedApiKey>();
        Assert.Equal(communityId, resolved!.CommunityId);
        Assert.Equal(key.GetProperty("_id").GetString(), resolved.KeyId);
        Assert.Equal(Permissions.All, resolved.Permissions);
        Assert.Equal(HttpStatusCode.NotFound, unknownResponse.StatusCode);
    }

    [Fact]
    public async Task Revoking_a_key_publishes_its_change_on_the_broker()
    {
        var (communityId, _) = await BootstrapAsync();
        using var create = CommunityFactory.FromGateway(HttpMethod.Post, "/api-keys", communityId, body: new { name = "to revoke", permissions = new[] { "store" } });
        using var created = await _client.SendAsync(create);
        var keyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("_id").GetString()!;
        await using var broker = await BrokerProbe.BindAsync("ReturningAi.Contracts.Events:ApiKeyChanged");

        using var revoke = CommunityFactory.FromGateway(HttpMethod.Delete, $"/api-keys/{keyId}", communityId);
        using var response = await _client.SendAsync(revoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var message = await broker.NextMessageAsync(m => m.GetProperty("message").GetProperty("keyId").GetString() == keyId, TimeSpan.FromSeconds(10));
        Assert.True(message.GetProperty("message").GetProperty("revoked").GetBoolean());
        Assert.Equal(communityId, message.GetProperty("message").GetProperty("communityId").GetString());
    }

    [Fact]
    public async Task A_new_role_writes_its_event_and_a_refused_rename_writes_none()
    {
        var (communityId, _) = await BootstrapAsync();
        using var create = CommunityFactory.FromGateway(HttpMethod.Post, "/roles", communityId, body: new { name = "Gold" });
        using var created = await _client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var roleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("_id").GetString()!;
        using var other = CommunityFactory.FromGateway(HttpMethod.Post, "/roles", communityId, body: new { name = "Silver" });
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(other)).StatusCode);

        using var clash = CommunityFactory.FromGateway(HttpMethod.Put, $"/roles/{roleId}", communityId, body: new { name = "silver" });
        Assert.Equal(HttpStatusCode.Conflict, (await _client.SendAsync(clash)).StatusCode);

        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(_factory.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT o.body->>'version', o.body->>'name' FROM outbox_messages o WHERE o.source = @source ORDER BY o.position
            """, connection);
        command.Parameters.AddWithValue("source", $"role:{roleId}");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("1", "Gold"), (reader.GetString(0), reader.GetString(1)));
        Assert.False(await reader.ReadAsync(), "The refused rename wrote an event.");
    }

    [Fact]
    public async Task A_keyed_role_create_commits_the_role_its_event_and_its_key_together_or_none_of_them()
    {
        var (communityId, _) = await BootstrapAsync();
        HttpRequestMessage Create()
        {
            var request = CommunityFactory.FromGateway(HttpMethod.Post, "/roles", communityId, body: new { name = "Keyed" });
            request.Headers.Add("Idempotency-Key", "keyed_role");
            return request;
        }

        async Task<long> CountAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString(_factory.Database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("c", communityId);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        const string Roles = "SELECT count(*) FROM labels WHERE community_id = @c";
        const string Events = "SELECT count(*) FROM outbox_messages WHERE body->>'communityId' = @c AND body->>'kind' = 'role'";
        await CommitRefusal.RefuseAsync(_factory.Database, "keyed_role");
        using (var refused = Create())
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await _client.SendAsync(refused)).StatusCode);
        }

        Assert.Equal((0L, 0L), (await CountAsync(Roles), await CountAsync(Events)));
        await Eventually.Until(() => CountAsync("SELECT count(*) FROM idempotency_records WHERE key = 'keyed_role'"), n => n == 0,
            TimeSpan.FromSeconds(30), "the key to be let go");

        await CommitRefusal.AllowAsync(_factory.Database, "keyed_role");
        using (var retried = Create())
        {
            Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(retried)).StatusCode);
        }

        using (var replayed = Create())
        {
            Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(replayed)).StatusCode);
        }

        Assert.Equal((1L, 1L), (await CountAsync(Roles), await CountAsync(Events)));
    }

    [Fact]
    public async Task Keys_are_listed_for_the_forwarded_community_only()
    {
        var (a, aKey) = await BootstrapAsync();
        var (b, _) = await BootstrapAsync();

        using var list = CommunityFactory.FromGateway(HttpMethod.Get, "/api-keys", a);
        using var response = await _client.SendAsync(list);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal([aKey.GetProperty("_id").GetString()], body.GetProperty("data").EnumerateArray().Select(k => k.GetProperty("_id").GetString()));
        Assert.DoesNotContain(b, body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_route_without_the_permission_is_403_even_if_the_gateway_let_it_through()
    {
        var (communityId, _) = await BootstrapAsync();

        using var request = CommunityFactory.FromGateway(HttpMethod.Get, "/api-keys", communityId, permissions: "store");
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string communityId, object? body = null)
    {
        using var request = CommunityFactory.FromGateway(method, path, communityId, body: body);
        using var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public void Held_permissions_cover_exactly_themselves_today()
    {
        Assert.True(Permissions.Covers(["store", "api-keys"], "api-keys"));
        Assert.False(Permissions.Covers(["api-keys"], "store"));
        Assert.False(Permissions.Covers([], "users"));
    }

    /// <summary>
    /// The identity headers are set by hand here, so the caller can claim <c>api-keys</c> without being a stored key:
    /// the one way to reach the last-admin rule on a permission change deterministically (through the gateway, a
    /// caller holding it is itself another admin key).
    /// </summary>
    [Fact]
    public async Task The_last_admin_key_cannot_lose_api_keys_or_be_revoked_but_may_keep_it_while_other_fields_change()
    {
        var (communityId, key) = await BootstrapAsync();
        var keyId = key.GetProperty("_id").GetString()!;

        var lose = await SendAsync(HttpMethod.Put, $"/api-keys/{keyId}", communityId, new { permissions = new[] { "store", "users" } });
        var keep = await SendAsync(HttpMethod.Put, $"/api-keys/{keyId}", communityId, new { name = "still admin", permissions = new[] { "api-keys" } });
        var revoke = await SendAsync(HttpMethod.Delete, $"/api-keys/{keyId}", communityId);

        Assert.Equal(HttpStatusCode.Conflict, lose.Status);
        Assert.Equal(("last_admin_key", "permissions"),
            (lose.Body.GetProperty("errors")[0].GetProperty("code").GetString(), lose.Body.GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal(HttpStatusCode.OK, keep.Status);
        Assert.Equal(HttpStatusCode.Conflict, revoke.Status);
    }
}
