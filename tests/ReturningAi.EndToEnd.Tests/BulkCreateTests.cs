using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ReturningAi.TestSupport;

namespace ReturningAi.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class BulkCreateTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    private Task<ApiResponse> BulkAsync(string token, JsonNode body) =>
        Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", token, PartnerApi.RawJson(body.ToJsonString()));

    [Fact]
    public async Task The_page_example_with_the_demo_key_returns_201_in_the_page_shape()
    {
        var response = await Eventually.Until(
            () => Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", stack.DemoApiKey, PartnerApi.RawJson(Catalogue.PageExampleJson)),
            r => r.Status == HttpStatusCode.Created, TimeSpan.FromSeconds(15), "the demo community to be seeded");

        var page = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PageResponse.json"))).RootElement;
        Assert.Equal(Shape(page), Shape(response.Json));
        Assert.Equal("Create products success.", response.Json.GetProperty("message").GetString());
        Assert.Equal(1, response.Json.GetProperty("meta").GetProperty("created").GetInt32());

        var ours = response.Json.GetProperty("data")[0];
        var theirs = page.GetProperty("data")[0];
        // Every value the page shows, except the ids, the timestamps and the description (the page's
        // response example shows a different description from its own request).
        foreach (var property in theirs.EnumerateObject())
        {
            if (property.Name is "_id" or "communityID" or "createdAt" or "updatedAt" or "description") continue;
            Assert.True(JsonElement.DeepEquals(property.Value, ours.GetProperty(property.Name)), $"{property.Name} differs: {ours.GetProperty(property.Name)}");
        }

        Assert.Equal(2, ours.GetProperty("stocks").GetInt32());
        Assert.Matches("^[0-9a-f]{24}$", ours.GetProperty("_id").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", ours.GetProperty("createdAt").GetString());
        Assert.Equal("<p>Premium access reward.</p>", ours.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Products_come_back_in_request_order_with_resolved_names_as_stored()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var body = new JsonArray(
            Catalogue.Product("First", "  premium rewards "),
            Catalogue.Product("Second", "PREMIUM REWARDS", "C-1").With("purchaseStatusOverrideName", "pending"));

        var response = await BulkAsync(community.Token, body);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var data = response.Json.GetProperty("data");
        Assert.Equal(["First", "Second"], data.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.All(data.EnumerateArray(), p => Assert.Equal("Premium Rewards", p.GetProperty("category").GetString()));
        Assert.Equal("""{"isEnabled":true,"status":"Pending"}""", data[1].GetProperty("purchaseStatusOverride").GetRawText());
        Assert.Equal(1, data[1].GetProperty("stocks").GetInt32());
        Assert.Equal((2, 1), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Theory]
    [InlineData("{\"products\": []}", "object_wrapper", null)]
    [InlineData("[]", "empty", null)]
    [InlineData("[{\"name\": ", "malformed_json", null)]
    [InlineData("[{\"name\": \"x\", \"price\": \"1\", \"categoryName\": \"Premium Rewards\", \"vouchers\": []}]", "invalid_type", "[0].price")]
    [InlineData("[{\"name\": \"x\", \"price\": 1, \"categoryName\": \"Premium Rewards\", \"vouchers\": [\"A\"], \"voucherExpireDate\": \"\"}]", "required", "[0].voucherExpireDate")]
    [InlineData("[{\"name\": \"x\", \"price\": 1, \"categoryName\": \"Premium Rewards\", \"vouchers\": [], \"isDiscountEnabled\": true, \"discountPrice\": 1}]", "out_of_range", "[0].discountPrice")]
    [InlineData("[{\"name\": \"a\\u0000b\", \"price\": 1, \"categoryName\": \"Premium Rewards\", \"vouchers\": []}]", "invalid_character", "[0].name")]
    [InlineData("[{\"name\": \"x\", \"price\": 1e400, \"categoryName\": \"Premium Rewards\", \"vouchers\": []}]", "invalid_number", "[0].price")]
    [InlineData("[{\"name\": \"x\", \"price\": 1, \"categoryName\": \"Nope\", \"vouchers\": []}]", "unknown_category", "[0].categoryName")]
    [InlineData("[{\"name\": \"x\", \"price\": 1, \"categoryName\": \"Premium Rewards\", \"vouchers\": [], \"purchaseStatusOverrideName\": \"Nope\"}]", "unknown_redemption_status", "[0].purchaseStatusOverrideName")]
    [InlineData("[{\"name\": \"x\", \"price\": 1, \"categoryName\": \"Premium Rewards\", \"vouchers\": [], \"productPermission\": [{\"type\": \"tag\", \"permission\": {\"tagNames\": [\"Early Access\", \"Nope\"]}}]}]", "unknown_tag", "[0].productPermission[0].permission.tagNames[1]")]
    [InlineData("[{\"name\": \"x\", \"price\": 1, \"categoryName\": \"Premium Rewards\", \"vouchers\": [], \"productPermission\": [{\"type\": \"combination\", \"permission\": {\"combination\": [{\"type\": \"user\", \"values\": [\"nobody\"]}]}}]}]", "unknown_user", "[0].productPermission[0].permission.combination[0].values[0]")]
    public async Task Bad_bodies_get_400_naming_the_problem_and_write_nothing(string body, string code, string? field)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        var response = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.ErrorCode());
        Assert.Equal(field, response.Json.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?dryRun=true")]
    public async Task A_wrong_value_in_one_item_and_an_unknown_category_in_another_come_back_together_and_nothing_is_written(string query)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var wrongPrice = Catalogue.Product("Wrong price");
        wrongPrice["price"] = -1;
        var unknownCategory = Catalogue.Product("Unknown category", "No Such Category");

        var response = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk" + query, community.Token,
            PartnerApi.RawJson(new JsonArray(wrongPrice, unknownCategory).ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("out_of_range", response.ErrorCode());
        Assert.Equal([("out_of_range", "[0].price", 0), ("unknown_category", "[1].categoryName", 1)],
            response.Json.GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString(), e.GetProperty("index").GetInt32())));
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task More_than_100_products_is_400()
    {
        var community = await Api.BootstrapCommunityAsync();
        var body = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)Catalogue.Product($"P{i}"))]);

        var response = await BulkAsync(community.Token, body);

        Assert.Equal("too_many_products", response.ErrorCode());
    }

    [Fact]
    public async Task A_code_repeated_inside_one_product_or_across_two_is_409_naming_each_and_nothing_is_written()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var body = new JsonArray(
            Catalogue.Product("One", vouchers: ["A", "B", "A"]),
            Catalogue.Product("Two", vouchers: ["C", "B"]));

        var response = await BulkAsync(community.Token, body);

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("duplicate_voucher", response.ErrorCode());
        Assert.Equal(
            [("[0].vouchers[2]", 0), ("[1].vouchers[1]", 1)],
            response.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("index").GetInt32())));
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task One_bad_item_among_good_ones_leaves_the_database_untouched()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var body = new JsonArray(
            Catalogue.Product("Good 1", vouchers: ["G-1"]),
            Catalogue.Product("Bad", "No Such Category", "G-2"),
            Catalogue.Product("Good 2", vouchers: ["G-3"]));

        var response = await BulkAsync(community.Token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task A_category_of_another_community_does_not_resolve()
    {
        var mine = await Api.BootstrapCommunityAsync();
        var theirs = await Api.BootstrapCommunityAsync();
        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(HttpMethod.Post, "/apis/categories", theirs.Token, new { name = "Theirs Only" })).Status);

        var response = await BulkAsync(mine.Token, new JsonArray(Catalogue.Product("Mine", "Theirs Only")));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("unknown_category", response.ErrorCode());
    }

    [Fact]
    public async Task A_key_without_the_store_permission_is_403()
    {
        var community = await Api.BootstrapCommunityAsync();
        var (_, usersOnly) = await Api.CreateKeyAsync(community.Token, ["users"]);

        var response = await BulkAsync(usersOnly, new JsonArray(Catalogue.Product("x")));

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
    }

    [Fact]
    public async Task A_killed_store_gives_502_within_the_deadline_and_nothing_lands_later()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        // Killed as a crash would: the command queue stays, nobody consumes it.
        await ServiceProcesses.KillAsync(stack.App, "store", "ReturningAi.Store");
        try
        {
            await stack.App.ResourceNotifications.WaitForResourceAsync("store",
                    e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(60));
            var started = DateTime.UtcNow;

            var response = await BulkAsync(community.Token, new JsonArray(Catalogue.Product("While down", vouchers: ["D-1"])));

            var waited = DateTime.UtcNow - started;
            Assert.Equal(HttpStatusCode.BadGateway, response.Status);
            Assert.Equal("upstream_unavailable", response.ErrorCode());
            Assert.InRange(waited, TimeSpan.FromSeconds(StackFixture.DeadlineSeconds - 1), TimeSpan.FromSeconds(StackFixture.DeadlineSeconds + 10));
        }
        finally
        {
            await stack.App.ResourceCommands.ExecuteCommandAsync("store", KnownResourceCommands.StartCommand);
            await stack.App.ResourceNotifications.WaitForResourceHealthyAsync("store").WaitAsync(TimeSpan.FromSeconds(120));
        }

        // The command expired with the deadline: the restarted store must not create it now.
        var afterRestart = await Eventually.Until(
            () => BulkAsync(community.Token, new JsonArray(Catalogue.Product("After restart"))),
            r => r.Status == HttpStatusCode.Created, TimeSpan.FromSeconds(30), "the restarted store to answer");
        Assert.Equal(HttpStatusCode.Created, afterRestart.Status);
        Assert.Equal((1, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    /// <summary>The property names of a JSON value, recursively and in order: the "shape" the page fixes.</summary>
    private static string Shape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Shape)) + "]",
        _ => "",
    };
}
