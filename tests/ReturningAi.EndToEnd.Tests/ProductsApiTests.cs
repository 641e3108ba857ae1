using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReturningAi.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class ProductsApiTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    private async Task<(Bootstrapped Community, JsonElement[] Products)> CommunityWithProductsAsync(params JsonObject[] products)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var created = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token,
            PartnerApi.RawJson(new JsonArray([.. products]).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return (community, [.. created.Json.GetProperty("data").EnumerateArray()]);
    }

    [Fact]
    public async Task A_product_from_a_bulk_create_is_readable_at_once()
    {
        var (community, products) = await CommunityWithProductsAsync(Catalogue.Product("Readable", vouchers: ["R-1"]));

        var read = await Api.SendAsync(HttpMethod.Get, $"/apis/products/{products[0].GetProperty("_id").GetString()}", community.Token);

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(products[0].GetRawText(), read.Json.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Lists_page_newest_first_and_filter()
    {
        var (community, _) = await CommunityWithProductsAsync(
            Catalogue.Product("Alpha mug"), Catalogue.Product("Beta MUG").With("isArchived", true), Catalogue.Product("Gamma"));
        await Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, new { name = "Other" });
        await CommunityWithSecondBatchAsync(community);

        var page1 = await Api.SendAsync(HttpMethod.Get, "/apis/products?limit=2", community.Token);
        Assert.Equal(HttpStatusCode.OK, page1.Status);
        var meta = page1.Json.GetProperty("meta");
        Assert.Equal((1, 2, 4, 2), (meta.GetProperty("page").GetInt32(), meta.GetProperty("limit").GetInt32(), meta.GetProperty("total").GetInt32(), meta.GetProperty("totalPages").GetInt32()));
        Assert.Equal("Delta", page1.Json.GetProperty("data")[0].GetProperty("name").GetString());

        var pastEnd = await Api.SendAsync(HttpMethod.Get, "/apis/products?page=9&limit=2", community.Token);
        Assert.Equal(0, pastEnd.Json.GetProperty("data").GetArrayLength());
        Assert.Equal(4, pastEnd.Json.GetProperty("meta").GetProperty("total").GetInt32());

        Assert.Equal(["Beta MUG", "Alpha mug"], Names(await Api.SendAsync(HttpMethod.Get, "/apis/products?search=mug", community.Token)));
        Assert.Equal(["Beta MUG"], Names(await Api.SendAsync(HttpMethod.Get, "/apis/products?isArchived=true", community.Token)));
        Assert.Equal(["Delta"], Names(await Api.SendAsync(HttpMethod.Get, "/apis/products?categoryName=other", community.Token)));

        foreach (var bad in new[] { "limit=0", "limit=101", "page=0", "isArchived=maybe" })
        {
            var response = await Api.SendAsync(HttpMethod.Get, $"/apis/products?{bad}", community.Token);
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        }
    }

    private async Task CommunityWithSecondBatchAsync(Bootstrapped community)
    {
        var created = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token,
            PartnerApi.RawJson(new JsonArray(Catalogue.Product("Delta", "Other")).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, created.Status);
    }

    [Fact]
    public async Task Single_create_uses_paths_without_an_index()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        var created = await Api.SendRawAsync(HttpMethod.Post, "/apis/products", community.Token, PartnerApi.RawJson(Catalogue.Product("Solo", vouchers: ["S-1"]).ToJsonString()));
        var invalid = await Api.SendRawAsync(HttpMethod.Post, "/apis/products", community.Token, PartnerApi.RawJson(Catalogue.Product("Bad").With("price", -1).ToJsonString()));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(1, created.Json.GetProperty("data").GetProperty("stocks").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("price", invalid.Json.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_partial_update_changes_only_what_is_sent_and_appends_vouchers()
    {
        var (community, products) = await CommunityWithProductsAsync(Catalogue.Product("Before", vouchers: ["A-1"]).With("description", "kept"));
        var id = products[0].GetProperty("_id").GetString();

        var updated = await Api.SendAsync(HttpMethod.Put, $"/apis/products/{id}", community.Token,
            new { name = "After", expiringVoucherHighlight = new { duration = 3 }, vouchers = new[] { "A-2", "A-3" }, voucherExpireDate = "2031-01-01T00:00:00Z" });

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        var product = updated.Json.GetProperty("data");
        Assert.Equal(("After", "kept", 3, "days", 3), (product.GetProperty("name").GetString(), product.GetProperty("description").GetString(),
            product.GetProperty("expiringVoucherHighlight").GetProperty("duration").GetInt32(),
            product.GetProperty("expiringVoucherHighlight").GetProperty("timeframe").GetString(), product.GetProperty("stocks").GetInt32()));
        Assert.Equal(products[0].GetProperty("createdAt").GetString(), product.GetProperty("createdAt").GetString());

        var duplicate = await Api.SendAsync(HttpMethod.Put, $"/apis/products/{id}", community.Token, new { vouchers = new[] { "A-9", "A-1" }, voucherExpireDate = "2031-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal(("duplicate_voucher", "vouchers[1]"), (duplicate.ErrorCode(), duplicate.Json.GetProperty("errors")[0].GetProperty("field").GetString()));

        var noDate = await Api.SendAsync(HttpMethod.Put, $"/apis/products/{id}", community.Token, new { vouchers = new[] { "A-9" } });
        Assert.Equal(HttpStatusCode.BadRequest, noDate.Status);
        Assert.Equal("voucherExpireDate", noDate.Json.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal((1, 3), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task Bulk_update_is_atomic_and_an_unknown_id_is_404_with_its_index()
    {
        var (community, products) = await CommunityWithProductsAsync(Catalogue.Product("One"), Catalogue.Product("Two"));
        var one = products[0].GetProperty("_id").GetString();
        var two = products[1].GetProperty("_id").GetString();

        var unknown = await Api.SendRawAsync(HttpMethod.Put, "/apis/products/bulk", community.Token, PartnerApi.RawJson(
            $$"""[{"_id": "{{one}}", "name": "Changed"}, {"_id": "ffffffffffffffffffffffff", "name": "Ghost"}]"""));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(("product_not_found", 1), (unknown.ErrorCode(), unknown.Json.GetProperty("errors")[0].GetProperty("index").GetInt32()));
        Assert.Equal("One", (await Api.SendAsync(HttpMethod.Get, $"/apis/products/{one}", community.Token)).Json.GetProperty("data").GetProperty("name").GetString());

        var updated = await Api.SendRawAsync(HttpMethod.Put, "/apis/products/bulk", community.Token, PartnerApi.RawJson(
            $$"""[{"_id": "{{one}}", "price": 7}, {"_id": "{{two}}", "isArchived": true, "vouchers": ["T-1"], "voucherExpireDate": "2031-01-01T00:00:00Z"}]"""));
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(2, updated.Json.GetProperty("meta").GetProperty("updated").GetInt32());
        Assert.Equal(7, updated.Json.GetProperty("data")[0].GetProperty("price").GetInt32());
        Assert.True(updated.Json.GetProperty("data")[1].GetProperty("isArchived").GetBoolean());
        Assert.Equal(1, updated.Json.GetProperty("data")[1].GetProperty("stocks").GetInt32());
    }

    [Fact]
    public async Task Delete_answers_the_product_as_it_was_and_its_vouchers_go_with_it()
    {
        var (community, products) = await CommunityWithProductsAsync(Catalogue.Product("Doomed", vouchers: ["D-1", "D-2"]));
        var id = products[0].GetProperty("_id").GetString();

        var deleted = await Api.SendAsync(HttpMethod.Delete, $"/apis/products/{id}", community.Token);

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(2, deleted.Json.GetProperty("data").GetProperty("stocks").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/apis/products/{id}", community.Token)).Status);
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task Another_communitys_product_is_404_on_every_route()
    {
        var (owner, products) = await CommunityWithProductsAsync(Catalogue.Product("Private", vouchers: ["P-1"]));
        var id = products[0].GetProperty("_id").GetString();
        var stranger = await Catalogue.CommunityWithPageNamesAsync(Api);

        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/apis/products/{id}", stranger.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Put, $"/apis/products/{id}", stranger.Token, new { name = "Mine" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Delete, $"/apis/products/{id}", stranger.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendRawAsync(HttpMethod.Put, "/apis/products/bulk", stranger.Token,
            PartnerApi.RawJson($$"""[{"_id": "{{id}}", "name": "Mine"}]"""))).Status);
        Assert.Equal(0, (await Api.SendAsync(HttpMethod.Get, "/apis/products", stranger.Token)).Json.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal("Private", (await Api.SendAsync(HttpMethod.Get, $"/apis/products/{id}", owner.Token)).Json.GetProperty("data").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Store_configuration_has_defaults_and_updates_partially()
    {
        var community = await Api.BootstrapCommunityAsync();

        var initial = await Api.SendAsync(HttpMethod.Get, "/apis/store/configuration", community.Token);
        Assert.Equal("""{"currencyName":"Points","isStoreOpen":true}""", initial.Json.GetProperty("data").GetRawText());

        await Api.SendAsync(HttpMethod.Put, "/apis/store/configuration", community.Token, new { isStoreOpen = false });
        var renamed = await Api.SendAsync(HttpMethod.Put, "/apis/store/configuration", community.Token, new { currencyName = "Gems" });

        Assert.Equal("""{"currencyName":"Gems","isStoreOpen":false}""", renamed.Json.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task A_dry_run_matches_the_real_call_and_writes_nothing()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var body = PartnerApi.RawJson(Catalogue.PageExampleJson);

        var dry = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk?dryRun=true", community.Token, body);
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
        var real = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(Catalogue.PageExampleJson));

        Assert.Equal(HttpStatusCode.OK, dry.Status);
        var expected = JsonNode.Parse(real.Json.GetProperty("data")[0].GetRawText())!.AsObject();
        foreach (var field in new[] { "_id", "createdAt", "updatedAt" }) expected.Remove(field);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(dry.Json.GetProperty("data")[0].GetRawText())), dry.Body);

        var dryInvalid = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk?dryRun=true", community.Token,
            PartnerApi.RawJson("""[{"name": "x", "price": 1, "categoryName": "Nope", "vouchers": []}]"""));
        Assert.Equal(("unknown_category", HttpStatusCode.BadRequest), (dryInvalid.ErrorCode(), dryInvalid.Status));
    }

    private static List<string?> Names(ApiResponse response) =>
        [.. response.Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("name").GetString())];
}
