using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ReturningAi.TestStack;

/// <summary>A partner's view of the gateway: send a request with a token, read the envelope.</summary>
public sealed class PartnerApi(HttpClient http, string platformAdminToken)
{
    public HttpClient Http => http;

    public async Task<Bootstrapped> BootstrapCommunityAsync(string? name = null)
    {
        var response = await SendAsync(HttpMethod.Post, "/apis/communities", platformAdminToken,
            new { name = name ?? "Community " + Guid.NewGuid().ToString("N")[..8], url = "https://example.com" });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        var data = response.Json.GetProperty("data");
        return new Bootstrapped(
            data.GetProperty("community").GetProperty("_id").GetString()!,
            data.GetProperty("apiKey").GetProperty("_id").GetString()!,
            data.GetProperty("apiKey").GetProperty("token").GetString()!);
    }

    public async Task<(string Id, string Token)> CreateKeyAsync(string token, string[] permissions, DateTimeOffset? expiresAt = null)
    {
        var response = await SendAsync(HttpMethod.Post, "/apis/api-keys", token,
            new { name = "key " + Guid.NewGuid().ToString("N")[..8], permissions, expiresAt });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        var data = response.Json.GetProperty("data");
        return (data.GetProperty("_id").GetString()!, data.GetProperty("token").GetString()!);
    }

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, string? token, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null) =>
        SendRawAsync(method, path, token, body is null ? null : JsonContent.Create(body), headers);

    public async Task<ApiResponse> SendRawAsync(HttpMethod method, string path, string? token, HttpContent? content,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var isJson = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true;
        var json = text.Length == 0 || !isJson ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiResponse(response.StatusCode, json, response.Headers, text);
    }

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A CSV upload as a spreadsheet user's browser sends it: multipart, the file in the field <c>file</c>.</summary>
    public Task<ApiResponse> UploadCsvAsync(string token, byte[] csv, string contentType = "text/csv", string field = "file", string query = "",
        IReadOnlyDictionary<string, string>? headers = null, HttpMethod? method = null)
    {
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var form = new MultipartFormDataContent { { file, field, "products.csv" } };
        return SendRawAsync(method ?? HttpMethod.Post, "/apis/products/bulk" + query, token, form, headers);
    }
}

public sealed record Bootstrapped(string CommunityId, string KeyId, string Token);

public sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, HttpResponseHeaders Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>The first error item's code, checking on the way that the body is the contract's error envelope.</summary>
    public string ErrorCode()
    {
        Assert.Equal("error", Json.GetProperty("meta").GetProperty("status").GetString());
        Assert.Equal((int)Status, Json.GetProperty("meta").GetProperty("statusCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(Json.GetProperty("message").GetString()));
        var errors = Json.GetProperty("errors");
        Assert.True(errors.GetArrayLength() > 0, "An error envelope has at least one item.");
        return errors[0].GetProperty("code").GetString()!;
    }
}
