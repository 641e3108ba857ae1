using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ReturningAi.EndToEnd.Tests;

/// <summary>The documented bulk update: products named by productID, nested objects replaced whole, and its CSV form (CONTRACT.md §7).</summary>
[Collection(StackCollection.Name)]
public sealed class BulkUpdateTests(StackFixture stack)
{
    private PartnerApi Api => stack.Api;

    private async Task<(Bootstrapped Community, string[] Ids)> CommunityWithProductsAsync(params JsonObject[] products)
    {
        var community = await Catalogue.CommunityWithPageNamesAsync(Api);
        var created = await Api.SendRawAsync(HttpMethod.Post, "/apis/products/bulk", community.Token, PartnerApi.RawJson(new JsonArray([.. products]).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return (community, [.. created.Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("_id").GetString()!)]);
    }

    [Fact]
    public async Task Products_are_named_by_productID_and_nested_objects_are_replaced_whole()
    {
        var (community, ids) = await CommunityWithProductsAsync(
            Catalogue.Product("One").With("userInformation", new JsonObject { ["isEnabled"] = true, ["shouldCollectName"] = true, ["shouldCollectPhone"] = true }),
            Catalogue.Product("Two"));

        var updated = await Api.SendRawAsync(HttpMethod.Put, "/apis/products/bulk", community.Token, PartnerApi.RawJson($$"""
            [{"productID": "{{ids[0]}}", "price": 120, "userInformation": {"isEnabled": true}, "vouchers": ["VOUCHER-003"], "voucherExpireDate": "2026-12-31T00:00:00.000Z"},
             {"_id": "{{ids[1]}}", "productID": "{{ids[1]}}", "name": "Two again"}]
            """));
        var conflicting = await Api.SendRawAsync(HttpMethod.Put, "/apis/products/bulk", community.Token, PartnerApi.RawJson($$"""
            [{"productID": "{{ids[0]}}", "_id": "{{ids[1]}}", "price": 1}]
            """));
        var unknown = await Api.SendRawAsync(HttpMethod.Put, "/apis/products/bulk", community.Token, PartnerApi.RawJson("""
            [{"productID": "ffffffffffffffffffffffff", "price": 1}]
            """));

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("Update products success.", updated.Json.GetProperty("message").GetString());
        var one = updated.Json.GetProperty("data")[0];
        Assert.Equal((120, 1), (one.GetProperty("price").GetInt32(), one.GetProperty("stocks").GetInt32()));
        Assert.Equal("""{"isEnabled":true,"shouldCollectName":false,"shouldCollectPhone":false,"shouldCollectAddress":false}""", one.GetProperty("userInformation").GetRawText());
        Assert.Equal("Two again", updated.Json.GetProperty("data")[1].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, conflicting.Status);
        Assert.Equal(("conflicting_ids", "[0].productID"), (conflicting.ErrorCode(), conflicting.Json.GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(("product_not_found", "[0].productID"), (unknown.ErrorCode(), unknown.Json.GetProperty("errors")[0].GetProperty("field").GetString()));
    }

    [Fact]
    public async Task A_CSV_updates_by_Product_ID_with_continuation_rows_and_blank_cells_left_alone()
    {
        var (community, ids) = await CommunityWithProductsAsync(Catalogue.Product("Mug").With("description", "kept"), Catalogue.Product("Cap"));
        var csv = $"""
            Product ID,Name,Price,Collect Name,Vouchers,Voucher Expire Date,Permission Enabled,Permission Type,Roles,Tags,Access Level
            {ids[0]},,15,yes,"M-1,M-2",2031-01-01T00:00:00Z,true,role,vip member,,full-access
            ,,,,,,true,tag,,Early Access,view-only
            {ids[1]},Cap v2,,,,,,,,,
            """;

        var updated = await Api.UploadCsvAsync(community.Token, Encoding.UTF8.GetBytes(csv), method: HttpMethod.Put);

        Assert.True(updated.Status == HttpStatusCode.OK, updated.Body);
        Assert.Equal(2, updated.Json.GetProperty("meta").GetProperty("updated").GetInt32());
        var mug = updated.Json.GetProperty("data")[0];
        Assert.Equal(("Mug", "kept", 15, 2, true), (mug.GetProperty("name").GetString(), mug.GetProperty("description").GetString(), mug.GetProperty("price").GetInt32(),
            mug.GetProperty("stocks").GetInt32(), mug.GetProperty("userInformation").GetProperty("shouldCollectName").GetBoolean()));
        Assert.Equal([("role", "VIP Member"), ("tag", "Early Access")], mug.GetProperty("productPermission").EnumerateArray().Select(e =>
            (e.GetProperty("type").GetString(), e.GetProperty("type").GetString() == "role"
                ? e.GetProperty("permission").GetProperty("roleNames")[0].GetString()
                : e.GetProperty("permission").GetProperty("tagNames")[0].GetString())));
        Assert.Equal(("Cap v2", 10), (updated.Json.GetProperty("data")[1].GetProperty("name").GetString(), updated.Json.GetProperty("data")[1].GetProperty("price").GetInt32()));
    }

    [Fact]
    public async Task CSV_update_errors_name_their_row_and_column_and_change_nothing()
    {
        var (community, ids) = await CommunityWithProductsAsync(Catalogue.Product("Mug"));

        var continuation = await Api.UploadCsvAsync(community.Token, Encoding.UTF8.GetBytes(
            $"Product ID,Name,Permission Type\n{ids[0]},,role\n,Renamed,tag\n"), method: HttpMethod.Put);
        var storeRule = await Api.UploadCsvAsync(community.Token, Encoding.UTF8.GetBytes(
            $"Product ID,Price,Permission Type,Purchase Limit Quantity\n{ids[0]},-1,role,1\n,,tag,0\n"), method: HttpMethod.Put);
        var read = await Api.SendAsync(HttpMethod.Get, $"/apis/products/{ids[0]}", community.Token);

        Assert.Equal(HttpStatusCode.BadRequest, continuation.Status);
        var error = continuation.Json.GetProperty("errors")[0];
        Assert.Equal(("continuation_has_product_fields", 3, "Name"), (error.GetProperty("code").GetString(), error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, storeRule.Status);
        Assert.Equal([(2, "Price"), (3, "Purchase Limit Quantity")], storeRule.Json.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())));
        Assert.Equal((10, 0), (read.Json.GetProperty("data").GetProperty("price").GetInt32(), read.Json.GetProperty("data").GetProperty("productPermission").GetArrayLength()));
    }
}
