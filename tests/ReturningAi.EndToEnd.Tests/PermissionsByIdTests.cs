using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>
/// A product's and a category's permission entries point at the roles, tags and users their names resolved to
/// (CONTRACT.md section 8): a rename keeps the rule and shows the new name, a new item taking the old name gains
/// nothing, and a deleted item is shown no more.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class PermissionsByIdTests(StackFixture stack)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(10);

    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task A_renamed_role_keeps_its_rules_a_new_role_of_the_old_name_gains_nothing_and_a_deleted_one_is_shown_no_more()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var gold = await CreateAsync(community.Token, "/apis/roles", "Gold");
        var product = Catalogue.Product("Members only");
        product["productPermission"] = new JsonArray(new JsonObject
        {
            ["type"] = "combination",
            ["permission"] = new JsonObject
            {
                ["roleNames"] = new JsonArray("gold ", "VIP Member"),
                ["tagNames"] = new JsonArray("Early Access"),
                ["usernames"] = new JsonArray("alex"),
                ["combination"] = new JsonArray(new JsonObject { ["type"] = "role", ["values"] = new JsonArray("Gold") }),
            },
        });
        await Eventually.Until(() => Api.SendAsync(HttpMethod.Post, "/apis/products/bulk?dryRun=true", community.Token, new JsonArray(product.DeepClone())),
            r => r.Status == HttpStatusCode.OK, Propagation, "the store to learn the role Gold");
        var created = await Api.SendAsync(HttpMethod.Post, "/apis/products", community.Token, product);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var productId = created.Json.GetProperty("data").GetProperty("_id").GetString()!;
        Assert.Equal(["Gold", "VIP Member"], RoleNames(created.Json.GetProperty("data")));
        var stored = await StoreDatabase.ProductPermissionAsync(productId);
        Assert.Contains(gold, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Gold", stored, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Put, $"/apis/roles/{gold}", community.Token, new { name = "Platinum" })).Status);
        var renamed = await ReadUntilAsync(community.Token, $"/apis/products/{productId}", p => RoleNames(p).SequenceEqual(["Platinum", "VIP Member"]), "the rename to reach the store");
        Assert.Equal(["Platinum"], renamed.GetProperty("productPermission")[0].GetProperty("permission").GetProperty("combination")[0]
            .GetProperty("values").EnumerateArray().Select(v => v.GetString()));

        var newGold = await CreateAsync(community.Token, "/apis/roles", "Gold");
        var withNewGold = Catalogue.Product("Probe");
        withNewGold["productPermission"] = new JsonArray(new JsonObject { ["type"] = "role", ["permission"] = new JsonObject { ["roleNames"] = new JsonArray("Gold") } });
        await Eventually.Until(() => Api.SendAsync(HttpMethod.Post, "/apis/products/bulk?dryRun=true", community.Token, new JsonArray(withNewGold.DeepClone())),
            r => r.Status == HttpStatusCode.OK, Propagation, "the store to learn the new role Gold");
        var updated = await Api.SendAsync(HttpMethod.Put, $"/apis/products/{productId}", community.Token, new { price = 12 });
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(["Platinum", "VIP Member"], RoleNames(updated.Json.GetProperty("data")));
        Assert.DoesNotContain(newGold, await StoreDatabase.ProductPermissionAsync(productId), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Delete, $"/apis/roles/{gold}", community.Token)).Status);
        var deleted = await ReadUntilAsync(community.Token, $"/apis/products/{productId}", p => RoleNames(p).SequenceEqual(["VIP Member"]), "the deletion to reach the store");
        var permission = deleted.GetProperty("productPermission")[0].GetProperty("permission");
        Assert.Equal(0, permission.GetProperty("combination")[0].GetProperty("values").GetArrayLength());
        Assert.Equal(["Early Access"], permission.GetProperty("tagNames").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["alex"], permission.GetProperty("usernames").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task A_category_keeps_its_rules_through_a_rename_gains_nothing_from_a_new_role_of_the_old_name_and_drops_a_deleted_one()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var gold = await CreateAsync(community.Token, "/apis/roles", "Gold");
        var category = new JsonObject
        {
            ["name"] = "Members",
            ["categoryPermission"] = new JsonArray(new JsonObject
            {
                ["type"] = "combination",
                ["permission"] = new JsonObject
                {
                    ["roleNames"] = new JsonArray("gold ", "VIP Member"),
                    ["tagNames"] = new JsonArray("Early Access"),
                    ["usernames"] = new JsonArray("alex"),
                    ["combination"] = new JsonArray(new JsonObject { ["type"] = "role", ["values"] = new JsonArray("Gold") }),
                    ["isSelectAll"] = false,
                },
            }),
        };
        var created = (await Eventually.Until(() => Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, category.DeepClone()),
            r => r.Status != HttpStatusCode.BadRequest, Propagation, "the store to learn the role Gold"));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var categoryId = created.Json.GetProperty("data").GetProperty("_id").GetString()!;
        Assert.Equal(["Gold", "VIP Member"], CategoryRoleNames(created.Json.GetProperty("data")));
        var stored = await StoreDatabase.CategoryPermissionAsync(categoryId);
        Assert.Contains(gold, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Gold", stored, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Put, $"/apis/roles/{gold}", community.Token, new { name = "Platinum" })).Status);
        var renamed = await ReadUntilAsync(community.Token, $"/apis/categories/{categoryId}", c => CategoryRoleNames(c).SequenceEqual(["Platinum", "VIP Member"]), "the rename to reach the store");
        Assert.Equal(["Platinum"], renamed.GetProperty("categoryPermission")[0].GetProperty("permission").GetProperty("combination")[0]
            .GetProperty("values").EnumerateArray().Select(v => v.GetString()));

        var newGold = await CreateAsync(community.Token, "/apis/roles", "Gold");
        var probe = new { name = "Probe", categoryPermission = new[] { new { type = "role", permission = new { roleNames = new[] { "Gold" } } } } };
        await Eventually.Until(() => Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, probe),
            r => r.Status == HttpStatusCode.Created, Propagation, "the store to learn the new role Gold");
        var updated = await Api.SendAsync(HttpMethod.Put, $"/apis/categories/{categoryId}", community.Token, new { displayOrder = 4 });
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(["Platinum", "VIP Member"], CategoryRoleNames(updated.Json.GetProperty("data")));
        Assert.DoesNotContain(newGold, await StoreDatabase.CategoryPermissionAsync(categoryId), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Delete, $"/apis/roles/{gold}", community.Token)).Status);
        var deleted = await ReadUntilAsync(community.Token, $"/apis/categories/{categoryId}", c => CategoryRoleNames(c).SequenceEqual(["VIP Member"]), "the deletion to reach the store");
        var permission = deleted.GetProperty("categoryPermission")[0].GetProperty("permission");
        Assert.Equal(0, permission.GetProperty("combination")[0].GetProperty("values").GetArrayLength());
        Assert.Equal(["Early Access"], permission.GetProperty("tagNames").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["alex"], permission.GetProperty("usernames").EnumerateArray().Select(u => u.GetString()));

        var unknown = await Api.SendAsync(HttpMethod.Put, $"/apis/categories/{categoryId}", community.Token,
            new { categoryPermission = new[] { new { type = "role", permission = new { roleNames = new[] { "VIP Member", "Nobody" } } } } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal([("unknown_role", "categoryPermission[0].permission.roleNames[1]")],
            unknown.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString())));
        Assert.Equal(["VIP Member"], CategoryRoleNames((await Api.SendAsync(HttpMethod.Get, $"/apis/categories/{categoryId}", community.Token)).Json.GetProperty("data")));
    }

    private async Task<string> CreateAsync(string token, string path, string name)
    {
        var created = await Api.SendAsync(HttpMethod.Post, path, token, new { name });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Json.GetProperty("data").GetProperty("_id").GetString()!;
    }

    private async Task<JsonElement> ReadUntilAsync(string token, string path, Func<JsonElement, bool> done, string what) =>
        (await Eventually.Until(() => Api.SendAsync(HttpMethod.Get, path, token),
            r => r.Status == HttpStatusCode.OK && done(r.Json.GetProperty("data")), Propagation, what)).Json.GetProperty("data");

    private static List<string?> CategoryRoleNames(JsonElement category) => RoleNames(category, "categoryPermission");

    private static List<string?> RoleNames(JsonElement item, string field = "productPermission") =>
        [.. item.GetProperty(field)[0].GetProperty("permission").GetProperty("roleNames").EnumerateArray().Select(r => r.GetString())];
}
