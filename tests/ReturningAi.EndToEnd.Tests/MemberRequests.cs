using System.Net;
using System.Text.Json;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>A partner's calls on the user routes through the gateway, spread over a pool of keys.</summary>
public sealed class MemberRequests(PartnerApi api, Bootstrapped community, KeyPool keys)
{
    public Bootstrapped Community => community;

    public KeyPool Keys => keys;

    public static async Task<MemberRequests> StartAsync(PartnerApi api, int keys = 1)
    {
        var community = await api.BootstrapCommunityAsync();
        return new MemberRequests(api, community, await KeyPool.CreateAsync(api, community.Token, keys));
    }

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body = null) => api.SendAsync(method, "/apis" + path, keys.Next(), body);

    public async Task<JsonElement> OkAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await SendAsync(method, path, body);
        Assert.True(response.Status == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.Status} {response.Body}");
        return response.Json.GetProperty("data");
    }

    /// <summary>The error items as (code, field), checking the status and that the body is the error envelope.</summary>
    public async Task<List<(string Code, string? Field)>> RefusedAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        var response = await SendAsync(method, path, body);
        Assert.True(response.Status == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.Status} {response.Body}");
        response.ErrorCode();
        return Items(response);
    }

    public static List<(string Code, string? Field)> Items(ApiResponse response) =>
        [.. response.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString()!,
            e.GetProperty("field").ValueKind == JsonValueKind.Null ? null : e.GetProperty("field").GetString()))];

    public async Task<string> CreateUserAsync(object body) => (await OkAsync(HttpMethod.Post, "/users", body, HttpStatusCode.Created)).GetProperty("_id").GetString()!;

    public async Task<string> CreateFieldAsync(object body) => (await OkAsync(HttpMethod.Post, "/user-fields", body, HttpStatusCode.Created)).GetProperty("_id").GetString()!;

    public async Task<string> CreateLabelAsync(string kind, string name) =>
        (await OkAsync(HttpMethod.Post, $"/{kind}", new { name }, HttpStatusCode.Created)).GetProperty("_id").GetString()!;
}
