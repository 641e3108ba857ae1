using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ReturningAi.Bench;

/// <summary>
/// The largest bulk create that the permission bounds allow (CONTRACT.md section 8): products of 50 entries,
/// each naming 100 roles, 100 tags, 100 users and 20 combination items of 100 roles, as many products as fit
/// in a 10 MiB JSON body, every name one the community has (so the store resolves and stores them all).
/// </summary>
internal static class LargestPermissions
{
    private const int Names = 100;
    private const int Entries = 50;
    private const int CombinationItems = 20;
    private const int MaxBodyBytes = 10 * 1024 * 1024;

    /// <summary>The community's 100 roles, tags and users; returns once the store knows them all.</summary>
    public static async Task<string> BodyForAsync(HttpClient http)
    {
        foreach (var (path, make) in new (string, Func<int, object>)[]
                 {
                     ("/apis/roles", i => new { name = $"r{i}" }),
                     ("/apis/tags", i => new { name = $"t{i}" }),
                     ("/apis/users", i => new { username = $"u{i}", email = $"u{i}@example.com" }),
                 })
        {
            for (var i = 0; i < Names; i++) (await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), make(i))).EnsureSuccessStatusCode();
        }

        var body = Build();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var dry = await http.PostAsync(new Uri("/apis/products/bulk?dryRun=true", UriKind.Relative),
                new StringContent(body, Encoding.UTF8, "application/json"));
            if (dry.StatusCode == HttpStatusCode.OK) return body;
            await Task.Delay(250);
        }

        throw new InvalidOperationException("The store never learned the community's roles, tags and users.");
    }

    private static string Build()
    {
        static JsonArray List(string prefix) => new([.. Enumerable.Range(0, Names).Select(i => (JsonNode)$"{prefix}{i}")]);
        var entry = new JsonObject
        {
            ["isEnabled"] = true,
            ["type"] = "combination",
            ["permission"] = new JsonObject
            {
                ["roleNames"] = List("r"),
                ["tagNames"] = List("t"),
                ["usernames"] = List("u"),
                ["combination"] = new JsonArray([.. Enumerable.Range(0, CombinationItems)
                    .Select(_ => (JsonNode)new JsonObject { ["type"] = "role", ["values"] = List("r") })]),
            },
        };

        var products = new JsonArray();
        string json = "[]";
        for (var p = 0; ; p++)
        {
            var product = new JsonObject
            {
                ["name"] = $"Bounded {p}",
                ["price"] = 10,
                ["categoryName"] = "Premium Rewards",
                ["vouchers"] = new JsonArray(),
                ["productPermission"] = new JsonArray([.. Enumerable.Range(0, Entries).Select(_ => entry.DeepClone())]),
            };
            products.Add(product);
            var next = products.ToJsonString();
            if (Encoding.UTF8.GetByteCount(next) > MaxBodyBytes) return json;
            json = next;
        }
    }
}
