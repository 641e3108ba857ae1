using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReturningAi.Contracts.Http;

namespace ReturningAi.Community.Tests;

/// <summary>Requests to the Community service as the gateway forwards them for one community's key.</summary>
public sealed class MemberClient(HttpClient http, string communityId, string keyId, string permissions = "users,api-keys")
{
    public string CommunityId => communityId;

    public static async Task<MemberClient> BootstrapAsync(HttpClient http)
    {
        using var request = CommunityFactory.FromGateway(HttpMethod.Post, "/communities", null,
            body: new { name = "Members " + Guid.NewGuid().ToString("N")[..8], url = "https://acme.example" }, platformAdmin: true);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        return new MemberClient(http, data.GetProperty("community").GetProperty("_id").GetString()!, data.GetProperty("apiKey").GetProperty("_id").GetString()!);
    }

    public MemberClient WithPermissions(string held) => new(http, communityId, keyId, held);

    /// <summary>The same key's requests, sent to another host of the service (one configured otherwise).</summary>
    public MemberClient Through(HttpClient other) => new(other, communityId, keyId, permissions);

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Add(InternalHeaders.GatewayToken, CommunityFactory.GatewayToken);
        request.Headers.Add(InternalHeaders.CommunityId, communityId);
        request.Headers.Add(InternalHeaders.ApiKeyId, keyId);
        request.Headers.Add(InternalHeaders.Permissions, permissions);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The data of a success, checking the status.</summary>
    public async Task<JsonElement> OkAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, json) = await SendAsync(method, path, body);
        Assert.True(status == expected, $"{method} {path}: expected {expected}, got {(int)status} {json}");
        return json.GetProperty("data");
    }

    /// <summary>The error items of a refusal, as (code, field), checking the status and envelope.</summary>
    public async Task<List<(string Code, string? Field)>> RefusedAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        var (status, json) = await SendAsync(method, path, body);
        Assert.True(status == expected, $"{method} {path}: expected {expected}, got {(int)status} {json}");
        Assert.Equal("error", json.GetProperty("meta").GetProperty("status").GetString());
        return [.. json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString()!,
            e.GetProperty("field").ValueKind == JsonValueKind.Null ? null : e.GetProperty("field").GetString()))];
    }

    public async Task<string> CreateFieldAsync(object body) => (await OkAsync(HttpMethod.Post, "/user-fields", body, HttpStatusCode.Created)).GetProperty("_id").GetString()!;

    public async Task<JsonElement> CreateUserAsync(object body) => await OkAsync(HttpMethod.Post, "/users", body, HttpStatusCode.Created);

    public async Task<string> CreateLabelAsync(string kind, string name) =>
        (await OkAsync(HttpMethod.Post, $"/{kind}", new { name }, HttpStatusCode.Created)).GetProperty("_id").GetString()!;
}
