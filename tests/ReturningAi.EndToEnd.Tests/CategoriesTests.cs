using System.Net;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>Categories with the documented fields, names resolved as for products, partial updates (CONTRACT.md §7).</summary>
[Collection(StackCollection.Name)]
public sealed class CategoriesTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    private static object DocumentedCategory(string name) => new
    {
        name,
        coverImage = "https://example.com/category.png",
        shouldShowCover = true,
        isArchived = false,
        viewType = "preview",
        displayOrder = 3,
        categoryPermission = new[]
        {
            new
            {
                type = "role",
                permission = new { roleNames = new[] { " vip member " }, tagNames = new[] { "EARLY ACCESS" }, usernames = new[] { "alex" }, combination = Array.Empty<object>(), isSelectAll = false },
                purchaseLimit = new { isEnabled = true, quantity = 1, intervalCount = 1, intervalUnit = "months" },
                accessLevel = "full-access",
                isEnabled = true,
            },
        },
        defaultPurchaseStatusName = "pending",
        i18n = new { isTranslationEnabled = true, nameTranslations = new[] { new { language = "th", value = "รางวัล" } } },
    };

    [Fact]
    public async Task A_category_carries_the_documented_fields_with_names_as_the_community_stores_them()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        var created = await Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, DocumentedCategory("VIP Rewards"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("Create category success.", created.Json.GetProperty("message").GetString());
        var data = created.Json.GetProperty("data");
        Assert.Equal(("https://example.com/category.png", true, false, "preview", 3, "Pending"),
            (data.GetProperty("coverImage").GetString(), data.GetProperty("shouldShowCover").GetBoolean(), data.GetProperty("isArchived").GetBoolean(),
             data.GetProperty("viewType").GetString(), data.GetProperty("displayOrder").GetInt32(), data.GetProperty("defaultPurchaseStatus").GetString()));
        var entry = data.GetProperty("categoryPermission")[0];
        Assert.Equal(("VIP Member", "Early Access", true), (entry.GetProperty("permission").GetProperty("roleNames")[0].GetString(),
            entry.GetProperty("permission").GetProperty("tagNames")[0].GetString(), entry.GetProperty("purchaseLimit").GetProperty("isEnabled").GetBoolean()));
        Assert.Equal("รางวัล", data.GetProperty("i18n").GetProperty("nameTranslations")[0].GetProperty("value").GetString());
        Assert.False(data.TryGetProperty("defaultPurchaseStatusName", out _));

        var read = await Api.SendAsync(HttpMethod.Get, $"/apis/categories/{data.GetProperty("_id").GetString()}?fields=name,displayOrder", community.Token);
        Assert.Equal("Read category success.", read.Json.GetProperty("message").GetString());
        Assert.Equal(["_id", "name", "displayOrder"], read.Json.GetProperty("data").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_plain_category_gets_the_defaults_and_a_partial_update_changes_only_what_is_sent()
    {
        var community = await Api.BootstrapCommunityAsync();
        var created = await Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, new { name = "Plain", description = "kept" });
        var id = created.Json.GetProperty("data").GetProperty("_id").GetString();

        var updated = await Api.SendAsync(HttpMethod.Put, $"/apis/categories/{id}", community.Token, new { displayOrder = 10, isArchived = true });

        var defaults = created.Json.GetProperty("data");
        Assert.Equal((null, false, false, "full", 0, null), (defaults.GetProperty("coverImage").GetString(), defaults.GetProperty("shouldShowCover").GetBoolean(),
            defaults.GetProperty("isArchived").GetBoolean(), defaults.GetProperty("viewType").GetString(), defaults.GetProperty("displayOrder").GetInt32(),
            defaults.GetProperty("defaultPurchaseStatus").GetString()));
        Assert.Equal("""{"isTranslationEnabled":false,"nameTranslations":[]}""", defaults.GetProperty("i18n").GetRawText());
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("Update category success.", updated.Json.GetProperty("message").GetString());
        var data = updated.Json.GetProperty("data");
        Assert.Equal(("Plain", "kept", 10, true), (data.GetProperty("name").GetString(), data.GetProperty("description").GetString(),
            data.GetProperty("displayOrder").GetInt32(), data.GetProperty("isArchived").GetBoolean()));

        var listed = await Api.SendAsync(HttpMethod.Get, "/apis/categories?filter=isArchived:true", community.Token);
        Assert.Equal("Read categories success.", listed.Json.GetProperty("message").GetString());
        Assert.Equal([id], listed.Json.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("_id").GetString()));
        var deleted = await Api.SendAsync(HttpMethod.Delete, $"/apis/categories/{id}", community.Token);
        Assert.Equal("Delete category success.", deleted.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Bad_fields_and_unknown_names_are_400_naming_each_and_nothing_is_written()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        var shape = await Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token,
            new { name = "Bad", viewType = "grid", displayOrder = -1, coverImage = "nope", categoryPermission = new[] { new { type = "crowd", accessLevel = "all" } } });
        var names = await Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, new
        {
            name = "Unresolved",
            defaultPurchaseStatusName = "Shipped",
            categoryPermission = new[] { new { type = "role", permission = new { roleNames = new[] { "Nobody" } } } },
        });
        var list = await Api.SendAsync(HttpMethod.Get, "/apis/categories", community.Token);

        Assert.Equal(HttpStatusCode.BadRequest, shape.Status);
        Assert.Equal([("invalid_url", "coverImage"), ("invalid_value", "viewType"), ("out_of_range", "displayOrder"),
                ("invalid_value", "categoryPermission[0].type"), ("invalid_value", "categoryPermission[0].accessLevel")],
            shape.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString())));
        Assert.Equal(HttpStatusCode.BadRequest, names.Status);
        Assert.Equal([("unknown_redemption_status", "defaultPurchaseStatusName"), ("unknown_role", "categoryPermission[0].permission.roleNames[0]")],
            names.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString())));
        Assert.Equal(1, list.Json.GetProperty("meta").GetProperty("total").GetInt32());
    }
}
