using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReturningAi.Bench;

/// <summary>A fresh community with the page example's names, made through the partner API: its key and id.</summary>
internal static class Setup
{
    public static async Task<(string Token, string CommunityId)> CommunityAsync(HttpClient http, string adminToken)
    {
        using var bootstrap = new HttpRequestMessage(HttpMethod.Post, "/apis/communities")
        {
            Content = JsonContent.Create(new { name = $"Bench {DateTime.UtcNow:O}", url = "https://bench.example" }),
        };
        bootstrap.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var created = await http.SendAsync(bootstrap);
        created.EnsureSuccessStatusCode();
        var data = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var token = data.GetProperty("apiKey").GetProperty("token").GetString()!;
        var communityId = data.GetProperty("community").GetProperty("_id").GetString()!;

        foreach (var (path, body) in new (string, object)[]
                 {
                     ("/apis/categories", new { name = "Premium Rewards" }),
                     ("/apis/roles", new { name = "VIP Member" }),
                     ("/apis/tags", new { name = "Early Access" }),
                     ("/apis/users", new { username = "alex", email = "alex@example.com" }),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        // The store learns roles, tags and users from events: wait until the page example resolves.
        var example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PageExample.json"));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var dry = new HttpRequestMessage(HttpMethod.Post, "/apis/products/bulk?dryRun=true")
            {
                Content = new StringContent(example, System.Text.Encoding.UTF8, "application/json"),
            };
            dry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if ((await http.SendAsync(dry)).StatusCode == HttpStatusCode.OK) return (token, communityId);
            await Task.Delay(100);
        }

        throw new InvalidOperationException("The store never learned the community's names.");
    }
}
