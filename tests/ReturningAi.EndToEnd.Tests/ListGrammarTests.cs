using System.Net;
using System.Text.Json.Nodes;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>The documented list grammar (CONTRACT.md §7) on every list, through the gateway.</summary>
[Collection(StackCollection.Name)]
public sealed class ListGrammarTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    [Fact]
    public async Task Products_page_by_skip_sort_project_search_and_filter_as_documented()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var other = await Api.SendAsync(HttpMethod.Post, "/apis/categories", community.Token, new { name = "Other" });
        var otherId = other.Json.GetProperty("data").GetProperty("_id").GetString();
        var created = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(new JsonArray(
            Catalogue.Product("Alpha mug").With("price", 30), Catalogue.Product("Beta MUG").With("price", 10).With("isArchived", true),
            Catalogue.Product("Gamma", "Other").With("price", 20)).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, created.Status);

        var sorted = await Get(community, "/apis/products?sort=price:asc&skip=1&limit=1&fields=name,price");
        Assert.Equal("Read products success.", sorted.Json.GetProperty("message").GetString());
        Assert.Equal(["_id", "name", "price"], sorted.Json.GetProperty("data")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("Gamma", sorted.Json.GetProperty("data")[0].GetProperty("name").GetString());
        var meta = sorted.Json.GetProperty("meta");
        Assert.Equal((1, 1, 3, 2, 3), (meta.GetProperty("skip").GetInt32(), meta.GetProperty("limit").GetInt32(), meta.GetProperty("total").GetInt32(),
            meta.GetProperty("page").GetInt32(), meta.GetProperty("totalPages").GetInt32()));

        Assert.Equal(["Beta MUG", "Alpha mug"], Names(await Get(community, "/apis/products?search=keyword:mug")));
        Assert.Equal(["Alpha mug"], Names(await Get(community, "/apis/products?search=keyword:mug&filter=isArchived:false")));
        Assert.Equal(["Gamma"], Names(await Get(community, $"/apis/products?filter=categoryID:{otherId}")));
        Assert.Equal(["Gamma", "Beta MUG"], Names(await Get(community, "/apis/products?page=1&limit=2")));
    }

    [Theory]
    [InlineData("/apis/products?sort=colour:asc", "invalid_sort", "sort")]
    [InlineData("/apis/products?fields=name,colour", "invalid_fields", "fields")]
    [InlineData("/apis/products?skip=0&page=1", "conflicting_paging", "page")]
    [InlineData("/apis/products?page=21474838&limit=100", "out_of_range", "page")]
    [InlineData("/apis/products?skip=99999999999", "out_of_range", "skip")]
    [InlineData("/apis/products?filter=colour:red", "invalid_filter", "filter")]
    [InlineData("/apis/categories?sort=price:asc", "invalid_sort", "sort")]
    [InlineData("/apis/redemption-statuses?fields=price", "invalid_fields", "fields")]
    [InlineData("/apis/roles?page=21474838&limit=100", "out_of_range", "page")]
    [InlineData("/apis/tags?skip=1&page=2", "conflicting_paging", "page")]
    [InlineData("/apis/api-keys?sort=token:asc", "invalid_sort", "sort")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string path, string code, string field)
    {
        var community = await Api.BootstrapCommunityAsync();

        var response = await Api.SendAsync(HttpMethod.Get, path, community.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.ErrorCode());
        Assert.Equal(field, response.Json.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Every_other_list_speaks_the_same_grammar()
    {
        var community = await Api.BootstrapCommunityAsync();
        foreach (var name in new[] { "Zeta", "Alpha", "Mu" })
        {
            foreach (var path in new[] { "/apis/roles", "/apis/tags", "/apis/redemption-statuses", "/apis/categories" })
            {
                Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, path, community.Token, new { name })).Status);
            }
        }

        foreach (var path in new[] { "/apis/roles", "/apis/tags", "/apis/redemption-statuses", "/apis/categories" })
        {
            // Statuses also hold the community's default, Pending, made on first use (rewards.md §7).
            var hasPending = path == "/apis/redemption-statuses";
            var page = await Get(community, $"{path}?sort=name:desc&skip=1&limit=1&fields=name");
            Assert.Equal(["_id", "name"], page.Json.GetProperty("data")[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal(hasPending ? "Pending" : "Mu", page.Json.GetProperty("data")[0].GetProperty("name").GetString());
            Assert.Equal((1, hasPending ? 4 : 3), (page.Json.GetProperty("meta").GetProperty("skip").GetInt32(), page.Json.GetProperty("meta").GetProperty("total").GetInt32()));
            Assert.Equal(["Alpha"], Names(await Get(community, $"{path}?search=keyword:alp")));
        }

        await Api.CreateKeyAsync(community.Token, ["store"]);
        var keys = await Get(community, "/apis/api-keys?sort=createdAt:asc&fields=permissions&limit=1");
        Assert.Equal("Read API keys success.", keys.Json.GetProperty("message").GetString());
        Assert.Equal(8, keys.Json.GetProperty("data")[0].GetProperty("permissions").GetArrayLength());
        Assert.Equal(2, keys.Json.GetProperty("meta").GetProperty("total").GetInt32());
    }

    private async Task<ApiResponse> Get(Bootstrapped community, string path)
    {
        var response = await Api.SendAsync(HttpMethod.Get, path, community.Token);
        Assert.True(response.Status == HttpStatusCode.OK, $"{path}: {response.Body}");
        return response;
    }

    private static List<string?> Names(ApiResponse response) =>
        [.. response.Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("name").GetString())];
}
