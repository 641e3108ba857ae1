using System.Net;
using System.Text.Json.Nodes;
using ReturningAi.TestSupport;

namespace ReturningAi.TestStack;

/// <summary>A community with the names the product page's example uses, created through the partner API.</summary>
public static class Catalogue
{
    public static string PageExampleJson => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PageExample.json"));

    public static JsonArray PageExample() => JsonNode.Parse(PageExampleJson)!.AsArray();

    public static JsonObject Product(string name, string category = "Premium Rewards", params string[] vouchers) => new()
    {
        ["name"] = name,
        ["price"] = 10,
        ["categoryName"] = category,
        ["vouchers"] = new JsonArray([.. vouchers.Select(v => (JsonNode)v)]),
        ["voucherExpireDate"] = vouchers.Length > 0 ? "2030-01-01T00:00:00.000Z" : null,
    };

    /// <summary>Creates the names, then waits until the store has heard of the roles, tags and users.</summary>
    /// <param name="patience">How long the store may take: more than the default right after a broker restart.</param>
    public static async Task<Bootstrapped> CommunityWithPageNamesAsync(PartnerApi api, TimeSpan? patience = null)
    {
        var community = await api.BootstrapCommunityAsync();
        foreach (var (path, body) in new (string, object)[]
                 {
                     ("/apis/categories", new { name = "Premium Rewards", description = "Rewards" }),
                     ("/apis/roles", new { name = "VIP Member" }),
                     ("/apis/tags", new { name = "Early Access" }),
                     ("/apis/users", new { username = "alex", email = "alex@example.com" }),
                 })
        {
            var created = await api.SendAsync(HttpMethod.Post, path, community.Token, body);
            Assert.Equal(HttpStatusCode.Created, created.Status);
        }

        await Eventually.Until(
            () => api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk?dryRun=true", community.Token, PartnerApi.RawJson(PageExampleJson)),
            r => r.Status == HttpStatusCode.OK, patience ?? TimeSpan.FromSeconds(10), "the store to learn the community's roles, tags and users");
        return community;
    }
}
