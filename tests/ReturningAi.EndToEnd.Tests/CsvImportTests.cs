using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReturningAi.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class CsvImportTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_CSV_using_every_column_imports_to_exactly_the_products_of_the_equivalent_JSON()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var csv = """
            Name,Description,Image,Price,Category Name,Discount Enabled,Discount Price,Discount Start Date,Discount End Date,User Information Enabled,Collect Name,Collect Phone,Collect Address,Prioritize Expiring Vouchers,Display Remaining Quantity,Expiring Highlight Enabled,Expiring Highlight Duration,Expiring Highlight Timeframe,Archived,Redemption Instructions,Product Access Enabled,Purchase Status Override Name,Vouchers,Voucher Expire Date,Permission Enabled,Permission Type,Roles,Tags,Users,Combination Type,Combination Values,Special Price,Special Price Enabled,Purchase Limit Enabled,Purchase Limit Quantity,Purchase Limit Interval Count,Purchase Limit Interval Unit,Access Level,Exclusive Tag Enabled
            "Deluxe, ""gold"" card","<p>Two
            lines</p>",https://example.com/p.png,120.5,premium rewards,yes,99.99,2027-01-01T00:00:00Z,2027-02-01T00:00:00Z,1,TRUE,false,1,yes,no,true,3,weeks,false,<p>Show it.</p>,true,pending,"CSV-1, CSV-2",2028-06-30T12:00:00Z,true,role,VIP Member,,,,,70,true,true,2,3,weeks,view-only,true
            ,,,,,,,,,,,,,,,,,,,,,,,,false,combination,,,,user,alex,0,false,false,1,1,months,full-access,false
            Plain,,,0,Premium Rewards,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,
            """;
        var json = """
            [
              {"name": "Deluxe, \"gold\" card", "description": "<p>Two\nlines</p>", "image": "https://example.com/p.png", "price": 120.5,
               "categoryName": "premium rewards", "isDiscountEnabled": true, "discountPrice": 99.99,
               "discountStartDate": "2027-01-01T00:00:00Z", "discountEndDate": "2027-02-01T00:00:00Z",
               "userInformation": {"isEnabled": true, "shouldCollectName": true, "shouldCollectPhone": false, "shouldCollectAddress": true},
               "shouldPrioritiesExpiringVouchers": true, "shouldDisplayRemainingQuantity": false,
               "expiringVoucherHighlight": {"isEnabled": true, "duration": 3, "timeframe": "weeks"},
               "isArchived": false, "redemptionInstructions": "<p>Show it.</p>", "isProductAccessEnabled": true,
               "purchaseStatusOverrideName": "pending", "vouchers": ["CSV-1", "CSV-2"], "voucherExpireDate": "2028-06-30T12:00:00Z",
               "productPermission": [
                 {"isEnabled": true, "type": "role", "permission": {"roleNames": ["VIP Member"]},
                  "purchaseAccess": {"specialPrice": 70, "isSpecialPriceEnabled": true},
                  "purchaseLimit": {"isPurchaseLimitEnabled": true, "quantity": 2, "intervalCount": 3, "intervalUnit": "weeks"},
                  "accessLevel": "view-only", "isExclusiveTagEnabled": true},
                 {"isEnabled": false, "type": "combination", "permission": {"combination": [{"type": "user", "values": ["alex"]}]}}
               ]},
              {"name": "Plain", "price": 0, "categoryName": "Premium Rewards", "vouchers": []}
            ]
            """;

        var fromCsv = await Api.UploadCsvAsync(community.Token, Utf8(csv.Replace("\n", "\r\n", StringComparison.Ordinal)));
        var fromJson = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(json));

        Assert.Equal(HttpStatusCode.Created, fromCsv.Status);
        Assert.Equal(HttpStatusCode.Created, fromJson.Status);
        Assert.Equal(Comparable(fromJson.Json), Comparable(fromCsv.Json));
        Assert.Equal("<p>Two\r\nlines</p>", fromCsv.Json.GetProperty("data")[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_template_downloads_and_imports_as_it_is()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/products/bulk/template");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", community.Token);
        using var download = await Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var template = await download.Content.ReadAsByteArrayAsync();

        var imported = await Api.UploadCsvAsync(community.Token, template);

        Assert.Equal(HttpStatusCode.Created, imported.Status);
        var product = imported.Json.GetProperty("data")[0];
        Assert.Equal(2, product.GetProperty("productPermission").GetArrayLength());
        Assert.Equal(2, product.GetProperty("stocks").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?dryRun=true")]
    public async Task A_wrong_value_on_one_row_and_an_unknown_category_on_another_come_back_together_with_rows_and_columns(string query)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        var response = await Api.UploadCsvAsync(community.Token, Utf8("Name,Price,Category Name\nFirst,-1,Premium Rewards\nSecond,1,No Such Category\n"), query: query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal([("out_of_range", 2, "Price"), ("unknown_category", 3, "Category Name")],
            response.Json.GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())));
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Theory]
    [InlineData("Name,Price,Category Name\n", "empty", null, null)]
    [InlineData(",,\nGift,1,Premium Rewards\n", "unknown_column", 1, "")]
    [InlineData("Name,Price,Category Name,Colour\nGift,1,Premium Rewards,red\n", "unknown_column", 1, "Colour")]
    [InlineData("Name,Price,Category Name,Roles\n,,,VIP Member\nGift,1,Premium Rewards,\n", "continuation_without_product", 2, null)]
    [InlineData("Name,Price,Category Name,Roles\nGift,1,Premium Rewards,\n,5,,VIP Member\n", "continuation_has_product_fields", 3, "Price")]
    [InlineData("Name,Price,Category Name\nGift,1,Premium Rewards\nSecond,abc,Premium Rewards\n", "invalid_number", 3, "Price")]
    [InlineData("Name,Price,Category Name\nGift,1,No Such Category\n", "unknown_category", 2, "Category Name")]
    [InlineData("Name,Price,Category Name,Permission Type,Tags\nGift,1,Premium Rewards,,\n,,,tag,Nope\n", "unknown_tag", 3, "Tags")]
    [InlineData("Name,Price,Category Name,Vouchers,Voucher Expire Date\nGift,1,Premium Rewards,\"A,B,A\",2030-01-01T00:00:00Z\n", "duplicate_voucher", 2, "Vouchers")]
    public async Task Errors_name_their_row_and_column(string csv, string code, int? row, string? column)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        var response = await Api.UploadCsvAsync(community.Token, Utf8(csv));

        Assert.True(response.Status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, response.Body);
        Assert.Equal(code, response.ErrorCode());
        var error = response.Json.GetProperty("errors")[0];
        Assert.Equal(row, error.TryGetProperty("row", out var r) ? r.GetInt32() : null);
        Assert.Equal(column, error.TryGetProperty("column", out var c) ? c.GetString() : null);
        Assert.False(error.TryGetProperty("index", out _));
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task All_errors_of_a_file_are_reported_together()
    {
        var community = await Api.BootstrapCommunityAsync();
        var csv = "Name,Price,Category Name,Archived,Expiring Highlight Duration\nA,x,Cards,maybe,1\nB,1,Cards,no,zero\n";

        var response = await Api.UploadCsvAsync(community.Token, Utf8(csv));

        // The new community has no category "Cards": the names the store cannot resolve come with the values.
        Assert.Equal(
            [(2, "Price"), (2, "Archived"), (2, "Category Name"), (3, "Expiring Highlight Duration"), (3, "Category Name")],
            response.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())));
    }

    [Theory]
    [InlineData("application/json", "file", "unsupported_media_type")]
    [InlineData("text/plain", "file", "unsupported_media_type")]
    [InlineData("text/csv", "upload", "missing_file")]
    public async Task The_file_must_be_a_CSV_in_the_field_named_file(string contentType, string field, string code)
    {
        var community = await Api.BootstrapCommunityAsync();

        var response = await Api.UploadCsvAsync(community.Token, Utf8("Name,Price,Category Name\nA,1,Cards\n"), contentType, field);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.ErrorCode());
    }

    [Theory]
    [InlineData("text/csv; charset=utf-8")]
    [InlineData("application/csv")]
    [InlineData("application/vnd.ms-excel")]
    public async Task Every_accepted_CSV_type_imports(string contentType)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);

        var response = await Api.UploadCsvAsync(community.Token, Utf8("\uFEFFname,PRICE,category name\r\nCafé ✓,1,Premium Rewards\r\n"), contentType);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("Café ✓", response.Json.GetProperty("data")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task More_than_100_products_is_400()
    {
        var community = await Api.BootstrapCommunityAsync();
        var csv = "Name,Price,Category Name\n" + string.Concat(Enumerable.Range(0, 101).Select(i => $"P{i},1,Cards\n"));

        var response = await Api.UploadCsvAsync(community.Token, Utf8(csv));

        Assert.Equal("too_many_products", response.ErrorCode());
    }

    [Fact]
    public async Task A_dry_run_of_a_CSV_answers_like_the_real_call_and_writes_nothing()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var csv = Utf8("Name,Price,Category Name,Vouchers,Voucher Expire Date\nGift,1,Premium Rewards,\"A,B\",2030-01-01T00:00:00Z\n");

        var dry = await Api.UploadCsvAsync(community.Token, csv, query: "?dryRun=true");

        Assert.Equal(HttpStatusCode.OK, dry.Status);
        Assert.True(dry.Json.GetProperty("meta").GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, dry.Json.GetProperty("meta").GetProperty("wouldCreate").GetInt32());
        Assert.False(dry.Json.GetProperty("data")[0].TryGetProperty("_id", out _));
        Assert.Equal((0, 0), await StoreDatabase.CountAsync(community.CommunityId));
    }

    [Fact]
    public async Task Randomly_mutated_CSV_files_never_get_a_5xx()
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var seed = Encoding.UTF8.GetBytes(ReturningAi.Products.Csv.ProductCsvTemplate.Build());
        var random = new Random(4242);
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 150; i++)
        {
            var bytes = seed.ToList();
            for (var m = random.Next(1, 10); m > 0; m--)
            {
                var at = random.Next(bytes.Count);
                if (random.Next(2) == 0) bytes[at] = (byte)random.Next(256);
                else bytes.Insert(at, (byte)",\"\n\r"[random.Next(4)]);
            }

            var response = await Api.UploadCsvAsync(community.Token, [.. bytes], query: "?dryRun=true");
            statuses[response.Status] = statuses.GetValueOrDefault(response.Status) + 1;
            Assert.True((int)response.Status < 500, $"{response.Status}: {response.Body}");
        }

        Assert.True(statuses.Count > 1, "The mutations should produce both accepted and refused files.");
    }

    /// <summary>The response with what differs between two calls removed: ids and timestamps.</summary>
    internal static string Comparable(JsonElement response)
    {
        var node = JsonNode.Parse(response.GetRawText())!;
        node["meta"]!.AsObject().Remove("requestId");
        foreach (var product in node["data"]!.AsArray())
        {
            foreach (var volatileField in new[] { "_id", "createdAt", "updatedAt" }) product!.AsObject().Remove(volatileField);
            product!["description"] = product["description"]!.GetValue<string>().Replace("\r\n", "\n", StringComparison.Ordinal);
        }

        return node.ToJsonString();
    }
}
