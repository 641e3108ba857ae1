using System.Net;
using System.Text.Json;
using ReturningAi.ServiceDefaults.Identity;

namespace ReturningAi.Store.Tests;

/// <summary>Calls the store as the gateway would, for one community, and reads the envelope.</summary>
internal sealed class StoreApi(StoreFactory factory, HttpClient client)
{
    public string CommunityId { get; } = ObjectIds.New();

    public async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpMethod method, string path, object? body = null,
        string? idempotencyKey = null, string? communityId = null, string permissions = "store")
    {
        using var request = StoreFactory.FromGateway(method, path, communityId ?? CommunityId, body, permissions);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    public Task<long> ScalarAsync(string sql) => factory.ScalarAsync(sql, CommunityId);

    public static string ErrorCode(JsonElement json) => json.GetProperty("errors")[0].GetProperty("code").GetString()!;
}
